package org.termsguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.termsguard.policy.PolicyPipelineTest.header;
import static org.termsguard.policy.PolicyPipelineTest.produce;
import static org.termsguard.policy.PolicyPipelineTest.record;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.SharedInfrastructure;

/**
 * Issue #16, each defect as it was measured against the stack: a retried event metered once, another owner's id
 * taking nothing away, volumes near 2^63 neither wrapping nor stalling, and a record PostgreSQL refuses
 * dead-lettered while the rest of its batch is judged.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "policy"))
class ExactlyOnceTest {

    @Inject
    Pool database;

    private static String owner(String prefix) {
        String owner = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        PolicyApi.createOwner(owner);
        PolicyApi.addLicense(owner, PolicyApi.license("ms-enterprise-2023", "microsoft", 1_000_000, "active"));
        return owner;
    }

    private static String event(String id, String owner, long records) {
        return PolicyApi.event(id, owner, "microsoft", "analytics", records, "2023-04-10T10:00:00Z");
    }

    /** Every record counted for {@code owner}, summed over its counters; -1 while it has none. */
    private long metered(String owner) {
        var rows = database.preparedQuery(
                        "select coalesce(sum(records), -1) as total from usage_counter where owner = $1")
                .execute(Tuple.of(owner))
                .await()
                .atMost(Duration.ofSeconds(5));
        Row row = rows.iterator().next();
        return row.getNumeric("total").longValue();
    }

    private void awaitMetered(String owner, long records) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> metered(owner) >= records);
    }

    @Test
    void aRetryThatLandsInTheSameBatchIsMeteredOnce() {
        String owner = owner("retry");
        String id = UUID.randomUUID().toString();
        // What a producer's documented retry after a 503 does: the same event three times, then one more event.
        produce(List.of(
                record(owner, "microsoft", event(id, owner, 1_000)),
                record(owner, "microsoft", event(id, owner, 1_000)),
                record(owner, "microsoft", event(id, owner, 1_000)),
                record(owner, "microsoft", event(UUID.randomUUID().toString(), owner, 1))));
        awaitMetered(owner, 1_001);
        assertThat(metered(owner)).isEqualTo(1_001);
    }

    @Test
    void anotherOwnersEventWithTheSameIdTakesNothingAway() {
        String first = owner("b");
        String second = owner("a");
        String shared = UUID.randomUUID().toString();
        produce(List.of(record(first, "microsoft", event(shared, first, 7))));
        awaitMetered(first, 7);
        produce(List.of(record(second, "microsoft", event(shared, second, 500))));
        awaitMetered(second, 500);
        assertThat(metered(second)).isEqualTo(500);
        assertThat(metered(first)).isEqualTo(7);
    }

    @Test
    void volumesNearTwoToTheSixtyThreeNeitherWrapNorStallThePartition() {
        String owner = owner("huge");
        // Two in one batch (a sum in memory) and one more after (the counter's upsert in PostgreSQL).
        produce(List.of(
                record(owner, "microsoft", event(UUID.randomUUID().toString(), owner, Long.MAX_VALUE)),
                record(owner, "microsoft", event(UUID.randomUUID().toString(), owner, Long.MAX_VALUE))));
        awaitMetered(owner, Long.MAX_VALUE);
        produce(List.of(record(owner, "microsoft", event(UUID.randomUUID().toString(), owner, 5))));
        String after = owner("after");
        produce(List.of(record(after, "microsoft", event(UUID.randomUUID().toString(), after, 3))));
        awaitMetered(after, 3);
        assertThat(metered(owner)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aRecordThatPostgresRefusesIsDeadLetteredAndTheRestOfItsBatchIsJudged() {
        String owner = owner("poison");
        String tooLong = "x".repeat(200); // reads fine; processed_event.event_id is varchar(128)
        String good = UUID.randomUUID().toString();
        produce(List.of(
                record(owner, "microsoft", event(tooLong, owner, 40)),
                record(owner, "microsoft", event(good, owner, 2))));
        awaitMetered(owner, 2);
        try (var companion = new KafkaCompanion(SharedInfrastructure.kafka().bootstrapServers())) {
            var task = companion.consumeStrings().fromTopics("access-events.dlq");
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> task.getRecords().stream()
                        .anyMatch(r -> r.value() != null
                                && r.value().contains(tooLong)
                                && header(r, "dead-letter-reason").contains("SQLSTATE 22001")));
            } finally {
                task.close();
            }
        }
        assertThat(metered(owner)).isEqualTo(2);
    }
}
