package org.termsguard.alert;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.SharedInfrastructure;
import org.termsguard.testsupport.TestTokens;

/**
 * Issue #16 on the alert side: a violation PostgreSQL refuses for good (here an id longer than the column holds;
 * a NUL, the case the issue measured, is now kept as U+FFFD, see NoticeInjectionTest) is dead-lettered with the
 * reason, and every later violation of every owner still becomes an incident; and two owners' violations with the
 * same id are both kept.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "alert"))
@WithTestResource(SmtpServer.class)
class ViolationsExactlyOnceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.platformAdmin()).contentType(ContentType.JSON);
    }

    private static String newOwner() {
        return "x-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String violation(String id, String owner) {
        return Violations.json(
                id, "e-" + id, owner, "openai", "no-license", "critical", 100, null, "2023-04-12T09:30:00Z");
    }

    @Test
    void aViolationTheDatabaseRefusesIsDeadLetteredAndAlertingGoesOnForEveryOwner() {
        String poisoned = newOwner();
        String other = newOwner();
        // Reads fine; violation.violation_id is varchar(128), so PostgreSQL refuses it with SQLSTATE 22001.
        String id = "v-" + UUID.randomUUID() + "-" + "x".repeat(160);
        Violations.produce(
                poisoned, "openai", List.of(violation(id, poisoned), violation("v-" + UUID.randomUUID(), poisoned)));
        Violations.produce(other, "openai", List.of(violation("v-" + UUID.randomUUID(), other)));

        for (String owner : List.of(poisoned, other)) {
            Awaitility.await().atMost(PATIENCE).untilAsserted(() -> admin().get("/v1/incidents?owner=" + owner)
                    .then()
                    .statusCode(200)
                    .body("incidents", hasSize(1))
                    .body("incidents[0].violations", equalTo(1)));
        }
        try (var companion = new KafkaCompanion(SharedInfrastructure.kafka().bootstrapServers())) {
            var task = companion.consumeStrings().fromTopics("violations.dlq");
            try {
                Awaitility.await().atMost(PATIENCE).until(() -> task.getRecords().stream()
                        .anyMatch(r -> r.value() != null
                                && r.value().contains(id)
                                && reason(r.headers().lastHeader("dead-letter-reason"))
                                        .startsWith("cannot be stored: the database refused it (SQLSTATE 22")));
            } finally {
                task.close();
            }
        }
    }

    @Test
    void twoOwnersViolationsWithTheSameIdAreBothKept() {
        String first = newOwner();
        String second = newOwner();
        String shared = "v-" + UUID.randomUUID();
        Violations.produce(first, "openai", List.of(violation(shared, first)));
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> admin().get("/v1/incidents?owner=" + first)
                .then()
                .body("incidents", hasSize(1)));
        Violations.produce(second, "openai", List.of(violation(shared, second)));
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> admin().get("/v1/incidents?owner=" + second)
                .then()
                .statusCode(200)
                .body("incidents", hasSize(1))
                .body("incidents[0].violations", equalTo(1)));
    }

    private static String reason(org.apache.kafka.common.header.Header header) {
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
