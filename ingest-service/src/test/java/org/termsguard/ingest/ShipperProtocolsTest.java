package org.termsguard.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.github.luben.zstd.Zstd;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.termsguard.contracts.crawlers.CrawlerRegistry;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.ingest.accesslogs.AccessLogTranslator;
import org.termsguard.ingest.accesslogs.LogFormat;
import org.termsguard.ingest.accesslogs.PathRules;
import org.termsguard.testsupport.KafkaAndPostgres;

/**
 * Issue #18: what log shippers send as they send it — compressed bodies (a gzip upload answered 202 with nothing
 * accepted), Basic credentials and Firehose's access-key header (both 401), Fastly's challenge (404).
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
class ShipperProtocolsTest {

    private static final String PROBLEM = "application/problem+json";

    private static String log(String path) {
        return """
                203.0.113.7 - - [12/Apr/2023:09:30:00 +0000] "GET %1$s HTTP/1.1" 200 5124 "-" "Mozilla/5.0 (compatible; GPTBot/1.2; +https://openai.com/gptbot)"
                198.51.100.4 - - [12/Apr/2023:09:30:01 +0000] "GET %1$s/.rss HTTP/1.1" 200 90 "-" "FeedFetcher/3.1"
                """
                .formatted(path);
    }

    private static List<String> ids(String log) throws IOException {
        return new AccessLogTranslator(CrawlerRegistry.bundled(), PathRules.DEFAULT)
                        .translate("reddit", null, LogFormat.of(LogFormat.Name.COMBINED), new StringReader(log))
                        .events()
                        .stream()
                        .map(AccessEvent::eventId)
                        .toList();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    private static io.restassured.specification.RequestSpecification upload(String encoding, byte[] body) {
        var request = given().auth()
                .oauth2(IngestApiTest.key())
                .contentType("text/plain")
                .queryParam("owner", "reddit")
                .body(body);
        return encoding == null ? request : request.header("Content-Encoding", encoding);
    }

    @Test
    void gzipAndZstdUploadsAreReadWhole() throws Exception {
        String gzipped = log("/r/gz-" + UUID.randomUUID());
        upload("gzip", gzip(gzipped.getBytes(StandardCharsets.UTF_8)))
                .post("/v1/access-logs")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(2));
        String zstd = log("/r/zstd-" + UUID.randomUUID());
        upload("zstd", Zstd.compress(zstd.getBytes(StandardCharsets.UTF_8)))
                .post("/v1/access-logs")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(2));
        assertThat(AccessEventsTopic.await(ids(gzipped))).hasSize(2);
        assertThat(AccessEventsTopic.await(ids(zstd))).hasSize(2);
    }

    @Test
    void aCompressedEventBatchIsReadToo() throws Exception {
        String id = UUID.randomUUID().toString();
        given().auth()
                .oauth2(IngestApiTest.key())
                .contentType("application/x-ndjson")
                .header("Content-Encoding", "gzip")
                .body(gzip(
                        (IngestApiTest.event(id, "x-corp").replace("\n", "") + "\n").getBytes(StandardCharsets.UTF_8)))
                .post("/v1/events/batch")
                .then()
                .statusCode(202);
        assertThat(AccessEventsTopic.await(List.of(id))).hasSize(1);
    }

    @Test
    void aZipBombIs413AndNothingOfItIsPublished() throws Exception {
        // 40 MB of log lines in about 100 kB: past the 8 MiB decoding bound long before its end.
        String line = log("/r/bomb-" + UUID.randomUUID());
        byte[] bomb = gzip(line.repeat(200_000).getBytes(StandardCharsets.UTF_8));
        assertThat(bomb.length).isLessThan(1_000_000);
        upload("gzip", bomb)
                .post("/v1/access-logs")
                .then()
                .statusCode(413)
                .contentType(PROBLEM)
                .body("detail", containsString("8388608"));
        String marker = log("/r/after-bomb-" + UUID.randomUUID());
        upload(null, marker.getBytes(StandardCharsets.UTF_8))
                .post("/v1/access-logs")
                .then()
                .statusCode(202);
        AccessEventsTopic.assertNonePublishedBefore(ids(marker).get(0), ids(line));
    }

    @Test
    void unknownAndCorruptCodingsAreRefusedWithAProblem() {
        upload("br", new byte[] {1, 2, 3})
                .post("/v1/access-logs")
                .then()
                .statusCode(415)
                .contentType(PROBLEM)
                .header("Accept-Encoding", "gzip, deflate, zstd");
        upload("gzip", "not gzip at all".getBytes(StandardCharsets.UTF_8))
                .post("/v1/access-logs")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("not valid gzip"));
    }

    @Test
    void basicCredentialsAndFirehosesHeaderCarryTheKey() throws Exception {
        String viaBasic = log("/r/basic-" + UUID.randomUUID());
        given().auth()
                .preemptive()
                .basic("fluent-bit", IngestApiTest.key())
                .contentType("text/plain")
                .queryParam("owner", "reddit")
                .body(viaBasic)
                .post("/v1/access-logs")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(2));
        String viaFirehose = log("/r/firehose-key-" + UUID.randomUUID());
        given().header("X-Amz-Firehose-Access-Key", IngestApiTest.key())
                .contentType("text/plain")
                .queryParam("owner", "reddit")
                .body(viaFirehose)
                .post("/v1/access-logs")
                .then()
                .statusCode(202);
        assertThat(AccessEventsTopic.await(ids(viaBasic))).hasSize(2);
        assertThat(AccessEventsTopic.await(ids(viaFirehose))).hasSize(2);

        var refused = given().auth()
                .preemptive()
                .basic("fluent-bit", "not-the-key")
                .contentType("text/plain")
                .queryParam("owner", "reddit")
                .body(viaBasic)
                .post("/v1/access-logs")
                .then()
                .statusCode(401)
                .contentType(PROBLEM)
                .extract();
        assertThat(refused.header("WWW-Authenticate"))
                .startsWith("Bearer realm=\"termsguard-ingest\"")
                .contains(", Basic realm=\"termsguard-ingest\", charset=\"UTF-8\"");
        given().header("Authorization", "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes()))
                .contentType("text/plain")
                .queryParam("owner", "reddit")
                .body("x")
                .post("/v1/access-logs")
                .then()
                .statusCode(401)
                .body("detail", containsString("RFC 7617"));
    }

    @Test
    void fastlysChallengeListsTheHashOfTheConfiguredService() throws Exception {
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest("7i6HN3TK9wS159v2gPAZ8A".getBytes(StandardCharsets.UTF_8)));
        String body = given().get("/.well-known/fastly/logging/challenge")
                .then()
                .statusCode(200)
                .contentType(containsString("text/plain"))
                .extract()
                .asString();
        assertThat(body.lines()).contains(expected);
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths.keySet()", hasItem("/.well-known/fastly/logging/challenge"));
    }

    @Test
    void aFirehoseDeliveryIsReadAndAnsweredAsAwsSpecifies() throws Exception {
        String log = log("/r/firehose-" + UUID.randomUUID());
        // Two records, as Firehose buffers them: each the data a source put in, without a delimiter added.
        String[] lines = log.split("\n");
        String delivery = "{\"requestId\":\"ed4acda5-034f-9f42-bba1-f29aea6d7d8f\",\"timestamp\":1578090901599,"
                + "\"records\":[{\"data\":\"" + b64(lines[0]) + "\"},{\"data\":\"" + b64(lines[1] + "\n") + "\"}]}";
        given().header("X-Amz-Firehose-Access-Key", IngestApiTest.key())
                .header("X-Amz-Firehose-Request-Id", "ed4acda5-034f-9f42-bba1-f29aea6d7d8f")
                .header("X-Amz-Firehose-Protocol-Version", "1.0")
                .header("Content-Encoding", "gzip")
                .contentType("application/json")
                .queryParam("owner", "reddit")
                .body(gzip(delivery.getBytes(StandardCharsets.UTF_8)))
                .post("/v1/firehose")
                .then()
                .statusCode(200)
                .contentType(containsString("application/json"))
                .body("requestId", equalTo("ed4acda5-034f-9f42-bba1-f29aea6d7d8f"))
                .body("timestamp", org.hamcrest.Matchers.greaterThan(1_700_000_000_000L));
        assertThat(AccessEventsTopic.await(ids(log))).hasSize(2);

        // A delivery that cannot be read: problem+json that also carries what Firehose logs.
        given().header("X-Amz-Firehose-Access-Key", IngestApiTest.key())
                .contentType("application/json")
                .queryParam("owner", "reddit")
                .body("{\"requestId\":\"r-bad\",\"records\":[{\"data\":\"%%%\"}]}")
                .post("/v1/firehose")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("requestId", equalTo("r-bad"))
                .body("errorMessage", containsString("base64"))
                .body("timestamp", org.hamcrest.Matchers.notNullValue());
        given().header("X-Amz-Firehose-Access-Key", IngestApiTest.key())
                .contentType("application/json")
                .queryParam("owner", "reddit")
                .body("{\"requestId\":\"r-none\",\"records\":[{\"data\":\"" + b64("not a log line\n") + "\"}]}")
                .post("/v1/firehose")
                .then()
                .statusCode(422)
                .contentType(PROBLEM)
                .body("requestId", equalTo("r-none"));
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
