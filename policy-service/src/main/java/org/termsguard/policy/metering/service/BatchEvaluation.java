package org.termsguard.policy.metering.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.termsguard.contracts.crawlers.CrawlerRegistry;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.OwnedEventId;
import org.termsguard.contracts.violations.Violation;
import org.termsguard.policy.evaluation.Evaluator;
import org.termsguard.policy.evaluation.Meter;
import org.termsguard.policy.evaluation.Records;
import org.termsguard.policy.evaluation.UsageKey;
import org.termsguard.policy.evaluation.Verdict;
import org.termsguard.policy.metering.FreshEvents;
import org.termsguard.policy.metering.messaging.ViolationPublisher;
import org.termsguard.policy.metering.repository.EventLedger;
import org.termsguard.policy.metering.repository.UsageCounters;
import org.termsguard.policy.terms.OwnerTimeline;
import org.termsguard.policy.terms.TermsSnapshot;
import org.termsguard.policy.terms.service.TermsCache;

/**
 * Judges a batch of access events in one database transaction: records their ids in the ledger, meters the new
 * ones against the usage counters, and publishes their violations before the transaction commits. A failure
 * anywhere rolls everything back, so the batch can be run again and counts nothing twice; violations published
 * by a failed run are published again with the same ids, which the alert service keeps once.
 */
@ApplicationScoped
public class BatchEvaluation {

    /** What a batch came to. {@code rejected} holds events that could not be judged, by id, with the reason. */
    public record Outcome(
            int fresh, int duplicates, int unjudged, List<Verdict> verdicts, Map<OwnedEventId, String> rejected) {}

    private final Pool database;
    private final TermsCache terms;
    private final ViolationPublisher publisher;
    private final Evaluator evaluator;
    private final MeterRegistry metrics;

    public BatchEvaluation(
            Pool database,
            TermsCache terms,
            ViolationPublisher publisher,
            CrawlerRegistry crawlers,
            MeterRegistry metrics) {
        this.database = database;
        this.terms = terms;
        this.publisher = publisher;
        this.evaluator = new Evaluator(crawlers, Clock.systemUTC());
        this.metrics = metrics;
    }

    public Uni<Outcome> judge(List<AccessEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new Outcome(0, 0, 0, List.of(), Map.of()));
        }
        return terms.timelines(events.stream().map(AccessEvent::owner).toList())
                .chain(timelines -> database.withTransaction(
                        connection -> EventLedger.recordNew(connection, events).chain(unseen -> {
                            FreshEvents.Selection selection = FreshEvents.select(events, unseen);
                            Plan plan = plan(selection.fresh(), timelines);
                            return UsageCounters.load(connection, plan.keys)
                                    .map(current -> evaluate(plan, current))
                                    .call(result -> UsageCounters.add(connection, result.deltas))
                                    .call(result -> publisher.publish(result.violations))
                                    .map(result -> new Outcome(
                                            selection.fresh().size(),
                                            selection.duplicates(),
                                            plan.unjudged,
                                            result.verdicts,
                                            plan.rejected));
                        })))
                .invoke(this::count);
    }

    /** The new events with the terms that judge them, and the counters they will touch. */
    private static final class Plan {
        final List<Map.Entry<AccessEvent, TermsSnapshot>> judged = new ArrayList<>();
        final Set<UsageKey> keys = new HashSet<>();
        final Map<OwnedEventId, String> rejected = new LinkedHashMap<>();
        int unjudged;
    }

    private Plan plan(List<AccessEvent> fresh, Map<String, OwnerTimeline> timelines) {
        Plan plan = new Plan();
        for (AccessEvent event : fresh) {
            Optional<TermsSnapshot> snapshot = timelines.get(event.owner()).at(event.observedAt());
            if (snapshot.isEmpty()) {
                // No terms were in force: nothing to judge by. The ledger keeps the id, so it stays counted once.
                plan.unjudged++;
                continue;
            }
            try {
                plan.keys.add(evaluator.usageKey(event, snapshot.get()));
                plan.judged.add(Map.entry(event, snapshot.get()));
            } catch (RuntimeException e) {
                plan.rejected.put(OwnedEventId.of(event), "cannot be judged: " + e);
            }
        }
        return plan;
    }

    private record Result(List<Verdict> verdicts, List<Violation> violations, Map<UsageKey, Long> deltas) {}

    private Result evaluate(Plan plan, Map<UsageKey, Long> current) {
        Map<UsageKey, Long> running = new HashMap<>(current);
        Map<UsageKey, Long> deltas = new HashMap<>();
        Meter meter = (key, records) -> {
            long before = running.getOrDefault(key, 0L);
            running.put(key, Records.add(before, records));
            deltas.merge(key, records, Records::add);
            return before;
        };
        List<Verdict> verdicts = new ArrayList<>(plan.judged.size());
        List<Violation> violations = new ArrayList<>();
        for (var entry : plan.judged) {
            Verdict verdict = evaluator.evaluate(entry.getKey(), entry.getValue(), meter);
            verdicts.add(verdict);
            violations.addAll(verdict.violations());
        }
        return new Result(verdicts, violations, deltas);
    }

    private void count(Outcome outcome) {
        metrics.counter("termsguard.policy.events", "outcome", "judged")
                .increment(outcome.verdicts().size());
        metrics.counter("termsguard.policy.events", "outcome", "duplicate").increment(outcome.duplicates());
        metrics.counter("termsguard.policy.events", "outcome", "no-terms").increment(outcome.unjudged());
        metrics.counter("termsguard.policy.events", "outcome", "rejected")
                .increment(outcome.rejected().size());
        for (Verdict verdict : outcome.verdicts()) {
            for (Violation violation : verdict.violations()) {
                metrics.counter(
                                "termsguard.policy.violations",
                                "rule",
                                violation.rule().name())
                        .increment();
            }
        }
    }
}
