package org.termsguard.alert.violations;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.termsguard.contracts.violations.Violation;

/** Takes {@code violations} in batches, one database transaction per batch. */
@ApplicationScoped
public class ViolationConsumer {

    public static final String CHANNEL = "violations";

    private final ViolationLedger ledger;

    public ViolationConsumer(ViolationLedger ledger) {
        this.ledger = ledger;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(List<Violation> batch) {
        return Panache.withTransaction(() -> ledger.keepNew(batch))
                .invoke(fresh -> Log.debugf("Batch of %d violations, %d new", batch.size(), fresh.size()))
                .onFailure()
                .invoke(e ->
                        Log.errorf(e, "Batch of %d violations failed and goes to the dead-letter topic", batch.size()))
                .replaceWithVoid();
    }
}
