package org.termsguard.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.ContractSchemas;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.TestTokens;

/** The ingest API end to end: HTTP in, records on the real {@code access-events} topic out. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
class IngestApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM = "application/problem+json";
    private static String key;

    /** A key for x-corp and reddit, issued through the admin API like any producer's. */
    static synchronized String key() {
        if (key == null) {
            key = issueKey("gateway-" + UUID.randomUUID().toString().substring(0, 8), List.of("x-corp", "reddit"));
        }
        return key;
    }

    static String issueKey(String producerId, List<String> owners) {
        return given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("producerId", producerId, "name", "Test gateway", "owners", owners))
                .post("/v1/producers")
                .then()
                .statusCode(201)
                .body("apiKey", startsWith("tgk_"))
                .extract()
                .path("apiKey");
    }

    static String event(String id, String owner) {
        return """
                {"eventId":"%s","observedAt":"2023-04-12T09:30:00Z","owner":"%s","consumer":"microsoft",
                 "channel":"api","resource":{"kind":"tweets","uri":"https://api.x.example/2/tweets/search/all"},
                 "purpose":"ai-train","volume":{"records":50000,"bytes":21000000},
                 "evidence":{"apiClientId":"ms-ads-7731","userAgent":null,"clientIp":"203.0.113.7","requestId":"r-88","identity":"claimed"}}"""
                .formatted(id, owner);
    }

    private static Response post(String path, String contentType, String body) {
        return given().auth()
                .oauth2(key())
                .contentType(contentType)
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post(path);
    }

    @Test
    void singleEventIsOnTheTopicWithKeyCloudEventHeadersAndAValidPayload() throws Exception {
        String id = UUID.randomUUID().toString();
        post("/v1/events", "application/json", event(id, "x-corp"))
                .then()
                .statusCode(202)
                .body("eventId", equalTo(id));

        ConsumerRecord<String, String> record =
                AccessEventsTopic.await(List.of(id)).get(0);
        assertThat(record.key()).isEqualTo("x-corp/microsoft");
        assertThat(AccessEventsTopic.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(AccessEventsTopic.header(record, "ce_type")).isEqualTo("termsguard.access.observed");
        assertThat(AccessEventsTopic.header(record, "ce_source")).isEqualTo("urn:termsguard:ingest-service");
        assertThat(AccessEventsTopic.header(record, "ce_time")).isEqualTo("2023-04-12T09:30:00Z");
        assertThat(AccessEventsTopic.header(record, "content-type")).isEqualTo("application/json");
        assertThat(ContractSchemas.violations("access-event", record.value())).isEmpty();

        JsonNode value = JSON.readTree(record.value());
        assertThat(value.path("producer").asText()).startsWith("gateway-");
        assertThat(Instant.parse(value.path("receivedAt").asText()))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(value.path("volume").path("records").asLong()).isEqualTo(50_000L);
        assertThat(value.path("evidence").path("apiClientId").asText()).isEqualTo("ms-ads-7731");
    }

    @Test
    void eventWithoutIdGetsOneAndUnknownConsumerIsKeyedWithAQuestionMark() {
        String id = post(
                        "/v1/events",
                        "application/json",
                        """
                        {"observedAt":"2023-04-12T09:30:00Z","owner":"reddit","channel":"crawler","resource":{"kind":"posts"}}""")
                .then()
                .statusCode(202)
                .extract()
                .path("eventId");
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(AccessEventsTopic.await(List.of(id)).get(0).key()).isEqualTo("reddit/?");
    }

    @Test
    void structuredCloudEventIsUnwrapped() {
        String id = UUID.randomUUID().toString();
        String cloudEvent =
                """
                {"specversion":"1.0","id":"%s","source":"urn:gateway:x-api-eu1","type":"termsguard.access.observed",
                 "time":"2023-04-12T09:30:00Z","datacontenttype":"application/json",
                 "data":{"observedAt":"2023-04-12T09:30:00Z","owner":"x-corp","consumer":"microsoft","channel":"api",
                         "resource":{"kind":"tweets"},"purpose":"ai-train","volume":{"records":7}}}"""
                        .formatted(id);
        post("/v1/events", "application/cloudevents+json", cloudEvent)
                .then()
                .statusCode(202)
                .body("eventId", equalTo(id));
        var record = AccessEventsTopic.await(List.of(id)).get(0);
        assertThat(record.value()).contains("\"records\":7");
        assertThat(ContractSchemas.violations("access-event", record.value())).isEmpty();
    }

    @Test
    void cloudEventErrorsPointIntoTheEnvelopeAndItsData() {
        post(
                        "/v1/events",
                        "application/cloudevents+json",
                        """
                        {"specversion":"0.3","id":"x","source":"s","type":"other",
                         "data":{"observedAt":"2023-04-12T09:30:00Z","owner":"x-corp","channel":"api","resource":{"kind":"t"},"purpose":"nope"}}""")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", contains("specversion", "type", "data.purpose"));
    }

    @Test
    void jsonArrayBatchIsPublishedWhole() {
        List<String> ids = IntStream.range(0, 25)
                .mapToObj(i -> UUID.randomUUID().toString())
                .toList();
        String body = ids.stream().map(id -> event(id, "x-corp")).collect(Collectors.joining(",", "[", "]"));
        post("/v1/events/batch", "application/json", body)
                .then()
                .statusCode(202)
                .body("accepted", equalTo(25))
                .body("eventIds", equalTo(ids));
        var records = AccessEventsTopic.await(ids);
        assertThat(records).allSatisfy(r -> assertThat(ContractSchemas.violations("access-event", r.value()))
                .isEmpty());
    }

    @Test
    void ndjsonBatchIsPublishedWhole() {
        List<String> ids =
                List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        String body = event(ids.get(0), "x-corp").replace("\n", "") + "\n\n"
                + event(ids.get(1), "reddit").replace("\n", "") + "\n";
        post("/v1/events/batch", "application/x-ndjson", body)
                .then()
                .statusCode(202)
                .body("accepted", equalTo(2));
        assertThat(AccessEventsTopic.await(ids))
                .extracting(ConsumerRecord::key)
                .containsExactly("x-corp/microsoft", "reddit/microsoft");
    }

    @Test
    void batchWithOneBadEventIsRefusedWholeWithEveryErrorByIndex() {
        String good = UUID.randomUUID().toString();
        String body = "[" + event(good, "x-corp") + ","
                + """
                {"owner":"x-corp","channel":"email","resource":{"kind":"tweets"},"purpose":"nope","colour":"red"}"""
                + "," + event(good, "x-corp") + "]";
        post("/v1/events/batch", "application/json", body)
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo("https://termsguard.org/problems/validation"))
                .body("status", equalTo(400))
                .body("detail", containsString("Nothing was published"))
                .body("errors.findAll { it.index == 1 }.field", contains("colour", "observedAt", "channel", "purpose"))
                .body("errors.findAll { it.index == 2 }.field", contains("eventId"));

        String marker = UUID.randomUUID().toString();
        post("/v1/events", "application/json", event(marker, "x-corp")).then().statusCode(202);
        AccessEventsTopic.assertNonePublishedBefore(marker, List.of(good));
    }

    @Test
    void ndjsonLineThatIsNotJsonIsReportedByIndex() {
        post("/v1/events/batch", "application/x-ndjson", event("a-1", "x-corp").replace("\n", "") + "\n{oops\n")
                .then()
                .statusCode(400)
                .body("errors[0].index", equalTo(1))
                .body("errors[0].message", startsWith("line is not valid JSON"));
    }

    @Test
    void accessLogLinesBecomeEventsAndBadLinesAreReported() throws Exception {
        String path = "/r/t-" + UUID.randomUUID();
        String log =
                """
                203.0.113.7 - - [12/Apr/2023:09:30:00 +0000] "GET %1$s HTTP/1.1" 200 5124 "-" "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)"
                not a log line at all
                198.51.100.4 - - [12/Apr/2023:09:30:01 +0000] "GET %1$s/.rss HTTP/1.1" 200 90 "-" "FeedFetcher/3.1"
                """
                        .formatted(path);
        given().auth()
                .oauth2(key())
                .contentType("text/plain")
                .queryParam("owner", "reddit")
                .queryParam("site", "https://www.reddit.com")
                .body(log)
                .post("/v1/access-logs")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(2))
                .body("skipped", equalTo(1))
                .body("errors[0].line", equalTo(2));

        var translator = new org.termsguard.ingest.accesslogs.AccessLogTranslator(
                org.termsguard.contracts.crawlers.CrawlerRegistry.bundled(),
                org.termsguard.ingest.accesslogs.PathRules.DEFAULT);
        var ids = translator
                .translate(
                        "reddit",
                        "https://www.reddit.com",
                        org.termsguard.ingest.accesslogs.LogFormat.of(
                                org.termsguard.ingest.accesslogs.LogFormat.Name.COMBINED),
                        new java.io.BufferedReader(new java.io.StringReader(log)))
                .events()
                .stream()
                .map(e -> e.eventId())
                .toList();
        var records = AccessEventsTopic.await(ids);
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("reddit/openai", "reddit/?");
        JsonNode crawler = JSON.readTree(records.get(0).value());
        assertThat(crawler.path("channel").asText()).isEqualTo("crawler");
        assertThat(crawler.path("purpose").asText()).isEqualTo("ai-train");
        assertThat(crawler.path("resource").path("uri").asText()).isEqualTo("https://www.reddit.com" + path);
        assertThat(JSON.readTree(records.get(1).value()).path("channel").asText())
                .isEqualTo("feed");
        assertThat(records).allSatisfy(r -> assertThat(ContractSchemas.violations("access-event", r.value()))
                .isEmpty());
    }

    @Test
    void accessLogForAnOwnerOutsideTheKeyIsForbiddenAndBadParametersAreNamed() {
        given().auth()
                .oauth2(key())
                .contentType("text/plain")
                .queryParam("owner", "umg")
                .body("x")
                .post("/v1/access-logs")
                .then()
                .statusCode(403)
                .contentType(PROBLEM);
        given().auth()
                .oauth2(key())
                .contentType("text/plain")
                .queryParam("owner", "reddit")
                .queryParam("format", "xml")
                .body("x")
                .post("/v1/access-logs")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("format"));
        given().auth()
                .oauth2(key())
                .contentType("text/plain")
                .queryParam("owner", "reddit")
                .queryParam("site", "https://x.example/path")
                .body("x")
                .post("/v1/access-logs")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("site"));
    }

    @Test
    void anUploadOfWhichNoLineCanBeReadIs422WithTheFirstErrors() {
        given().auth()
                .oauth2(key())
                .contentType("text/plain")
                .queryParam("owner", "reddit")
                .queryParam("format", "cloudfront")
                .body("not a log line\n\n".repeat(150))
                .post("/v1/access-logs")
                .then()
                .statusCode(422)
                .contentType(PROBLEM)
                .body("detail", containsString("nothing was published"))
                .body("errors", hasSize(100))
                .body("errors[0].index", equalTo(1))
                .body("errors[1].index", equalTo(3))
                .body("errors[0].message", containsString("cs-method"));
    }

    @Test
    void cdnExportsAsJsonArraysAndCustomFormatsBecomeEvents() throws Exception {
        String path = "/static/t-" + UUID.randomUUID() + ".png";
        String array =
                """
                [{"ClientIP":"89.163.242.206","ClientRequestHost":"www.theburritobot.com","ClientRequestMethod":"GET",
                  "ClientRequestURI":"%s","EdgeEndTimestamp":1506702504461999900,"EdgeResponseBytes":69045,
                  "EdgeResponseStatus":200,"EdgeStartTimestamp":1506702504433000200,"RayID":"3a6050bcbe121a87"},
                 {"ClientIP":"89.163.242.206","EdgeStartTimestamp":1506702504433000300,"RayID":"3a6050bcbe121a88"}]
                """
                        .formatted(path);
        given().auth()
                .oauth2(key())
                .contentType("application/json")
                .queryParam("owner", "x-corp")
                .queryParam("format", "cloudflare")
                .queryParam("site", "https://www.theburritobot.com")
                .body(array)
                .post("/v1/access-logs")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(1))
                .body("skipped", equalTo(1))
                .body("errors[0].line", equalTo(2));

        String nginx = "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
                + " \"$http_referer\" \"$http_user_agent\" \"$http_x_forwarded_for\"";
        String line = "10.0.0.9 - - [02/Dec/2024:00:23:59 +0000] \"GET " + path + "?page=2 HTTP/1.1\" 200 6 \"-\""
                + " \"Mozilla/5.0 (compatible; GPTBot/1.2; +https://openai.com/gptbot)\" \"203.0.113.7, 10.0.0.2\"\n";
        given().auth()
                .oauth2(key())
                .contentType("text/plain")
                .queryParam("owner", "x-corp")
                .queryParam("format", "custom")
                .queryParam("logFormat", nginx)
                .body(line)
                .post("/v1/access-logs")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(1));

        var translator = new org.termsguard.ingest.accesslogs.AccessLogTranslator(
                org.termsguard.contracts.crawlers.CrawlerRegistry.bundled(),
                org.termsguard.ingest.accesslogs.PathRules.DEFAULT);
        var ids = new java.util.ArrayList<String>();
        ids.addAll(translator
                .translate(
                        "x-corp",
                        "https://www.theburritobot.com",
                        org.termsguard.ingest.accesslogs.LogFormat.of("cloudflare", null),
                        new java.io.StringReader(array))
                .events()
                .stream()
                .map(e -> e.eventId())
                .toList());
        ids.addAll(translator
                .translate(
                        "x-corp",
                        null,
                        org.termsguard.ingest.accesslogs.LogFormat.of("custom", nginx),
                        new java.io.StringReader(line))
                .events()
                .stream()
                .map(e -> e.eventId())
                .toList());
        var records = AccessEventsTopic.await(ids);
        JsonNode cloudflare = JSON.readTree(records.get(0).value());
        assertThat(cloudflare.path("observedAt").asText()).isEqualTo("2017-09-29T16:28:24.433000200Z");
        assertThat(cloudflare.path("resource").path("uri").asText()).isEqualTo("https://www.theburritobot.com" + path);
        assertThat(cloudflare.path("evidence").path("clientIp").asText()).isEqualTo("89.163.242.206");
        assertThat(cloudflare.path("volume").path("bytes").asLong()).isEqualTo(69045L);
        JsonNode custom = JSON.readTree(records.get(1).value());
        assertThat(custom.path("evidence").path("clientIp").asText()).isEqualTo("203.0.113.7");
        assertThat(custom.path("channel").asText()).isEqualTo("crawler");
        assertThat(custom.path("resource").path("uri").asText()).isEqualTo(path + "?page=2");
        assertThat(records).allSatisfy(r -> assertThat(ContractSchemas.violations("access-event", r.value()))
                .isEmpty());
    }

    @Test
    void unknownFormatsAndUnusableLogFormatsNameTheirParameter() {
        given().auth()
                .oauth2(key())
                .contentType("text/plain")
                .queryParam("owner", "reddit")
                .queryParam("format", "custom")
                .queryParam("logFormat", "$remote_addr $status")
                .body("x")
                .post("/v1/access-logs")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("logFormat"))
                .body("errors[0].message", containsString("logs no request time"));
        given().auth()
                .oauth2(key())
                .contentType("text/plain")
                .queryParam("owner", "reddit")
                .queryParam("format", "combined")
                .queryParam("logFormat", "%h %t \"%r\"")
                .body("x")
                .post("/v1/access-logs")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("logFormat"));
    }

    @Test
    void missingUnknownAndRevokedKeysAre401() {
        given().contentType("application/json")
                .body(event("u-1", "x-corp"))
                .post("/v1/events")
                .then()
                .statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().auth()
                .oauth2("tgk_0000000000000000_" + "A".repeat(43))
                .contentType("application/json")
                .body(event("u-2", "x-corp"))
                .post("/v1/events")
                .then()
                .statusCode(401)
                .contentType(PROBLEM);
        given().auth()
                .oauth2("not-a-key")
                .contentType("application/json")
                .body(event("u-3", "x-corp"))
                .post("/v1/events")
                .then()
                .statusCode(401);

        String producer = "revoked-" + UUID.randomUUID().toString().substring(0, 8);
        String revocable = issueKey(producer, List.of("x-corp"));
        given().auth()
                .oauth2(revocable)
                .contentType("application/json")
                .body(event(UUID.randomUUID().toString(), "x-corp"))
                .post("/v1/events")
                .then()
                .statusCode(202);
        String keyId = revocable.split("_")[1];
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .delete("/v1/producers/" + producer + "/keys/" + keyId)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(revocable)
                .contentType("application/json")
                .body(event(UUID.randomUUID().toString(), "x-corp"))
                .post("/v1/events")
                .then()
                .statusCode(401);
    }

    @Test
    void eventForAnOwnerOutsideTheKeyIs403AndNothingOfTheBatchIsPublished() {
        post("/v1/events", "application/json", event(UUID.randomUUID().toString(), "umg"))
                .then()
                .statusCode(403)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("owner"));
        String inScope = UUID.randomUUID().toString();
        post(
                        "/v1/events/batch",
                        "application/json",
                        "[" + event(inScope, "x-corp") + ","
                                + event(UUID.randomUUID().toString(), "umg") + "]")
                .then()
                .statusCode(403)
                .body("errors[0].index", equalTo(1));
        String marker = UUID.randomUUID().toString();
        post("/v1/events", "application/json", event(marker, "x-corp")).then().statusCode(202);
        AccessEventsTopic.assertNonePublishedBefore(marker, List.of(inScope));
    }

    @Test
    void tooLargeBodiesAndBatchesAre413() {
        String tooMany = IntStream.range(0, 10_001).mapToObj(i -> "{}").collect(Collectors.joining(",", "[", "]"));
        post("/v1/events/batch", "application/json", tooMany)
                .then()
                .statusCode(413)
                .contentType(PROBLEM)
                .body("detail", containsString("at most 10000 events"));
        String padding = "x".repeat(6 * 1024 * 1024);
        post("/v1/events/batch", "application/json", "[\"" + padding + "\"]")
                .then()
                .statusCode(413)
                .contentType(PROBLEM);
        post("/v1/events", "application/json", "{\"pad\":\"" + "y".repeat(70_000) + "\"}")
                .then()
                .statusCode(413)
                .contentType(PROBLEM);
    }

    @Test
    void wrongContentTypeIs415() {
        post("/v1/events", "text/csv", "a,b").then().statusCode(415).contentType(PROBLEM);
        post("/v1/events/batch", "application/xml", "<a/>")
                .then()
                .statusCode(415)
                .contentType(PROBLEM);
        given().auth()
                .oauth2(key())
                .contentType("application/xml")
                .queryParam("owner", "reddit")
                .body("<a/>")
                .post("/v1/access-logs")
                .then()
                .statusCode(415)
                .contentType(PROBLEM);
    }

    @Test
    void malformedJsonIs400Problem() {
        post("/v1/events", "application/json", "{\"owner\": ")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", startsWith("The body is not valid JSON"));
    }

    @Test
    void producerAdministrationNeedsAPlatformAdmin() {
        var body = Map.of(
                "producerId",
                "p-" + UUID.randomUUID().toString().substring(0, 8),
                "name",
                "n",
                "owners",
                List.of("x-corp"));
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/v1/producers")
                .then()
                .statusCode(401)
                .contentType(PROBLEM);
        given().auth()
                .oauth2(TestTokens.ownerAdmin("x-corp"))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/producers")
                .then()
                .statusCode(403)
                .contentType(PROBLEM);
        given().auth()
                .oauth2(TestTokens.expired())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/producers")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("producerId", "bad id", "name", "", "owners", List.of("X Corp")))
                .post("/v1/producers")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", hasItem("producerId"));
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .get("/v1/producers")
                .then()
                .statusCode(200)
                .body("[0].keys[0].keyId", notNullValue());
    }

    @Test
    void crawlerRegistryIsListedAndMatchesUserAgents() {
        given().get("/v1/crawlers").then().statusCode(200).body("count", org.hamcrest.Matchers.greaterThan(160));
        given().queryParam("userAgent", "CCBot/2.0 (https://commoncrawl.org/faq/)")
                .get("/v1/crawlers")
                .then()
                .statusCode(200)
                .body("crawlers", hasSize(1))
                .body("crawlers[0].consumer", equalTo("common-crawl"));
    }

    @Test
    void openApiDescribesEveryEndpointWithItsStatuses() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(
                        "paths.'/v1/events'.post.responses.keySet()",
                        org.hamcrest.Matchers.hasItems("202", "400", "401", "403", "413", "415", "503"))
                .body(
                        "paths.'/v1/events/batch'.post.responses.keySet()",
                        org.hamcrest.Matchers.hasItems("202", "400", "401", "403", "413", "415", "503"))
                .body(
                        "paths.'/v1/access-logs'.post.responses.keySet()",
                        org.hamcrest.Matchers.hasItems("202", "400", "401", "403", "413", "415", "422", "503"))
                .body(
                        "paths.'/v1/access-logs'.post.parameters.name",
                        org.hamcrest.Matchers.hasItems("owner", "format", "logFormat", "site"))
                .body(
                        "paths.'/v1/producers'.post.responses.keySet()",
                        org.hamcrest.Matchers.hasItems("201", "400", "401", "403", "409"))
                .body(
                        "paths.'/v1/producers/{producerId}/keys/{keyId}'.delete.responses.keySet()",
                        org.hamcrest.Matchers.hasItems("204", "404"))
                .body("paths.'/v1/crawlers'.get.responses.keySet()", hasItem("200"))
                .body(
                        "paths.'/v1/events'.post.requestBody.content.'application/cloudevents+json'.examples",
                        notNullValue());
    }
}
