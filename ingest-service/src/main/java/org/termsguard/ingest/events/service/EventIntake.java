package org.termsguard.ingest.events.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.validation.FieldError;
import org.termsguard.ingest.IngestConfig;
import org.termsguard.ingest.events.BatchCheck;
import org.termsguard.ingest.events.EventReader;
import org.termsguard.ingest.events.IntakeItem;
import org.termsguard.ingest.events.messaging.AccessEventPublisher;
import org.termsguard.ingest.producers.ProducerIdentity;
import org.termsguard.platform.problems.Problem;
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

    private final BatchCheck check;
    private final AccessEventPublisher publisher;
    private final IngestMetrics metrics;
    private final Clock clock;

    public EventIntake(AccessEventPublisher publisher, IngestMetrics metrics, IngestConfig config) {
        this.clock = Clock.systemUTC();
        this.check = new BatchCheck(new EventReader(clock, config.maxClockSkew()));
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /**
     * @param batched whether errors carry the item's index (a batch) or not (a single event)
     * @return the ids of the published events, in order
     */
    public Uni<List<String>> accept(
            ProducerIdentity producer, List<IntakeItem> items, boolean batched, String endpoint) {
        BatchCheck.Outcome outcome = check.check(producer, items, batched, clock.instant());
        List<FieldError> errors = outcome.errors();
        List<FieldError> outOfScope = outcome.outOfScope();
        List<AccessEvent> events = outcome.events();
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
