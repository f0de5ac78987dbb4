package org.termsguard.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.termsguard.contracts.crawlers.CrawlerRegistry;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.ingest.accesslogs.AccessLogTranslator;
import org.termsguard.ingest.accesslogs.LogFormat;
import org.termsguard.ingest.accesslogs.PathRules;
import org.termsguard.testsupport.KafkaAndPostgres;

/**
 * Issue #18: a log written by a real web server, not by a test — Debian's nginx (which CI installs; a machine
 * without it skips this test), serving requests on loopback and writing its own {@code combined} access log, which
 * is then uploaded as a log shipper would.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
class NginxAccessLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path nginx() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    /** A real nginx on loopback, serving {@code www/} and writing its access log with {@code logFormat}. */
    private record Nginx(Process process, Path dir, String base) implements AutoCloseable {
        Path accessLog() {
            return dir.resolve("access.log");
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    /**
     * @param logFormat an nginx {@code log_format} string, or null for the built-in {@code combined}
     */
    private static Nginx start(String logFormat) throws Exception {
        Path binary = nginx();
        Assumptions.assumeTrue(binary != null, "nginx is not installed (CI installs it)");
        Path dir = Files.createTempDirectory("nginx-");
        Files.createDirectories(dir.resolve("www/articles"));
        Files.writeString(dir.resolve("www/articles/index.html"), "<p>an article</p>\n");
        Files.writeString(dir.resolve("www/feed.xml"), "<rss/>\n");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String format = logFormat == null ? "" : "log_format tested '" + logFormat + "';";
        // Workers of a master started as root run as nobody unless told otherwise; the temporary directory is the
        // test's own. Not root, nginx ignores the user directive with a warning.
        Files.writeString(
                dir.resolve("nginx.conf"),
                """
                user root;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events {}
                http {
                    %3$s
                    access_log %1$s/access.log %4$s;
                    client_body_temp_path %1$s/client;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                        root %1$s/www;
                    }
                }
                """
                        .formatted(dir, port, format, logFormat == null ? "combined" : "tested"));
        Process server = new ProcessBuilder(
                        binary.toString(),
                        "-e",
                        dir.resolve("error.log").toString(),
                        "-p",
                        dir.toString(),
                        "-c",
                        dir.resolve("nginx.conf").toString(),
                        "-g",
                        "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        Nginx nginx = new Nginx(server, dir, "http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .until(() -> http.send(
                                        HttpRequest.newBuilder(URI.create(nginx.base() + "/feed.xml"))
                                                .header("User-Agent", "probe")
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200);
        return nginx;
    }

    private static void awaitLines(Nginx nginx, String marker, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(nginx.accessLog())
                        && Files.readAllLines(nginx.accessLog()).stream()
                                        .filter(l -> l.contains(marker))
                                        .count()
                                == count);
    }

    @Test
    void theLogNginxWroteBecomesEvents() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String log;
        try (Nginx nginx = start(null)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = nginx.base();
            request(
                    http,
                    base + "/articles/?ref=" + marker,
                    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko;"
                            + " compatible; GPTBot/1.2; +https://openai.com/gptbot)");
            request(http, base + "/feed.xml?ref=" + marker, "FeedFetcher/3.1 (+" + marker + ")");
            request(http, base + "/missing?ref=" + marker, "Mozilla/5.0 (compatible; ClaudeBot/1.0)");
            awaitLines(nginx, marker, 3);
            log = Files.readString(nginx.accessLog());
        }

        given().auth()
                .oauth2(IngestApiTest.key())
                .contentType("text/plain")
                .queryParam("owner", "reddit")
                .queryParam("site", "https://www.reddit.com")
                .body(log)
                .post("/v1/access-logs")
                .then()
                .statusCode(202)
                .body("skipped", equalTo(0));
        List<String> ids = new AccessLogTranslator(CrawlerRegistry.bundled(), PathRules.DEFAULT)
                        .translate(
                                "reddit",
                                "https://www.reddit.com",
                                LogFormat.of(LogFormat.Name.COMBINED),
                                new StringReader(log))
                        .events()
                        .stream()
                        .filter(e -> e.resource().uri().contains(marker))
                        .map(AccessEvent::eventId)
                        .toList();
        assertThat(ids).hasSize(3);
        List<JsonNode> events = AccessEventsTopic.await(ids).stream()
                .map(NginxAccessLogTest::read)
                .toList();
        assertThat(events.get(0).path("channel").asText()).isEqualTo("crawler");
        assertThat(events.get(0).path("consumer").asText()).isEqualTo("openai");
        assertThat(events.get(0).path("resource").path("uri").asText())
                .isEqualTo("https://www.reddit.com/articles/?ref=" + marker);
        assertThat(events.get(0).path("evidence").path("clientIp").asText()).isEqualTo("127.0.0.1");
        assertThat(events.get(0).path("volume").path("bytes").asLong()).isEqualTo(18L);
        assertThat(events.get(1).path("channel").asText()).isEqualTo("feed");
        assertThat(events.get(2).path("consumer").asText()).isEqualTo("anthropic");
        assertThat(events.get(2).path("volume").path("records").asLong())
                .as("nginx answered 404: an attempt, no data")
                .isZero();
    }

    /**
     * Web Bot Auth through a real server's log: nginx logs a signed request's headers with a {@code log_format} that
     * names them (escaping their quotes as {@code \x22}), the log is uploaded as {@code format=custom}, and the
     * published event carries the signature and the verdict {@code signed}. The request is Cloudflare's published
     * Ed25519 vector (github.com/cloudflare/web-bot-auth, web_bot_auth_architecture_v2.json, Apache-2.0; the key is
     * RFC 9421 B.1.4's), sent to nginx with its authority {@code example.com}.
     */
    @Test
    void aSignedRequestNginxLoggedIsVerifiedFromItsLog() throws Exception {
        String signer = "cf-vector-" + UUID.randomUUID().toString().substring(0, 6);
        var admin = given().auth().oauth2(org.termsguard.testsupport.TestTokens.platformAdmin());
        admin.contentType("application/json")
                .body(
                        """
                        {"operator":"Cloudflare test vectors","consumer":"cf-vector","tokens":[],"kind":"web-bot-auth",
                         "url":"https://signature-agent.test"}""")
                .put("/v1/verification/sources/" + signer)
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(org.termsguard.testsupport.TestTokens.platformAdmin())
                .contentType("application/json")
                .queryParam("validFrom", "2025-01-01T00:00:00Z")
                .body(
                        """
                        {"keys":[{"kty":"OKP","crv":"Ed25519","kid":"test-key-ed25519",
                         "x":"JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs"}]}""")
                .post("/v1/verification/sources/" + signer + "/snapshots")
                .then()
                .statusCode(201);
        String format = "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
                + " \"$http_referer\" \"$http_user_agent\" \"$http_signature_input\" \"$http_signature\""
                + " \"$http_signature_agent\"";
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String log;
        try (Nginx nginx = start(format)) {
            URI base = URI.create(nginx.base());
            // java.net.http refuses to set Host; the signature covers @authority, so the request is written by hand.
            try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
                String request = "GET /articles/?ref=" + marker + " HTTP/1.1\r\n"
                        + "Host: example.com\r\n"
                        + "User-Agent: Mozilla/5.0 (compatible; ExampleAgent/1.0)\r\n"
                        + "Signature-Agent: agent2=\"https://signature-agent.test\"\r\n"
                        + "Signature-Input: sig2=(\"@authority\" \"signature-agent\";key=\"agent2\");created=1735689600;"
                        + "keyid=\"poqkLGiymh_W0uP6PZFw-dvez3QJT5SolqXBCW38r0U\";alg=\"ed25519\";expires=4889289600;"
                        + "nonce=\"n9p433xm+NJ3ph3upfBIGmsuwHw387YV7Q/F+6BSpGCVjYCqQw6rznNA8PVVLySrAWsv0hQtFioQb6E1YsauiA==\";"
                        + "tag=\"web-bot-auth\"\r\n"
                        + "Signature: sig2=:RdNFx5Bj6au3YgAMQL/RzmUlZE8QZLIaXGRpw985hWnwPfMxT228NMk6ehRS1PSl4e8PhbNZACSanGdhEwYCCg==:\r\n"
                        + "Connection: close\r\n\r\n";
                socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getInputStream().readAllBytes();
            }
            awaitLines(nginx, marker, 1);
            log = Files.readAllLines(nginx.accessLog()).stream()
                    .filter(l -> l.contains(marker))
                    .findFirst()
                    .orElseThrow();
        }
        assertThat(log).as("nginx escapes the headers' quotes").contains("\\x22@authority\\x22");

        given().auth()
                .oauth2(IngestApiTest.key())
                .contentType("text/plain")
                .queryParam("owner", "reddit")
                .queryParam("site", "https://example.com")
                .queryParam("format", "custom")
                .queryParam("logFormat", format)
                .body(log + "\n")
                .post("/v1/access-logs")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(1));
        List<String> ids = new AccessLogTranslator(CrawlerRegistry.bundled(), PathRules.DEFAULT)
                        .translate(
                                "reddit", "https://example.com", LogFormat.of("custom", format), new StringReader(log))
                        .events()
                        .stream()
                        .map(AccessEvent::eventId)
                        .toList();
        JsonNode event = read(AccessEventsTopic.await(ids).get(0));
        JsonNode evidence = event.path("evidence");
        assertThat(evidence.path("httpSignature").path("signatureAgent").asText())
                .isEqualTo("agent2=\"https://signature-agent.test\"");
        assertThat(evidence.path("httpSignature").path("method").asText()).isEqualTo("GET");
        assertThat(evidence.path("verification").path("verdict").asText())
                .as(evidence.path("verification").path("reasons").toString())
                .isEqualTo("signed");
        assertThat(evidence.path("verification").path("operator").asText()).isEqualTo("Cloudflare test vectors");
        assertThat(evidence.path("verification").path("basis").path("sourceId").asText())
                .isEqualTo(signer);
        assertThat(evidence.path("identity").asText()).isEqualTo("verified");
    }

    private static void request(HttpClient http, String url, String userAgent) throws Exception {
        http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("User-Agent", userAgent)
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static JsonNode read(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
