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

    @Test
    void theLogNginxWroteBecomesEvents() throws Exception {
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
                    access_log %1$s/access.log combined;
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
                        .formatted(dir, port));
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
        String marker = UUID.randomUUID().toString().substring(0, 8);
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .ignoreExceptions()
                    .until(() -> http.send(
                                            HttpRequest.newBuilder(URI.create(base + "/feed.xml"))
                                                    .header("User-Agent", "probe")
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200);
            request(
                    http,
                    base + "/articles/?ref=" + marker,
                    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko;"
                            + " compatible; GPTBot/1.2; +https://openai.com/gptbot)");
            request(http, base + "/feed.xml?ref=" + marker, "FeedFetcher/3.1 (+" + marker + ")");
            request(http, base + "/missing?ref=" + marker, "Mozilla/5.0 (compatible; ClaudeBot/1.0)");
            Path accessLog = dir.resolve("access.log");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> Files.exists(accessLog)
                            && Files.readAllLines(accessLog).stream()
                                            .filter(l -> l.contains(marker))
                                            .count()
                                    == 3);
        } finally {
            server.destroy();
            server.waitFor();
        }
        String log = Files.readString(dir.resolve("access.log"));

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
