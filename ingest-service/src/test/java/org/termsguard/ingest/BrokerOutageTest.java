package org.termsguard.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.termsguard.localstack.KafkaProcess;
import org.termsguard.testsupport.InjectKafkaProcess;
import org.termsguard.testsupport.KafkaAndPostgres;

/** With the broker stopped, ingest answers 503 quickly and never accepts what Kafka does not have. */
@QuarkusTest
@WithTestResource(
        value = KafkaAndPostgres.class,
        initArgs = {@ResourceArg(name = "database", value = "ingest"), @ResourceArg(name = "kafka", value = "process")})
class BrokerOutageTest {

    @InjectKafkaProcess
    KafkaProcess broker;

    @Test
    void brokerStoppedMeans503WithRetryAfterAndTheEventNeverAppearsLater() {
        String key =
                IngestApiTest.issueKey("outage-" + UUID.randomUUID().toString().substring(0, 8), List.of("x-corp"));
        post(key, "/v1/events", IngestApiTest.event(UUID.randomUUID().toString(), "x-corp"))
                .then()
                .statusCode(202);

        broker.stop();
        String lost = UUID.randomUUID().toString();
        String lostInBatch = UUID.randomUUID().toString();
        long started = System.nanoTime();
        post(key, "/v1/events", IngestApiTest.event(lost, "x-corp"))
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"));
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - started);
        assertThat(answeredIn).isLessThanOrEqualTo(Duration.ofSeconds(6));
        post(key, "/v1/events/batch", "[" + IngestApiTest.event(lostInBatch, "x-corp") + "]")
                .then()
                .statusCode(503);
        given().get("/q/health/ready").then().statusCode(503);

        broker.startAgain();
        String marker = UUID.randomUUID().toString();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> post(key, "/v1/events", IngestApiTest.event(marker, "x-corp"))
                                .statusCode()
                        == 202);
        AccessEventsTopic.assertNonePublishedBefore(broker.bootstrapServers(), marker, List.of(lost, lostInBatch));
    }

    private static Response post(String key, String path, String body) {
        return given().auth()
                .oauth2(key)
                .contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post(path);
    }
}
