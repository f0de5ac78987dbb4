package org.termsguard.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.net.URL;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.ContractSchemas;
import org.termsguard.testsupport.KafkaAndPostgres;

/**
 * Issue #18: {@code /v1/logs} was 404, so nothing speaking OTLP could reach ingest. The client here is the official
 * OpenTelemetry Java SDK with its OTLP/HTTP log exporter (binary protobuf, gzip), as a Collector or an instrumented
 * gateway would send.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
class OtlpLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/v1/logs")
    URL logs;

    @Test
    void anExportFromTheOpenTelemetrySdkLandsAsEvents() throws Exception {
        String path = "/r/otlp-" + UUID.randomUUID();
        OtlpHttpLogRecordExporter exporter = OtlpHttpLogRecordExporter.builder()
                .setEndpoint(logs.toString())
                .addHeader("Authorization", "Bearer " + IngestApiTest.key())
                .setCompression("gzip")
                .build();
        SdkLoggerProvider provider = SdkLoggerProvider.builder()
                .setResource(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), "edge-gateway",
                        AttributeKey.stringKey("termsguard.owner"), "reddit",
                        AttributeKey.stringKey("server.address"), "www.reddit.com",
                        AttributeKey.stringKey("url.scheme"), "https")))
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter))
                .build();
        try {
            var logger = provider.get("access-log");
            logger.logRecordBuilder()
                    .setTimestamp(Instant.parse("2023-04-12T09:30:00.123456789Z"))
                    .setAttribute(AttributeKey.stringKey("http.request.method"), "GET")
                    .setAttribute(AttributeKey.stringKey("url.path"), path)
                    .setAttribute(AttributeKey.stringKey("url.query"), "sort=top")
                    .setAttribute(AttributeKey.longKey("http.response.status_code"), 200L)
                    .setAttribute(AttributeKey.longKey("http.response.body.size"), 5124L)
                    .setAttribute(
                            AttributeKey.stringKey("user_agent.original"),
                            "Mozilla/5.0 (compatible; GPTBot/1.2; +https://openai.com/gptbot)")
                    .setAttribute(AttributeKey.stringKey("client.address"), "203.0.113.7")
                    .emit();
            // A record that names no request: its body is the line nginx wrote.
            logger.logRecordBuilder()
                    .setObservedTimestamp(Instant.parse("2023-04-12T09:31:00Z"))
                    .setBody("198.51.100.4 - - [12/Apr/2023:09:31:00 +0000] \"GET " + path
                            + "/.rss HTTP/1.1\" 200 90 \"-\" \"FeedFetcher/3.1\"")
                    .emit();
            CompletableResultCode flushed = provider.forceFlush().join(30, TimeUnit.SECONDS);
            assertThat(flushed.isSuccess()).as("the exporter's result").isTrue();
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }

        var records = AccessEventsTopic.awaitContaining(path, 2);
        JsonNode crawler = records.stream()
                .map(OtlpLogsTest::read)
                .filter(e -> e.path("channel").asText().equals("crawler"))
                .findFirst()
                .orElseThrow();
        assertThat(crawler.path("observedAt").asText()).isEqualTo("2023-04-12T09:30:00.123456789Z");
        assertThat(crawler.path("consumer").asText()).isEqualTo("openai");
        assertThat(crawler.path("resource").path("uri").asText())
                .isEqualTo("https://www.reddit.com" + path + "?sort=top");
        assertThat(crawler.path("volume").path("bytes").asLong()).isEqualTo(5124L);
        assertThat(crawler.path("evidence").path("clientIp").asText()).isEqualTo("203.0.113.7");
        JsonNode feed = records.stream()
                .map(OtlpLogsTest::read)
                .filter(e -> e.path("channel").asText().equals("feed"))
                .findFirst()
                .orElseThrow();
        assertThat(feed.path("observedAt").asText()).isEqualTo("2023-04-12T09:31:00Z");
        assertThat(feed.path("evidence").path("userAgent").asText()).isEqualTo("FeedFetcher/3.1");
        assertThat(records).allSatisfy(r -> assertThat(ContractSchemas.violations("access-event", r.value()))
                .isEmpty());
    }

    @Test
    void otlpJsonIsAnsweredInJsonWithThePartialSuccess() throws Exception {
        byte[] export;
        try (InputStream in = getClass().getResourceAsStream("/otlp/http-server-log.json")) {
            export = in.readAllBytes();
        }
        given().auth()
                .oauth2(IngestApiTest.key())
                .contentType("application/json")
                .body(export)
                .post("/v1/logs")
                .then()
                .statusCode(200)
                .contentType(containsString("application/json"))
                .body("partialSuccess.rejectedLogRecords", equalTo("1"))
                .body("partialSuccess.errorMessage", containsString("record 3"));
        assertThat(AccessEventsTopic.awaitContaining("https://www.reddit.com/r/programming/?sort=top", 1))
                .hasSize(1);
    }

    @Test
    void recordsForAnOwnerOutsideTheKeyAreRefusedOneByOneAndBadBodiesAreProblems() {
        String export = "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"termsguard.owner\",\"value\":"
                + "{\"stringValue\":\"umg\"}}]},\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"1681291800000000000\","
                + "\"attributes\":[{\"key\":\"http.request.method\",\"value\":{\"stringValue\":\"GET\"}},"
                + "{\"key\":\"url.path\",\"value\":{\"stringValue\":\"/x\"}}]}]}]}]}";
        given().auth()
                .oauth2(IngestApiTest.key())
                .contentType("application/json")
                .body(export)
                .post("/v1/logs")
                .then()
                .statusCode(200)
                .body("partialSuccess.rejectedLogRecords", equalTo("1"))
                .body("partialSuccess.errorMessage", containsString("may not report for umg"));
        given().auth()
                .oauth2(IngestApiTest.key())
                .contentType("application/x-protobuf")
                .body(new byte[] {(byte) 0xff, (byte) 0xff, 0x01})
                .post("/v1/logs")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().contentType("application/x-protobuf")
                .body(new byte[0])
                .post("/v1/logs")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    private static JsonNode read(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
