package org.termsguard.alert;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.KafkaAndPostgres;

/**
 * First half of the restart test: the service decides to notify and queues the deliveries, then stops before
 * sending any ({@code deliveries.enabled=false} stands for the crash). {@link RestartAfterDeliveryTest} starts the
 * service again on the same database and finds every one of them.
 */
@QuarkusTest
@Order(1)
@TestProfile(RestartBeforeDeliveryTest.WorkerStopped.class)
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "alert"))
class RestartBeforeDeliveryTest {

    static final String OWNER = "restart-" + Long.toHexString(System.nanoTime());
    static final String PORT = "termsguard.test.restart-receiver-port";
    static final String OWNER_PROPERTY = "termsguard.test.restart-owner";

    public static class WorkerStopped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("termsguard.alert.deliveries.enabled", "false");
        }
    }

    @Test
    void deliveriesAreQueuedAndStayPendingWhileNoWorkerRuns() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        System.setProperty(PORT, Integer.toString(port));
        System.setProperty(OWNER_PROPERTY, OWNER);
        String hook = "http://127.0.0.1:" + port + "/hook";
        AlertPipelineTest.admin()
                .body("{\"groupWait\":\"PT0S\",\"receivers\":[{\"type\":\"webhook\",\"url\":\"" + hook
                        + "\",\"secret\":\"k\"}," + "{\"type\":\"alertmanager\",\"url\":\"" + hook + "-am\"}]}")
                .put("/v1/owners/" + OWNER + "/routes")
                .then()
                .statusCode(200);
        Violations.produce(
                OWNER,
                "openai",
                List.of(
                        Violations.json(
                                "v-" + OWNER + "-1",
                                "e-" + OWNER + "-1",
                                OWNER,
                                "openai",
                                "no-license",
                                "critical",
                                1,
                                null,
                                "2023-04-12T09:30:00Z"),
                        Violations.json(
                                "v-" + OWNER + "-2",
                                "e-" + OWNER + "-2",
                                OWNER,
                                "bytedance",
                                "no-license",
                                "critical",
                                1,
                                null,
                                "2023-04-12T09:30:00Z")));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> AlertPipelineTest.admin()
                .get("/v1/deliveries?owner=" + OWNER)
                .then()
                .statusCode(200)
                .body("", hasSize(4))
                .body("findAll { it.status == 'pending' && it.attempts == 0 }", hasSize(4)));
        AlertPipelineTest.admin()
                .get("/v1/deliveries?owner=" + OWNER + "&status=delivered")
                .then()
                .body("", hasSize(0))
                .body("size()", equalTo(0));
    }
}
