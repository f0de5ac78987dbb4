package org.termsguard.policy.metering;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.termsguard.contracts.events.AccessEvent;

/** Takes {@code access-events} in batches, one database transaction per batch. */
@ApplicationScoped
public class AccessEventConsumer {

    public static final String CHANNEL = "access-events";

    private final ProcessedEvents processed;

    public AccessEventConsumer(ProcessedEvents processed) {
        this.processed = processed;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(List<AccessEvent> batch) {
        List<String> ids = batch.stream().map(AccessEvent::eventId).toList();
        return Panache.withTransaction(() -> processed.recordNew(ids))
                .invoke(fresh -> Log.debugf("Batch of %d events, %d new", ids.size(), fresh.size()))
                .onFailure()
                .invoke(e -> Log.errorf(e, "Batch of %d events failed and goes to the dead-letter topic", batch.size()))
                .replaceWithVoid();
    }
}
