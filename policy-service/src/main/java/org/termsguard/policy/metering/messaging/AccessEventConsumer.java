package org.termsguard.policy.metering.messaging;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.OwnedEventId;
import org.termsguard.platform.deadletters.BatchBisection;
import org.termsguard.platform.deadletters.DeadLetters;
import org.termsguard.platform.deadletters.FailureKind;
import org.termsguard.policy.metering.service.BatchEvaluation;

/**
 * Takes {@code access-events} in batches. Records that cannot be read or judged go to {@code access-events.dlq};
 * the rest are judged in one transaction. When the database or the broker fails, the batch is retried with
 * backoff until it succeeds: its offsets are acknowledged only after that, so nothing is skipped. A record that
 * can never succeed (the database refuses its values) is found by {@link BatchBisection} and dead-lettered with
 * the reason, so it neither stalls the partition nor takes the rest of its batch with it.
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
        List<KafkaRecord<String, AccessEvent>> judgeable =
                new ArrayList<>(triage.readable().size());
        List<Uni<Void>> letters = new ArrayList<>();
        for (KafkaRecord<String, AccessEvent> record : triage.readable()) {
            String problem = incomplete(record.getPayload());
            if (problem == null) {
                judgeable.add(record);
            } else {
                letters.add(deadLetters.send(record, bytes(record.getPayload()), "invalid access event: " + problem));
            }
        }
        // Dead letters go out before the batch is acknowledged: a crash in between re-sends them, never loses them.
        return BatchBisection.run(
                        judgeable,
                        records -> evaluation.judge(
                                records.stream().map(KafkaRecord::getPayload).toList()),
                        (record, failure) -> deadLetters.send(
                                record, bytes(record.getPayload()), "cannot be judged: " + FailureKind.reason(failure)))
                .call(outcomes -> divertRejected(judgeable, outcomes))
                .invoke(outcomes -> outcomes.forEach(outcome -> Log.debugf(
                        "Batch: %d new, %d duplicates, %d without terms, %d rejected, %d unreadable",
                        outcome.fresh(),
                        outcome.duplicates(),
                        outcome.unjudged(),
                        outcome.rejected().size(),
                        triage.unreadable().size())))
                .call(() -> deadLetters.divert(triage.unreadable()))
                .call(() -> letters.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : Uni.join().all(letters).andFailFast())
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    private Uni<Void> divertRejected(
            List<KafkaRecord<String, AccessEvent>> records, List<BatchEvaluation.Outcome> outcomes) {
        Map<OwnedEventId, String> rejected = new HashMap<>();
        outcomes.forEach(outcome -> rejected.putAll(outcome.rejected()));
        if (rejected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sent = new ArrayList<>();
        for (KafkaRecord<String, AccessEvent> record : records) {
            // One letter per rejected event, for its first copy: later copies in the batch were duplicates.
            String reason = rejected.remove(OwnedEventId.of(record.getPayload()));
            if (reason != null) {
                sent.add(deadLetters.send(record, bytes(record.getPayload()), reason));
            }
        }
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
