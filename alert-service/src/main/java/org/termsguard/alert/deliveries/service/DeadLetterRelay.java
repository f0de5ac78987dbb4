package org.termsguard.alert.deliveries.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.termsguard.alert.incidents.messaging.AlertPublisher;

/**
 * Sends {@code alerts.dlq} letters for deliveries that failed for good, from the outbox: the failed row is written
 * in the transaction of the last attempt, so a crash after it and before the letter leaves the row, which the next
 * pass sends. A letter can go out twice (a crash after the send, before the mark); it is never lost.
 */
@ApplicationScoped
public class DeadLetterRelay {

    private final Pool database;
    private final AlertPublisher publisher;

    public DeadLetterRelay(Pool database, AlertPublisher publisher) {
        this.database = database;
        this.publisher = publisher;
    }

    record Owed(long id, String owner, String alertId, String payload, int attempts, String error) {}

    @Scheduled(
            every = "${termsguard.alert.deliveries.dead-letter-every:PT2S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> relay() {
        return database.withTransaction(connection -> connection
                        .preparedQuery("select id, owner, alert_id, payload, attempts, last_error from delivery"
                                + " where status = 'failed' and dead_lettered_at is null order by id limit 100"
                                + " for update skip locked")
                        .execute()
                        .chain(rows -> {
                            List<Owed> owed = new ArrayList<>();
                            for (Row row : rows) {
                                owed.add(new Owed(
                                        row.getLong("id"),
                                        row.getString("owner"),
                                        row.getString("alert_id"),
                                        row.getString("payload"),
                                        row.getInteger("attempts"),
                                        row.getString("last_error")));
                            }
                            if (owed.isEmpty()) {
                                return Uni.createFrom().voidItem();
                            }
                            List<Uni<Void>> sent = owed.stream()
                                    .map(o -> publisher.deadLetter(
                                            o.owner(),
                                            o.alertId(),
                                            o.payload(),
                                            "gave up after " + o.attempts() + " attempts: " + o.error()))
                                    .toList();
                            return Uni.join().all(sent).andFailFast().chain(() -> connection
                                    .preparedQuery(
                                            "update delivery set dead_lettered_at = now()" + " where id = any($1)")
                                    .execute(
                                            Tuple.of(owed.stream().map(Owed::id).toArray(Long[]::new)))
                                    .replaceWithVoid());
                        }))
                .onFailure()
                .invoke(e -> Log.warnf(e, "Dead letters for failed deliveries could not be sent yet; retrying"))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }
}
