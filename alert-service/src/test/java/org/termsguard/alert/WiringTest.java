package org.termsguard.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.hibernate.reactive.panache.TransactionalUniAsserter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.termsguard.alert.violations.StoredViolation;
import org.termsguard.alert.violations.StoredViolationRepository;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.SharedInfrastructure;

/** Proves the service's wiring against the real broker and database, before any feature depends on it. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "alert"))
class WiringTest {

    @Inject
    StoredViolationRepository violations;

    @Inject
    Pool database;

    @Test
    void violationOnTheTopicIsConsumedAndKeptOnceEvenWhenDeliveredTwice() {
        String violationId = UUID.randomUUID().toString();
        String json =
                """
                {"violationId":"%s","eventId":"e-1","owner":"x-corp","consumer":"microsoft",
                 "rule":"quota-exceeded","severity":"high","termsVersion":3,"licenseId":"ms-enterprise-2023",
                 "clause":"quota 50,000,000 records per P1M","explanation":"Used 50,000,001 of 50,000,000.",
                 "purpose":"analytics","purposeSource":"declared","volume":{"records":1,"bytes":null},
                 "observedAt":"2023-04-30T23:59:59Z","evaluatedAt":"2023-04-30T23:59:59.2Z",
                 "estimatedFee":{"amount":"0.84","currency":"USD","basis":"1 record over quota at 0.84 USD per 1,000"},
                 "event":null}"""
                        .formatted(violationId);
        try (var companion = new KafkaCompanion(SharedInfrastructure.kafka().bootstrapServers())) {
            var record = new ProducerRecord<>("violations", "x-corp/microsoft", json);
            companion.produceStrings().fromRecords(record, record).awaitCompletion(Duration.ofSeconds(30));
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> rowsFor(violationId) == 1);
    }

    @Test
    @RunOnVertxContext
    void violationRowWrittenThroughHibernateReactiveIsReadBack(TransactionalUniAsserter asserter) {
        StoredViolation v = new StoredViolation();
        v.violationId = UUID.randomUUID().toString();
        v.eventId = "e-2";
        v.owner = "reddit";
        v.consumer = "openai";
        v.rule = "no-license";
        v.severity = "high";
        v.observedAt = Instant.parse("2023-06-01T00:00:00Z");
        v.payload = "{\"violationId\":\"" + v.violationId + "\"}";
        asserter.execute(() -> violations.persist(v));
        asserter.assertThat(() -> violations.findById(v.violationId), found -> {
            assertThat(found.rule).isEqualTo("no-license");
            assertThat(found.payload).contains(v.violationId);
        });
    }

    @Test
    void healthReportsKafkaAndDatabaseUp() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private int rowsFor(String violationId) {
        return database.preparedQuery("select 1 from violation where violation_id = $1")
                .execute(Tuple.of(violationId))
                .await()
                .atMost(Duration.ofSeconds(5))
                .size();
    }
}
