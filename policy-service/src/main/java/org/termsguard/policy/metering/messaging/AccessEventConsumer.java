package org.termsguard.policy.metering.messaging;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.platform.deadletters.DeadLetters;
import org.termsguard.policy.metering.service.BatchEvaluation;

/**
 * Takes {@code access-events} in batches. Records that cannot be read or judged go to {@code access-events.dlq};
 * the rest are judged in one transaction. When the database or the broker fails, the batch is retried with
 * backoff until it succeeds: its offsets are acknowledged only after that, so nothing is skipped.
 */
@ApplicationScoped
public class AccessEventConsumer {

    public static final String CHANNEL = "access-events";

    private final BatchEvaluation evaluation;
    private final DeadLetters deadLetters;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public AccessEventConsumer(
            BatchEvaluation evaluation, DeadLetters deadLetters, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.evaluation = evaluation;
        this.deadLetters = deadLetters;
        this.json = json;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, AccessEvent> batch) {
        var triage = DeadLetters.triage(batch);
        List<AccessEvent> events = new ArrayList<>(triage.readable().size());
        List<Uni<Void>> letters = new ArrayList<>();
        for (KafkaRecord<String, AccessEvent> record : triage.readable()) {
            String problem = incomplete(record.getPayload());
            if (problem == null) {
                events.add(record.getPayload());
            } else {
                letters.add(deadLetters.send(record, bytes(record.getPayload()), "invalid access event: " + problem));
            }
        }
        return evaluation
                .judge(events)
                .onFailure()
                .invoke(e -> Log.warnf(e, "Batch of %d events failed; retrying", events.size()))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely()
                .call(outcome -> divertRejected(triage.readable(), outcome.rejected()))
                .invoke(outcome -> Log.debugf(
                        "Batch: %d new, %d duplicates, %d without terms, %d rejected, %d unreadable",
                        outcome.fresh(),
                        outcome.duplicates(),
                        outcome.unjudged(),
                        outcome.rejected().size(),
                        triage.unreadable().size()))
                .call(() -> deadLetters.divert(triage.unreadable()))
                .call(() -> letters.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : Uni.join().all(letters).andFailFast())
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    private Uni<Void> divertRejected(List<KafkaRecord<String, AccessEvent>> records, Map<String, String> rejected) {
        if (rejected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sent = records.stream()
                .filter(r -> rejected.containsKey(r.getPayload().eventId()))
                .map(r -> deadLetters.send(
                        r, bytes(r.getPayload()), rejected.get(r.getPayload().eventId())))
                .toList();
        return Uni.join().all(sent).andFailFast().replaceWithVoid();
    }

    /** What an event that got past deserialization still lacks to be judged; null when nothing. */
    public static String incomplete(AccessEvent event) {
        if (event.eventId() == null || event.eventId().isBlank()) {
            return "no eventId";
        }
        if (event.owner() == null || event.owner().isBlank()) {
            return "no owner";
        }
        if (event.observedAt() == null) {
            return "no observedAt";
        }
        if (event.channel() == null) {
            return "no channel";
        }
        if (event.resource() == null || event.resource().kind() == null) {
            return "no resource kind";
        }
        if (event.volume() != null
                && event.volume().records() != null
                && event.volume().records() < 0) {
            return "negative volume";
        }
        return null;
    }

    private byte[] bytes(AccessEvent event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }
}
