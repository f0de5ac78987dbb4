package org.termsguard.alert.violations;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.termsguard.contracts.violations.Violation;
import org.termsguard.platform.deadletters.DeadLetters;

/** Takes {@code violations} in batches, one database transaction per batch. */
@ApplicationScoped
public class ViolationConsumer {

    public static final String CHANNEL = "violations";

    private final ViolationLedger ledger;
    private final DeadLetters deadLetters;

    public ViolationConsumer(ViolationLedger ledger, DeadLetters deadLetters) {
        this.ledger = ledger;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, Violation> batch) {
        var triage = DeadLetters.triage(batch);
        List<Violation> violations =
                triage.readable().stream().map(KafkaRecord::getPayload).toList();
        // Offsets are acknowledged only after the transaction committed and the dead letters are on the broker.
        return Panache.withTransaction(() -> ledger.keepNew(violations))
                .invoke(fresh -> Log.debugf(
                        "Batch of %d violations: %d new, %d unreadable",
                        batch.getRecords().size(),
                        fresh.size(),
                        triage.unreadable().size()))
                .call(() -> deadLetters.divert(triage.unreadable()))
                .chain(() -> Uni.createFrom().completionStage(batch::ack))
                .onFailure()
                .recoverWithUni(e -> {
                    Log.errorf(
                            e,
                            "Batch of %d violations failed",
                            batch.getRecords().size());
                    return Uni.createFrom().completionStage(() -> batch.nack(e));
                });
    }
}
