package org.termsguard.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.TestTokens;

/**
 * Webhook SSRF, end to end against the running service with production's target rules: internal addresses and
 * names that resolve to one are refused when the route is set, and a receiver that redirects to an internal
 * address gets its notice marked failed while the internal address hears nothing. 127.0.0.2 stands in for a
 * public host (the one range this profile allows), since this machine has no other.
 */
@QuarkusTest
@TestProfile(WebhookTargetsTest.OnlyOnePublicHost.class)
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "alert"))
class WebhookTargetsTest {

    public static class OnlyOnePublicHost implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("termsguard.alert.webhooks.allowed-ranges", "127.0.0.2/32");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:8080/hook",
                "http://127.1.2.3/hook",
                "http://[::1]:8080/hook",
                "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.8/hook",
                "http://172.16.5.4/hook",
                "http://192.168.1.1/hook",
                "http://100.64.0.1/hook",
                "http://[fc00::1]/hook",
                "http://[fe80::1]/hook",
                "http://0.0.0.0/hook",
                "http://224.0.0.1/hook",
                "http://localhost:8080/hook",
                "http://user:pass@127.0.0.2/hook",
                "ftp://127.0.0.2/hook"
            })
    void aReceiverThatMayNotBeCalledIsRefusedWhenTheRouteIsSet(String url) {
        String owner = "s-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType("application/json")
                .body("{\"receivers\":[{\"type\":\"webhook\",\"url\":\"" + url + "\",\"secret\":\"s\"}]}")
                .put("/v1/owners/" + owner + "/routes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("receivers[0].url"));
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .get("/v1/owners/" + owner + "/routes")
                .then()
                .statusCode(200)
                .body("receivers", hasSize(0));
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void aRedirectToAnInternalAddressIsNotFollowed(int status) throws Exception {
        String owner = "r-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger redirected = new AtomicInteger();
        try (TestReceiver internal = TestReceiver.start(0)) {
            HttpServer redirecting = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
            redirecting.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                redirected.incrementAndGet();
                exchange.getResponseHeaders().add("Location", internal.url("/stolen"));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            redirecting.start();
            try {
                given().auth()
                        .oauth2(TestTokens.platformAdmin())
                        .contentType("application/json")
                        .body("{\"groupWait\":\"PT0S\",\"receivers\":[{\"type\":\"webhook\",\"url\":\"http://127.0.0.2:"
                                + redirecting.getAddress().getPort() + "/hook\",\"secret\":\"s\"}]}")
                        .put("/v1/owners/" + owner + "/routes")
                        .then()
                        .statusCode(200);
                Violations.produce(
                        owner,
                        "openai",
                        List.of(Violations.json(
                                "v-" + owner,
                                "e-" + owner,
                                owner,
                                "openai",
                                "no-license",
                                "critical",
                                1,
                                null,
                                "2023-04-12T09:30:00Z")));
                Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth()
                        .oauth2(TestTokens.platformAdmin())
                        .get("/v1/deliveries?owner=" + owner)
                        .then()
                        .statusCode(200)
                        .body("", hasSize(1))
                        .body("[0].lastError", equalTo("HTTP " + status)));
                assertThat(redirected.get())
                        .as("the public receiver was called")
                        .isPositive();
                assertThat(internal.requests("/stolen"))
                        .as("requests that followed the redirect")
                        .isEmpty();
            } finally {
                redirecting.stop(0);
            }
        }
    }
}
