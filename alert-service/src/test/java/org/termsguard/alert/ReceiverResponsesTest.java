package org.termsguard.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.ReliabilityReport;
import org.termsguard.testsupport.TestTokens;

/**
 * Receivers that answer with 50 MB: their answers are read only up to {@code response-limit} (8 KiB), so a
 * delivery completes whatever the answer's size, and what is stored of a failing receiver's answer is bounded
 * (issue #17: answers were read whole into a 192 MB heap).
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "alert"))
class ReceiverResponsesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int FIFTY_MB = 50 * 1024 * 1024;
    private static final byte[] CHUNK = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
    /** Holds the never-finished answers open until the class is done; released, never waited out. */
    private static final CountDownLatch DONE = new CountDownLatch(1);

    private static HttpServer receiver;
    private static ExecutorService threads;
    private static ScheduledExecutorService drip;

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        threads = Executors.newCachedThreadPool();
        receiver.setExecutor(threads);
        drip = Executors.newSingleThreadScheduledExecutor();
        // 200, then 50 MB streamed, then the answer is never finished: the code as it was read all 50 MB and
        // waited for the end until its timeout, so the delivery never completed.
        receiver.createContext("/unfinished/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            if (stream(exchange, "accepted ".getBytes(StandardCharsets.US_ASCII), FIFTY_MB)) {
                awaitDone();
            }
            exchange.close();
        });
        // 500 with 50 MB whose start says why, NUL included (PostgreSQL text refuses NUL).
        receiver.createContext("/refusing/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] start = "quota\u0000exceeded: ".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(500, start.length + (long) FIFTY_MB);
            stream(exchange, start, FIFTY_MB);
            exchange.close();
        });
        // 500, then a few bytes every 200 ms for as long as it is read: never silent long enough for Vert.x's idle
        // timeout, so the code as it was never finished the attempt.
        receiver.createContext("/dripping/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, 0);
            OutputStream out = exchange.getResponseBody();
            AtomicReference<ScheduledFuture<?>> dripping = new AtomicReference<>();
            dripping.set(drip.scheduleAtFixedRate(
                    () -> {
                        try {
                            out.write("slow ".getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        } catch (IOException hungUp) {
                            exchange.close();
                            dripping.get().cancel(false);
                        }
                    },
                    0,
                    200,
                    TimeUnit.MILLISECONDS));
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        DONE.countDown();
        receiver.stop(0);
        threads.shutdownNow();
        drip.shutdownNow();
    }

    /** Writes {@code start} and then {@code size} bytes from one small buffer; false when the client hung up. */
    private static boolean stream(HttpExchange exchange, byte[] start, long size) {
        try {
            OutputStream out = exchange.getResponseBody();
            out.write(start);
            for (long written = 0; written < size; written += CHUNK.length) {
                out.write(CHUNK, 0, (int) Math.min(CHUNK.length, size - written));
            }
            out.flush();
            return true;
        } catch (IOException hungUp) {
            return false;
        }
    }

    private static void awaitDone() {
        try {
            DONE.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private static void route(String owner, String type, String url) {
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body("{\"groupWait\":\"PT0S\",\"receivers\":[{\"type\":\"" + type + "\",\"url\":\"" + url
                        + "\",\"secret\":\"s\"}]}")
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
    }

    private static String newOwner() {
        return "b-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aReceiverAnsweringFiftyMegabytesThatNeverEndIsDelivered() {
        String owner = newOwner();
        route(owner, "webhook", url("/unfinished/" + owner));
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> given().auth()
                .oauth2(TestTokens.platformAdmin())
                .get("/v1/deliveries?owner=" + owner)
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].status", equalTo("delivered"))
                .body("[0].attempts", equalTo(1)));
    }

    @Test
    void whatIsStoredOfAFailingReceiversFiftyMegabytesIsItsBoundedStart() {
        String owner = newOwner();
        route(owner, "alertmanager", url("/refusing/" + owner));
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> given().auth()
                .oauth2(TestTokens.platformAdmin())
                .get("/v1/deliveries?owner=" + owner)
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].attempts", org.hamcrest.Matchers.greaterThanOrEqualTo(1)));
        var delivery = given().auth()
                .oauth2(TestTokens.platformAdmin())
                .get("/v1/deliveries?owner=" + owner)
                .then()
                .extract()
                .jsonPath();
        String lastError = delivery.getString("[0].lastError");
        assertThat(lastError).startsWith("HTTP 500: quota exceeded: xxx").endsWith("…");
        assertThat(lastError.length()).as("characters stored").isLessThanOrEqualTo(8192 + "HTTP 500: …".length());
        assertThat(delivery.getList("[0].attemptLog.error", String.class))
                .allSatisfy(error -> assertThat(error).isEqualTo(lastError));
        ReliabilityReport.write(
                "b6-receiver-responses",
                "an Alertmanager receiver refusing with 50 MB that never end: " + lastError.length()
                        + " characters of it kept with the attempt, the connection reset; a webhook answering 200"
                        + " with 50 MB that never end: delivered after 1 attempt; one dripping its answer: given up at"
                        + " the 2 s timeout (alert-service's heap in the demo: 192 MB)");
    }

    @Test
    void aReceiverThatDripsItsAnswerIsGivenUpOnAtTheTimeout() {
        String owner = newOwner();
        route(owner, "webhook", url("/dripping/" + owner));
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> given().auth()
                .oauth2(TestTokens.platformAdmin())
                .get("/v1/deliveries?owner=" + owner)
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].attempts", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("[0].lastError", equalTo("TimeoutException: no whole answer within PT2S")));
    }
}
