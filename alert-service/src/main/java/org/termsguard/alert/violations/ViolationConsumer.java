package org.termsguard.alert.violations;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.termsguard.alert.incidents.IncidentGrouper;
import org.termsguard.alert.incidents.IncidentKey;
import org.termsguard.alert.incidents.repository.IncidentStore;
import org.termsguard.alert.incidents.service.IncidentUpdates;
import org.termsguard.alert.routes.repository.RouteBook;
import org.termsguard.alert.silences.repository.SilenceBook;
import org.termsguard.contracts.violations.Violation;
import org.termsguard.platform.deadletters.BatchBisection;
import org.termsguard.platform.deadletters.DeadLetters;
import org.termsguard.platform.deadletters.FailureKind;

/**
 * Takes {@code violations} in batches: keeps each once, groups the new ones into incidents and appends their events
 * to the owner's evidence log, in one transaction.
 * Unreadable or incomplete records go to {@code violations.dlq}; a failing database is retried with backoff, so
 * offsets never pass unprocessed work; a violation the database refuses for good is isolated by
 * {@link BatchBisection} and dead-lettered with the reason.
 */
@ApplicationScoped
public class ViolationConsumer {

    public static final String CHANNEL = "violations";

    private final Pool database;
    private final ViolationLedger ledger;
    private final RouteBook routes;
    private final SilenceBook silences;
    private final IncidentUpdates updates;
    private final DeadLetters deadLetters;
    private final org.termsguard.alert.incidents.service.AlertScheduler scheduler;
    private final IncidentGrouper grouper = new IncidentGrouper();
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final org.termsguard.alert.evidence.repository.EvidenceLog evidence;

    public ViolationConsumer(
            Pool database,
            ViolationLedger ledger,
            RouteBook routes,
            SilenceBook silences,
            IncidentUpdates updates,
            DeadLetters deadLetters,
            org.termsguard.alert.incidents.service.AlertScheduler scheduler,
            com.fasterxml.jackson.databind.ObjectMapper json,
            org.termsguard.alert.evidence.repository.EvidenceLog evidence) {
        this.database = database;
        this.ledger = ledger;
        this.routes = routes;
        this.silences = silences;
        this.updates = updates;
        this.deadLetters = deadLetters;
        this.scheduler = scheduler;
        this.json = json;
        this.evidence = evidence;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, Violation> batch) {
        var triage = DeadLetters.triage(batch);
        List<KafkaRecord<String, Violation>> complete = new ArrayList<>();
        List<Uni<Void>> letters = new ArrayList<>();
        for (KafkaRecord<String, Violation> record : triage.readable()) {
            Violation v = record.getPayload();
            if (v.violationId() == null
                    || v.owner() == null
                    || v.rule() == null
                    || v.severity() == null
                    || v.observedAt() == null
                    || v.eventId() == null) {
                letters.add(deadLetters.send(record, bytes(v), "incomplete violation"));
            } else {
                complete.add(record);
            }
        }
        // A violation the database refuses (a NUL in its text, say) is found and dead-lettered; the rest of the
        // batch, and every later violation of every owner, goes on.
        return BatchBisection.run(
                        complete,
                        records -> group(
                                records.stream().map(KafkaRecord::getPayload).toList()),
                        (record, failure) -> deadLetters.send(
                                record, bytes(record.getPayload()), "cannot be stored: " + FailureKind.reason(failure)))
                .map(parts -> parts.stream().flatMap(List::stream).toList())
                .invoke(changed -> changed.forEach(i -> updates.changed(i.summary(null))))
                .invoke(changed -> {
                    // An incident due already (groupWait 0) alerts now rather than at the scheduler's next tick.
                    Instant now = Instant.now();
                    if (changed.stream()
                            .anyMatch(i -> i.nextActionAt() != null
                                    && !i.nextActionAt().isAfter(now))) {
                        scheduler.alertDueNow();
                    }
                })
                .call(() -> deadLetters.divert(triage.unreadable()))
                .call(() -> letters.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : Uni.join().all(letters).andFailFast())
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    private Uni<List<org.termsguard.alert.incidents.Incident>> group(List<Violation> violations) {
        if (violations.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Instant now = Instant.now();
        return routes.load(violations.stream().map(Violation::owner).toList())
                .chain(book -> database.withTransaction(
                        connection -> ledger.keepNew(connection, violations).chain(fresh -> {
                            var keys = fresh.stream()
                                    .map(v -> IncidentKey.of(v.owner(), v.consumer(), v.rule()))
                                    .distinct()
                                    .toList();
                            return IncidentStore.live(connection, keys).chain(live -> IncidentStore.counted(
                                            connection,
                                            live.values().stream()
                                                    .map(i -> i.id())
                                                    .toList(),
                                            fresh.stream()
                                                    .map(Violation::eventId)
                                                    .distinct()
                                                    .toList())
                                    .map(counted ->
                                            grouper.group(fresh, live, counted, book::of, silences.current(), now))
                                    .call(result -> IncidentStore.save(connection, result.changed()))
                                    .call(result -> ViolationLedger.assign(connection, result.incidentOfViolation()))
                                    // In the same transaction: an event is in an incident exactly when it is logged.
                                    .call(() -> evidence.append(connection, fresh))
                                    .map(IncidentGrouper.Result::changed));
                        })));
    }

    private byte[] bytes(Violation violation) {
        try {
            return json.writeValueAsBytes(violation);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }
}
