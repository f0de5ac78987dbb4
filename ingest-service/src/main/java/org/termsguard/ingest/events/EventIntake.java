package org.termsguard.ingest.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.ingest.IngestConfig;
import org.termsguard.ingest.producers.ProducerIdentity;
import org.termsguard.platform.problems.Problem;
import org.termsguard.platform.problems.Problem.FieldError;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;

/**
 * Accepts a batch of events all or nothing: every item is read and checked against the producer's scope first,
 * and only a batch without a single error is stamped and published.
 */
@ApplicationScoped
public class EventIntake {

    /** A problem lists at most this many field errors, so that a 10,000-item mistake stays readable. */
    static final int MAX_LISTED_ERRORS = 1000;

    /**
     * One item as posted: the JSON of the access event and the errors found around it (a line that is not JSON, a
     * CloudEvent envelope that is wrong).
     *
     * @param fieldPrefix where the event sits in what was posted: {@code data.} inside a CloudEvent
     */
    public record Item(JsonNode event, List<FieldError> errors, String fieldPrefix) {
        public static Item of(JsonNode event) {
            return new Item(event, List.of(), "");
        }

        public static Item unreadable(String why) {
            return new Item(null, List.of(FieldError.of("", why)), "");
        }
    }

    private final EventReader reader;
    private final AccessEventPublisher publisher;
    private final IngestMetrics metrics;
    private final Clock clock;

    public EventIntake(AccessEventPublisher publisher, IngestMetrics metrics, IngestConfig config) {
        this.clock = Clock.systemUTC();
        this.reader = new EventReader(clock, config.maxClockSkew());
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /**
     * @param batched whether errors carry the item's index (a batch) or not (a single event)
     * @return the ids of the published events, in order
     */
    public Uni<List<String>> accept(ProducerIdentity producer, List<Item> items, boolean batched, String endpoint) {
        List<FieldError> errors = new ArrayList<>();
        List<FieldError> outOfScope = new ArrayList<>();
        List<AccessEvent> events = new ArrayList<>(items.size());
        Map<String, Integer> firstIndexOfId = new HashMap<>();
        Instant receivedAt = clock.instant();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
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
        if (!errors.isEmpty()) {
            metrics.rejected("validation", items.size());
            throw new ProblemException(tooMany(Problems.validation(
                    (batched
                                    ? "The batch was not accepted: " + countItems(errors) + " of " + items.size()
                                            + " events are"
                                    : "The event is")
                            + " not valid. Nothing was published.",
                    errors)));
        }
        if (!outOfScope.isEmpty()) {
            metrics.rejected("scope", items.size());
            throw new ProblemException(tooMany(Problems.forbidden("This API key may report only for "
                            + producer.owners().stream().sorted().toList() + ". Nothing was published.")
                    .withErrors(outOfScope)));
        }
        return publisher
                .publish(events)
                .onFailure()
                .invoke(e -> metrics.rejected("unavailable", events.size()))
                .invoke(() -> metrics.accepted(endpoint, events.size()))
                .replaceWith(() -> events.stream().map(AccessEvent::eventId).toList());
    }

    private static long countItems(List<FieldError> errors) {
        return errors.stream().map(FieldError::index).distinct().count();
    }

    private static Problem tooMany(Problem problem) {
        if (problem.errors() == null || problem.errors().size() <= MAX_LISTED_ERRORS) {
            return problem;
        }
        return new Problem(
                problem.type(),
                problem.title(),
                problem.status(),
                problem.detail() + " The first " + MAX_LISTED_ERRORS + " of "
                        + problem.errors().size() + " errors are listed.",
                problem.instance(),
                problem.errors().subList(0, MAX_LISTED_ERRORS));
    }
}
