package org.termsguard.ingest.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.validation.FieldError;
import org.termsguard.ingest.producers.ProducerIdentity;

/**
 * Checks posted items all or nothing: every item is read and checked against the producer's scope, and only a
 * batch without a single error yields events, stamped with the producer and the time of reception.
 */
public final class BatchCheck {

    /**
     * What a batch came to: the stamped events when both lists of errors are empty.
     *
     * @param errors what is wrong with the items themselves (422)
     * @param outOfScope items for owners the producer may not report for (403)
     */
    public record Outcome(List<AccessEvent> events, List<FieldError> errors, List<FieldError> outOfScope) {
        public boolean accepted() {
            return errors.isEmpty() && outOfScope.isEmpty();
        }
    }

    private final EventReader reader;

    public BatchCheck(EventReader reader) {
        this.reader = reader;
    }

    /** @param batched whether errors carry the item's index (a batch) or not (a single event) */
    public Outcome check(ProducerIdentity producer, List<IntakeItem> items, boolean batched, Instant receivedAt) {
        List<FieldError> errors = new ArrayList<>();
        List<FieldError> outOfScope = new ArrayList<>();
        List<AccessEvent> events = new ArrayList<>(items.size());
        Map<String, Integer> firstIndexOfId = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            IntakeItem item = items.get(i);
            List<FieldError> itemErrors = new ArrayList<>(item.errors());
            AccessEvent event = null;
            if (item.event() != null) {
                var result = reader.read(item.event());
                for (FieldError error : result.errors()) {
                    itemErrors.add(FieldError.of(item.fieldPrefix() + error.field(), error.message()));
                }
                event = result.event();
            }
            if (event != null) {
                Integer earlier = firstIndexOfId.putIfAbsent(event.eventId(), i);
                if (earlier != null) {
                    itemErrors.add(FieldError.of("eventId", "repeats the eventId of item " + earlier));
                } else if (!producer.mayReportFor(event.owner())) {
                    FieldError error = FieldError.of("owner", "'" + event.owner() + "' is outside this key's owners");
                    outOfScope.add(batched ? error.at(i) : error);
                }
            }
            for (FieldError error : itemErrors) {
                errors.add(batched ? error.at(i) : error);
            }
            if (event != null) {
                events.add(event.withReception(producer.producerId(), receivedAt));
            }
        }
        return new Outcome(events, errors, outOfScope);
    }
}
