package org.termsguard.policy;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
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
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.termsguard.policy.owners.Owner;
import org.termsguard.policy.owners.OwnerRepository;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.SharedInfrastructure;
import org.termsguard.testsupport.TopicContents;

/** Proves the service's wiring against the real broker and database, before any feature depends on it. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "policy"))
class WiringTest {

    @Inject
    OwnerRepository owners;

    @Inject
    Pool database;

    @Test
    void eventOnTheTopicIsConsumedAndRecordedInTheLedger() {
        String eventId = UUID.randomUUID().toString();
        String json =
                """
                {"eventId":"%s","observedAt":"2023-04-12T09:30:00Z","owner":"x-corp","consumer":"microsoft",
                 "channel":"api","resource":{"kind":"tweets","uri":"https://api.x.example/2/tweets"},
                 "purpose":"ai-train","volume":{"records":50000,"bytes":21000000},
                 "evidence":{"apiClientId":"ms-ads-7731","identity":"claimed"},
                 "producer":"gateway-1","receivedAt":"2023-04-12T09:30:01Z"}"""
                        .formatted(eventId);
        try (var companion = new KafkaCompanion(SharedInfrastructure.kafka().bootstrapServers())) {
            companion
                    .produceStrings()
                    .fromRecords(new ProducerRecord<>("access-events", "x-corp/microsoft", json))
                    .awaitCompletion(Duration.ofSeconds(30));
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> isRecorded(eventId));
    }

    @Test
    void unreadableRecordGoesToTheDeadLetterTopicAndTheStreamGoesOn() {
        String goodId = UUID.randomUUID().toString();
        String poison = "{not json at all " + UUID.randomUUID();
        try (var companion = new KafkaCompanion(SharedInfrastructure.kafka().bootstrapServers())) {
            companion
                    .produceStrings()
                    .fromRecords(
                            new ProducerRecord<>("access-events", "x-corp/?", poison),
                            new ProducerRecord<>("access-events", "x-corp/microsoft", event(goodId)))
                    .awaitCompletion(Duration.ofSeconds(30));

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> isRecorded(goodId));
            var letter = Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    TopicContents.readAll(
                                                    SharedInfrastructure.kafka().bootstrapServers(),
                                                    "access-events.dlq")
                                            .stream()
                                            .filter(r -> poison.equals(r.value()))
                                            .findFirst(),
                            java.util.Optional::isPresent)
                    .orElseThrow();
            assertThat(letter.key()).isEqualTo("x-corp/?");
            assertThat(new String(
                            letter.headers().lastHeader("dead-letter-reason").value(), UTF_8))
                    .startsWith("unreadable value:");
            assertThat(new String(
                            letter.headers().lastHeader("dead-letter-topic").value(), UTF_8))
                    .isEqualTo("access-events");
        }
    }

    @Test
    @RunOnVertxContext
    void ownerRowWrittenThroughHibernateReactiveIsReadBack(TransactionalUniAsserter asserter) {
        String id = "wiring-" + UUID.randomUUID().toString().substring(0, 8);
        asserter.execute(() -> owners.persist(new Owner(id, "Wiring Ltd", "legal@wiring.example")));
        asserter.assertThat(() -> owners.findById(id), found -> {
            assertThat(found.displayName).isEqualTo("Wiring Ltd");
            assertThat(found.noticeContact).isEqualTo("legal@wiring.example");
        });
    }

    @Test
    void healthReportsKafkaAndDatabaseUp() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static String event(String eventId) {
        return """
                {"eventId":"%s","observedAt":"2023-04-12T09:30:00Z","owner":"x-corp","consumer":"microsoft",
                 "channel":"api","resource":{"kind":"tweets","uri":"https://api.x.example/2/tweets"},
                 "purpose":"ai-train","volume":{"records":50000,"bytes":21000000},
                 "evidence":{"apiClientId":"ms-ads-7731","identity":"claimed"},
                 "producer":"gateway-1","receivedAt":"2023-04-12T09:30:01Z"}"""
                .formatted(eventId);
    }

    private boolean isRecorded(String eventId) {
        return database.preparedQuery("select 1 from processed_event where event_id = $1")
                        .execute(Tuple.of(eventId))
                        .await()
                        .atMost(Duration.ofSeconds(5))
                        .size()
                == 1;
    }
}
