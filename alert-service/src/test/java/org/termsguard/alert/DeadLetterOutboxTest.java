package org.termsguard.alert;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.SharedInfrastructure;
import org.termsguard.testsupport.TopicContents;

/**
 * Issue #16: "messages after a commit are never lost". A delivery's last attempt commits it as failed; a crash
 * before its {@code alerts.dlq} letter went out used to lose the letter. The failed row is now the outbox: here the
 * crash is the row left as the attempt's transaction wrote it, and the relay must still send the letter.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "alert"))
class DeadLetterOutboxTest {

    @Inject
    Pool database;

    @Test
    void aDeliveryThatFailedForGoodIsDeadLetteredEvenIfTheProcessDiedAfterItsCommit() {
        String alertId = "alt-" + UUID.randomUUID();
        database.preparedQuery("insert into delivery (alert_id, incident_id, owner, receiver_type, target, payload,"
                        + " status, attempts, next_attempt_at, last_error, finished_at) values ($1, 'inc-x', 'x-corp',"
                        + " 'webhook', 'https://hooks.example/x', $2, 'failed', 5, now(), 'HTTP 500', now())")
                .execute(Tuple.of(alertId, "{\"alertId\":\"" + alertId + "\"}"))
                .await()
                .atMost(Duration.ofSeconds(10));

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() ->
                        TopicContents.readAll(SharedInfrastructure.kafka().bootstrapServers(), "alerts.dlq").stream()
                                .anyMatch(r -> r.value() != null
                                        && r.value().contains(alertId)
                                        && r.value().contains("gave up after 5 attempts: HTTP 500")));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> database.preparedQuery(
                                        "select 1 from delivery where alert_id = $1 and dead_lettered_at is not null")
                                .execute(Tuple.of(alertId))
                                .await()
                                .atMost(Duration.ofSeconds(5))
                                .size()
                        == 1);
    }
}
