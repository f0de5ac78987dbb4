package org.termsguard.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.KafkaAndPostgres;

/** Second half of the restart test: a fresh start of the service delivers everything the first one queued. */
@QuarkusTest
@Order(2)
@TestProfile(RestartAfterDeliveryTest.WorkerRunning.class)
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "alert"))
class RestartAfterDeliveryTest {

    /** A profile of its own, so that Quarkus really starts the application again. */
    public static class WorkerRunning implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The worker starts with the service, before this test opens its receiver: it must keep retrying the
            // refused connections (briefly spaced) rather than give up before the receiver listens, as it did on a
            // loaded machine.
            return Map.of(
                    "termsguard.alert.deliveries.enabled", "true",
                    "termsguard.alert.deliveries.max-attempts", "1000",
                    "termsguard.alert.deliveries.backoff-base", "PT0.2S",
                    "termsguard.alert.deliveries.backoff-max", "PT1S");
        }
    }

    @Test
    void everyDeliveryQueuedBeforeTheRestartIsDeliveredAfterIt() {
        String owner = System.getProperty(RestartBeforeDeliveryTest.OWNER_PROPERTY);
        assertThat(owner).as("RestartBeforeDeliveryTest ran first").isNotNull();
        int port = Integer.parseInt(System.getProperty(RestartBeforeDeliveryTest.PORT));
        try (TestReceiver receiver = TestReceiver.start(port)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> AlertPipelineTest.admin()
                    .get("/v1/deliveries?owner=" + owner + "&status=delivered")
                    .then()
                    .statusCode(200)
                    .body("", hasSize(4)));
            assertThat(receiver.requests("/hook")).hasSize(2);
            assertThat(receiver.requests("/hook-am")).hasSize(2);
        }
    }
}
