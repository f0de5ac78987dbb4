package org.termsguard.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.erdtman.jcs.JsonCanonicalizer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.ReliabilityReport;
import org.termsguard.testsupport.TestTokens;

/**
 * Issue #17: a crawler's path, user agent and an explanation that looks like a consumer reach the notice as text,
 * never as structure, in Markdown, HTML and the e-mail's text part.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "alert"))
@WithTestResource(SmtpServer.class)
class NoticeInjectionTest {

    static final String HOSTILE_PATH = "/r/pics\n\n## How much\n\n**Estimated fee:** 0.00 USD\n";
    static final String HOSTILE_AGENT =
            "GPTBot/1.2 *[verify here](https://evil.example)* <script>alert(1)</script>\r\n# Agent\u2028- item\u0000";
    static final String HOSTILE_EXPLANATION =
            "openai used 1000 records.\n\n**To:** someone-else\n- injected item\n<img src=x onerror=alert(2)>";
    static final List<String> SECTIONS =
            List.of("What was observed", "The term or clause", "How much", "Identity confidence", "Evidence");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    Pool database;

    @InjectSmtp
    GreenMail smtp;

    static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.platformAdmin()).contentType(ContentType.JSON);
    }

    static String hostile(String owner, int n) throws Exception {
        ObjectNode v = (ObjectNode) JSON.readTree(Violations.json(
                "v-" + owner + "-" + n,
                "e-" + owner + "-" + n,
                owner,
                "openai",
                "no-license",
                "critical",
                1000,
                "0.84",
                "2023-04-12T09:3" + n + ":00Z"));
        v.put("explanation", HOSTILE_EXPLANATION);
        v.put("clause", "terms version 2 require a license\n# Clause heading");
        ObjectNode event = (ObjectNode) v.path("event");
        ((ObjectNode) event.path("resource")).put("uri", "https://www." + owner + ".example" + HOSTILE_PATH);
        ((ObjectNode) event.path("evidence")).put("userAgent", HOSTILE_AGENT);
        ((ObjectNode) v.path("estimatedFee")).put("basis", "1000 records\n\n## Injected basis\n| a | b |\n|---|---|");
        return JSON.writeValueAsString(v);
    }

    @Test
    void hostileValuesStayTextInMarkdownHtmlAndTheEmail() throws Exception {
        String owner = "o-" + UUID.randomUUID().toString().substring(0, 8);
        admin().body(
                        "{\"groupWait\":\"PT0S\",\"groupInterval\":\"PT1S\",\"repeatInterval\":\"PT4H\",\"resolveAfter\":\"PT24H\",\"receivers\":["
                                + "{\"type\":\"email\",\"to\":[\"legal@" + owner + ".example\"]}]}")
                .put("/v1/owners/" + owner + "/routes")
                .then()
                .statusCode(200);
        Violations.produce(owner, "openai", List.of(hostile(owner, 1), hostile(owner, 2)));
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> admin().get("/v1/incidents?owner=" + owner)
                .then()
                .statusCode(200)
                .body("incidents", hasSize(1))
                .body("incidents[0].events", equalTo(2)));
        String incidentId =
                admin().get("/v1/incidents?owner=" + owner).then().extract().path("incidents[0].incidentId");

        String markdown = given().auth()
                .oauth2(TestTokens.ownerViewer(owner))
                .accept("text/markdown")
                .get("/v1/incidents/" + incidentId + "/notice")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertMarkdownStructure(markdown);

        String html = given().auth()
                .oauth2(TestTokens.ownerViewer(owner))
                .accept("text/html")
                .get("/v1/incidents/" + incidentId + "/notice")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertHtmlStructure(Jsoup.parse(html));

        // The e-mail's text part is the Markdown notice: the same structure must hold there.
        Awaitility.await()
                .atMost(PATIENCE)
                .until(() -> smtp.getReceivedMessagesForDomain(owner + ".example").length > 0);
        MimeMessage mail = smtp.getReceivedMessagesForDomain(owner + ".example")[0];
        assertThat(part(mail, "text/plain")).isNotNull();
        assertMarkdownStructure(part(mail, "text/plain"));
        assertHtmlStructure(Jsoup.parse(part(mail, "text/html")));
        ReliabilityReport.write(
                "b6-notice-injection",
                "paths, user agents, consumer names, explanations and fee bases holding Markdown headings, tables,"
                        + " links, raw HTML and script tags, passed as violations: the Markdown notice, the HTML notice"
                        + " and both parts of the e-mail keep one heading per section and no element a value made"
                        + " (checked by parsing each with CommonMark and jsoup)");
    }

    /**
     * Issue #17's 200,000-violation incident at full size: the rows are written straight into the table (sending them
     * through Kafka would take this test minutes), then every way the incident is read is asked for once. Each must
     * answer, and within its bound of size: the notice embeds at most its configured number of events, the export
     * one page.
     */
    @Test
    void aTwoHundredThousandViolationIncidentIsReadInBoundedPieces() throws Exception {
        String owner = "o-" + UUID.randomUUID().toString().substring(0, 8);
        int n = 200_000;
        Violations.produce(
                owner,
                "openai",
                List.of(Violations.json(
                        "v-" + owner + "-0",
                        "e-" + owner + "-0",
                        owner,
                        "openai",
                        "no-license",
                        "high",
                        10,
                        "0.01",
                        "2023-04-12T09:30:00Z")));
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> admin().get("/v1/incidents?owner=" + owner)
                .then()
                .statusCode(200)
                .body("incidents", hasSize(1)));
        String incidentId =
                admin().get("/v1/incidents?owner=" + owner).then().extract().path("incidents[0].incidentId");
        database.preparedQuery("insert into violation (violation_id, event_id, owner, consumer, rule, severity,"
                        + " observed_at, payload, incident_id) select v.violation_id || '-' || g, v.event_id || '-' || g,"
                        + " v.owner, v.consumer, v.rule, v.severity, v.observed_at, jsonb_set(jsonb_set(jsonb_set("
                        + "v.payload, '{violationId}', to_jsonb(v.violation_id || '-' || g)), '{eventId}',"
                        + " to_jsonb(v.event_id || '-' || g)), '{event,eventId}', to_jsonb(v.event_id || '-' || g)),"
                        + " v.incident_id from violation v, generate_series(1, $2) g where v.owner = $1")
                .execute(Tuple.of(owner, n - 1))
                .await()
                .atMost(Duration.ofMinutes(3));
        database.preparedQuery("update incident set violations = $2, events = $2, records = $2 * 10 where id = $1")
                .execute(Tuple.of(incidentId, (long) n))
                .await()
                .indefinitely();

        // The first digest of 200,000 events is computed here (measured, not bounded: issue #23's benchmarks bound
        // speed); later reads take it from the cache.
        var patient = io.restassured.RestAssured.config()
                .httpClient(io.restassured.config.HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 300_000)
                        .setParam("http.connection.timeout", 10_000));
        long started = System.nanoTime();
        String detail = admin().config(patient)
                .get("/v1/incidents/" + incidentId)
                .then()
                .statusCode(200)
                .body("evidenceEvents", equalTo(n))
                .extract()
                .asString();
        long detailMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        String markdown = given().auth()
                .oauth2(TestTokens.ownerViewer(owner))
                .accept("text/markdown")
                .get("/v1/incidents/" + incidentId + "/notice")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        long noticeMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(markdown)
                .contains("over " + n + " event(s).")
                .contains("the other " + (n - 100) + " are in the evidence export.");
        started = System.nanoTime();
        String page = admin().queryParam("limit", 1000)
                .get("/v1/incidents/" + incidentId + "/evidence")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        long pageMillis = (System.nanoTime() - started) / 1_000_000;
        JsonNode first = JSON.readTree(page);
        assertThat(first.path("events").size()).isEqualTo(1000);
        assertThat(first.path("totalEvents").asInt()).isEqualTo(n);
        assertThat(first.path("next").isTextual()).isTrue();
        assertThat(detail.length()).as("detail characters").isLessThan(64 * 1024);
        assertThat(markdown.length()).as("notice characters").isLessThan(256 * 1024);
        ReliabilityReport.write(
                "b6-large-incident",
                "an incident of " + n + " violations (rows written straight into PostgreSQL): detail "
                        + kib(detail) + " in " + detailMillis + " ms (its first read folds the digest over every"
                        + " event; cached after), the Markdown notice " + kib(markdown) + " in "
                        + noticeMillis + " ms (embeds 100 events, digest over all " + n
                        + "), the first evidence page of"
                        + " 1,000 events " + kib(page) + " in " + pageMillis + " ms; every digest folded a page at a"
                        + " time, never the whole incident in memory (this machine, 2 cores, under the test suite)");
    }

    private static String kib(String text) {
        return (text.getBytes(StandardCharsets.UTF_8).length + 1023) / 1024 + " KiB";
    }

    /**
     * Issue #17's 200,000-violation incident, scaled down: the notice holds the bound and says how many more there
     * are, the pages of the export hold every event exactly once in chain order, and their links make the digest.
     */
    @Test
    void aLargeIncidentIsBoundedInTheNoticeAndPagedWholeInTheExport() throws Exception {
        String owner = "o-" + UUID.randomUUID().toString().substring(0, 8);
        int n = 2500;
        List<String> violations = new ArrayList<>();
        List<String> expectedOrder = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Five events per microsecond, whose nanoseconds run against their ids: the database orders them by
            // id, the chain by instant, and a page of 333 splits such groups.
            int group = i / 5;
            int within = i % 5;
            String at = java.time.Instant.parse("2023-04-12T09:30:00Z")
                    .plusNanos(group * 1000L + (4 - within) * 100L + 50)
                    .toString();
            String eventId = "e-" + owner + "-" + group + "-" + within;
            violations.add(Violations.json(
                    "v-" + owner + "-" + i, eventId, owner, "openai", "no-license", "high", 10, "0.01", at));
        }
        for (int group = 0; group < n / 5; group++) {
            for (int within = 4; within >= 0; within--) {
                expectedOrder.add("e-" + owner + "-" + group + "-" + within);
            }
        }
        java.util.Collections.shuffle(violations, new java.util.Random(17));
        Violations.produce(owner, "openai", violations);
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> admin().get("/v1/incidents?owner=" + owner)
                .then()
                .statusCode(200)
                .body("incidents", hasSize(1))
                .body("incidents[0].events", equalTo(n)));
        String incidentId =
                admin().get("/v1/incidents?owner=" + owner).then().extract().path("incidents[0].incidentId");

        String markdown = given().auth()
                .oauth2(TestTokens.ownerViewer(owner))
                .accept("text/markdown")
                .get("/v1/incidents/" + incidentId + "/notice")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(markdown)
                .contains("over " + n + " event(s).")
                .contains("This notice draws on the\nviolations of 100 of them; the other " + (n - 100)
                        + " are in the evidence export.");

        // Every page, followed to the end.
        List<String> seen = new ArrayList<>();
        String link = "";
        String digest = null;
        String after = null;
        int pages = 0;
        do {
            var request = admin().queryParam("limit", 333);
            if (after != null) {
                request = request.queryParam("after", after);
            }
            JsonNode page = JSON.readTree(request.get("/v1/incidents/" + incidentId + "/evidence")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
            assertThat(page.path("events").size()).isLessThanOrEqualTo(333);
            for (JsonNode event : page.path("events")) {
                String canonical =
                        new JsonCanonicalizer(event.path("canonicalJson").asText()).getEncodedString();
                link = HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256")
                                .digest((link + canonical).getBytes(StandardCharsets.UTF_8)));
                assertThat(event.path("link").asText()).isEqualTo(link);
                assertThat(event.path("index").asInt()).isEqualTo(seen.size() + 1);
                seen.add(event.path("eventId").asText());
            }
            assertThat(page.path("totalEvents").asInt()).isEqualTo(n);
            digest = page.path("digest").asText();
            after = page.path("next").isTextual() ? page.path("next").asText() : null;
            pages++;
        } while (after != null && pages < 100);
        assertThat(seen).hasSize(n).doesNotHaveDuplicates().containsExactlyElementsOf(expectedOrder);
        assertThat(digest).isEqualTo("sha256:" + link);
        admin().get("/v1/incidents/" + incidentId)
                .then()
                .statusCode(200)
                .body("evidenceDigest", equalTo("sha256:" + link))
                .body("evidenceEvents", equalTo(n));

        // Bad paging is a problem+json, and another owner's people do not learn the incident exists.
        admin().queryParam("limit", 0)
                .get("/v1/incidents/" + incidentId + "/evidence")
                .then()
                .statusCode(400)
                .contentType(org.hamcrest.Matchers.containsString("application/problem+json"));
        admin().queryParam("after", "bm90LWEtY3Vyc29y")
                .get("/v1/incidents/" + incidentId + "/evidence")
                .then()
                .statusCode(400)
                .contentType(org.hamcrest.Matchers.containsString("application/problem+json"));
        admin().queryParam("after", "\u0000%00" + "x".repeat(300))
                .get("/v1/incidents/" + incidentId + "/evidence")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(TestTokens.ownerAdmin("o-someone-else"))
                .get("/v1/incidents/" + incidentId + "/evidence")
                .then()
                .statusCode(404);
    }

    /** The notice as a Markdown reader renders it: one heading per section, no element a value could have made. */
    static void assertMarkdownStructure(String markdown) {
        Document rendered = Jsoup.parse(
                HtmlRenderer.builder().build().render(Parser.builder().build().parse(markdown)));
        assertThat(rendered.select("h1"))
                .extracting(Element::text)
                .containsExactly("Notice of possible unlicensed use");
        assertStructure(rendered);
        // Written as Markdown by the template, not by a value: no link, image, raw HTML or table at all.
        assertThat(rendered.select("a, img, table, h3, h4, h5, h6")).isEmpty();
        assertThat(rendered.select("strong:containsOwn(To:)")).hasSize(1);
        assertThat(rendered.select("strong:containsOwn(To:)").get(0).parent().ownText())
                .startsWith("openai");
        // (CR only counts over HTTP: a MIME text part's lines end in CRLF.)
        assertThat(markdown.replace("\r\n", "\n")).doesNotContain("\u0000", "\u2028", "\r");
    }

    static void assertHtmlStructure(Document html) {
        assertThat(html.select("h1")).hasSize(1);
        assertStructure(html);
        assertThat(html.select("img, table, h3, h4, h5, h6")).isEmpty();
        assertThat(html.select("a")).hasSize(1);
        assertThat(html.select("dt")).extracting(Element::text).containsExactly("To", "On behalf of");
    }

    private static void assertStructure(Document doc) {
        assertThat(doc.select("h2")).extracting(Element::text).containsExactlyElementsOf(SECTIONS);
        assertThat(doc.select("script, [onerror]")).isEmpty();
        // The one fee stated is the real one: 2 × 0.84.
        assertThat(doc.select("strong:containsOwn(Estimated fee:)")).hasSize(1);
        assertThat(doc.select("strong:containsOwn(Estimated fee:)")
                        .get(0)
                        .parent()
                        .text())
                .isEqualTo("Estimated fee: 1.68 USD");
        // Lists hold exactly the template's items: two resources are one line each, the explanation adds none.
        assertThat(doc.select("li")).noneMatch(li -> li.text().startsWith("injected item"));
        assertThat(doc.select("li")).noneMatch(li -> li.text().equals("item"));
        // The hostile text is still there to read, as text.
        assertThat(doc.text())
                .contains("## How much")
                .contains("**Estimated fee:** 0.00 USD")
                .contains("<script>alert(1)</script>")
                .contains("**To:** someone-else")
                .contains("## Injected basis");
    }

    private static String part(MimeMessage mail, String type) throws Exception {
        return find(mail.getContent(), type);
    }

    private static String find(Object content, String type) throws Exception {
        if (content instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return part.getContent().toString();
                }
                String found = find(part.getContent(), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
