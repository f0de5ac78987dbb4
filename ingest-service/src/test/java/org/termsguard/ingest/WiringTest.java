package org.termsguard.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.hibernate.reactive.panache.TransactionalUniAsserter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.Channel;
import org.termsguard.contracts.events.Identity;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.ingest.events.messaging.AccessEventPublisher;
import org.termsguard.ingest.producers.repository.Producer;
import org.termsguard.ingest.producers.repository.ProducerRepository;
import org.termsguard.testsupport.KafkaAndPostgres;

/** Proves the service's wiring against the real broker and database, before any feature depends on it. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
class WiringTest {

    @Inject
    AccessEventPublisher publisher;

    @Inject
    ProducerRepository producers;

    @Test
    void publishedEventArrivesOnTheTopicWithKeyAndCloudEventHeaders() {
        String eventId = UUID.randomUUID().toString();
        AccessEvent event = new AccessEvent(
                eventId,
                Instant.parse("2023-04-12T09:30:00Z"),
                "x-corp",
                "microsoft",
                Channel.API,
                new AccessEvent.Resource("tweets", "https://api.x.example/2/tweets/search/all"),
                Purpose.AI_TRAIN,
                new AccessEvent.Volume(50_000L, 21_000_000L),
                new AccessEvent.Evidence("ms-ads-7731", null, "203.0.113.7", "r-88", Identity.CLAIMED),
                "gateway-1",
                Instant.now());

        publisher.publish(java.util.List.of(event)).await().atMost(Duration.ofSeconds(30));

        ConsumerRecord<String, String> record =
                AccessEventsTopic.await(java.util.List.of(eventId)).get(0);
        assertThat(record.key()).isEqualTo("x-corp/microsoft");
        assertThat(AccessEventsTopic.header(record, "ce_type")).isEqualTo("termsguard.access.observed");
        assertThat(AccessEventsTopic.header(record, "ce_source")).isEqualTo("urn:termsguard:ingest-service");
        assertThat(record.value()).contains("\"eventId\":\"" + eventId + "\"", "\"purpose\":\"ai-train\"");
    }

    @Test
    @RunOnVertxContext
    void producerRowWrittenThroughHibernateReactiveIsReadBack(TransactionalUniAsserter asserter) {
        String id = "wiring-" + UUID.randomUUID();
        asserter.execute(() -> producers.persist(new Producer(id, "CDN log shipper")));
        asserter.assertThat(() -> producers.findById(id), found -> {
            assertThat(found.name).isEqualTo("CDN log shipper");
            assertThat(found.createdAt).isNotNull();
        });
    }

    @Test
    void healthReportsKafkaAndDatabaseUp() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }
}
