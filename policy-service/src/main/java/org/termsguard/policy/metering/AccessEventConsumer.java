package org.termsguard.policy.metering;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.platform.deadletters.DeadLetters;

/** Takes {@code access-events} in batches, one database transaction per batch. */
@ApplicationScoped
public class AccessEventConsumer {

    public static final String CHANNEL = "access-events";

    private final ProcessedEvents processed;
    private final DeadLetters deadLetters;

    public AccessEventConsumer(ProcessedEvents processed, DeadLetters deadLetters) {
        this.processed = processed;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, AccessEvent> batch) {
        var triage = DeadLetters.triage(batch);
        List<String> ids = triage.readable().stream()
                .map(KafkaRecord::getPayload)
                .map(AccessEvent::eventId)
                .toList();
        // Offsets are acknowledged only after the transaction committed and the dead letters are on the broker.
        return Panache.withTransaction(() -> processed.recordNew(ids))
                .invoke(fresh -> Log.debugf(
                        "Batch of %d events: %d new, %d unreadable",
                        batch.getRecords().size(),
                        fresh.size(),
                        triage.unreadable().size()))
                .call(() -> deadLetters.divert(triage.unreadable()))
                .chain(() -> Uni.createFrom().completionStage(batch::ack))
                .onFailure()
                .recoverWithUni(e -> {
                    Log.errorf(
                            e, "Batch of %d events failed", batch.getRecords().size());
                    return Uni.createFrom().completionStage(() -> batch.nack(e));
                });
    }
}
