package org.termsguard.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.AuthMatrix;
import org.termsguard.testsupport.ContractSchemas;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.ReliabilityReport;
import org.termsguard.testsupport.SharedInfrastructure;
import org.termsguard.testsupport.TestTokens;
import org.termsguard.testsupport.TopicContents;

/** Violations in on the real broker; incidents, alerts, signed webhooks, Alertmanager payloads, e-mail and notices out. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "alert"))
@WithTestResource(SmtpServer.class)
class AlertPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestReceiver RECEIVER = TestReceiver.start(0);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    Pool database;

    @InjectSmtp
    GreenMail smtp;

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.platformAdmin()).contentType(ContentType.JSON);
    }

    /** The incident's notice as an owner's viewer reads it, in {@code mediaType}, answered 200. */
    private static io.restassured.response.ValidatableResponse notice(
            String owner, String incidentId, String mediaType) {
        return given().auth()
                .oauth2(TestTokens.ownerViewer(owner))
                .accept(mediaType)
                .get("/v1/incidents/" + incidentId + "/notice")
                .then()
                .statusCode(200);
    }

    private static String newOwner() {
        return "o-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void route(String owner, String receivers) {
        admin().body(
                        "{\"groupWait\":\"PT0S\",\"groupInterval\":\"PT1S\",\"repeatInterval\":\"PT4H\",\"resolveAfter\":\"PT24H\",\"receivers\":["
                                + receivers + "]}")
                .put("/v1/owners/" + owner + "/routes")
                .then()
                .statusCode(200);
    }

    @Test
    void violationsBecomeOneIncidentWithExactCountsAndEveryReceiverHearsOfIt() throws Exception {
        String owner = newOwner();
        route(
                owner,
                """
                {"type":"webhook","url":"%s","secret":"s3cret","minSeverity":"medium"},
                {"type":"alertmanager","url":"%s"},
                {"type":"email","to":["legal@%s.example"],"minSeverity":"high"}"""
                        .formatted(RECEIVER.url("/hook/" + owner), RECEIVER.url("/am/" + owner), owner));
        String v1 = Violations.json(
                "v-" + owner + "-1",
                "e-" + owner + "-1",
                owner,
                "openai",
                "no-license",
                "critical",
                1000,
                "0.84",
                "2023-04-12T09:30:00Z");
        String v2 = Violations.json(
                "v-" + owner + "-2",
                "e-" + owner + "-2",
                owner,
                "openai",
                "no-license",
                "high",
                500,
                "0.42",
                "2023-04-12T09:31:00Z");
        // The same event breaking the rule a second time (as 80 % and 100 % warnings do) counts one event.
        String v3 = Violations.json(
                "v-" + owner + "-3",
                "e-" + owner + "-2",
                owner,
                "openai",
                "no-license",
                "high",
                500,
                null,
                "2023-04-12T09:31:00Z");
        Violations.produce(owner, "openai", List.of(v1, v2, v3, v1));

        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> admin().get("/v1/incidents?owner=" + owner)
                .then()
                .statusCode(200)
                .body("incidents", hasSize(1))
                .body("incidents[0].violations", equalTo(3))
                .body("incidents[0].events", equalTo(2))
                .body("incidents[0].records", equalTo(1500))
                .body("incidents[0].severity", equalTo("critical"))
                .body("incidents[0].estimatedFee.amount", equalTo(1.26f))
                .body("incidents[0].firstSeen", equalTo("2023-04-12T09:30:00Z")));
        String incidentId =
                admin().get("/v1/incidents?owner=" + owner).then().extract().path("incidents[0].incidentId");

        // The alerts topic: an 'opened' alert, valid against the committed schema, with CloudEvents headers.
        ConsumerRecord<String, String> opened = awaitAlert(owner, "opened");
        assertThat(ContractSchemas.violations("alert", opened.value())).isEmpty();
        assertThat(new String(opened.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                .isEqualTo("termsguard.alert");

        // The webhook: Termsguard's JSON, signed; the test checks the HMAC with its own code.
        Awaitility.await().atMost(PATIENCE).until(() -> !RECEIVER.requests("/hook/" + owner)
                .isEmpty());
        TestReceiver.Request hook = RECEIVER.requests("/hook/" + owner).get(0);
        String signature = hook.header("Termsguard-Signature");
        String t = signature.split(",")[0].substring(2);
        String v1Mac = signature.split(",")[1].substring(3);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        assertThat(HexFormat.of().formatHex(mac.doFinal(hook.body()))).isEqualTo(v1Mac);
        // Issue #17: the pending delivery held the HMAC key in plaintext, and owner-viewers saw receiver URLs.
        var stored = database.preparedQuery(
                        "select secret, target from delivery where owner = $1 and receiver_type =" + " 'webhook'")
                .execute(Tuple.of(owner))
                .await()
                .indefinitely()
                .iterator()
                .next();
        assertThat(stored.getString("secret")).startsWith("tgs1:").doesNotContain("s3cret");
        String hookUrl = stored.getString("target");
        given().auth()
                .oauth2(TestTokens.ownerViewer(owner))
                .get("/v1/deliveries?owner=" + owner)
                .then()
                .statusCode(200)
                .body("target", hasItem(hookUrl.substring(0, hookUrl.indexOf("/hook/")) + "/…"))
                .body("target", not(hasItem(hookUrl)));
        admin().get("/v1/deliveries?owner=" + owner).then().statusCode(200).body("target", hasItem(hookUrl));
        JsonNode alert = JSON.readTree(hook.body());
        assertThat(alert.path("kind").asText()).isEqualTo("opened");
        assertThat(alert.path("incident").path("incidentId").asText()).isEqualTo(incidentId);
        assertThat(ContractSchemas.violations("alert", new String(hook.body(), StandardCharsets.UTF_8)))
                .isEmpty();

        // Alertmanager's webhook format, version 4.
        Awaitility.await().atMost(PATIENCE).until(() -> !RECEIVER.requests("/am/" + owner)
                .isEmpty());
        JsonNode am = JSON.readTree(RECEIVER.requests("/am/" + owner).get(0).body());
        assertThat(fields(am))
                .containsExactlyInAnyOrder(
                        "version",
                        "groupKey",
                        "truncatedAlerts",
                        "status",
                        "receiver",
                        "groupLabels",
                        "commonLabels",
                        "commonAnnotations",
                        "externalURL",
                        "alerts");
        assertThat(am.path("version").asText()).isEqualTo("4");
        assertThat(am.path("status").asText()).isEqualTo("firing");
        assertThat(fields(am.path("alerts").get(0)))
                .containsExactlyInAnyOrder(
                        "status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint");
        assertThat(am.path("commonLabels").path("severity").asText()).isEqualTo("critical");

        // E-mail over SMTP, with the notice.
        Awaitility.await()
                .atMost(PATIENCE)
                .until(() -> smtp.getReceivedMessagesForDomain(owner + ".example").length > 0);
        var mail = smtp.getReceivedMessagesForDomain(owner + ".example")[0];
        assertThat(mail.getSubject())
                .isEqualTo("Notice of possible unlicensed use of " + owner + "'s data by openai (no-license)");

        // Every attempt is on record.
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> admin().get("/v1/deliveries?owner=" + owner)
                .then()
                .statusCode(200)
                .body("findAll { it.status == 'delivered' }", hasSize(3))
                .body("attemptLog.flatten().outcome", org.hamcrest.Matchers.everyItem(equalTo("delivered"))));

        // The notice, in Markdown and HTML.
        notice(owner, incidentId, "text/markdown")
                .contentType(containsString("text/markdown"))
                .body(containsString("# Notice of possible unlicensed use"))
                .body(containsString("**To:** openai"))
                .body(containsString("in **2** observed accesses covering **1500** records"))
                .body(containsString("**no-license**"))
                .body(containsString("**Estimated fee:** 1.26 USD"))
                .body(containsString("claimed: 2 event(s)"))
                .body(containsString("Evidence digest: `sha256:"));
        // The README shows this notice as the service rendered it.
        java.nio.file.Files.writeString(
                java.nio.file.Path.of("target", "notice-example.md"),
                given().auth()
                        .oauth2(TestTokens.ownerViewer(owner))
                        .accept("text/markdown")
                        .get("/v1/incidents/" + incidentId + "/notice")
                        .then()
                        .extract()
                        .asString());
        notice(owner, incidentId, "text/html")
                .contentType(containsString("text/html"))
                .body(containsString("<h1>Notice of possible unlicensed use</h1>"));

        // The evidence digest, recomputed here from the export alone, with this test's own JCS and SHA-256.
        JsonNode evidence = JSON.readTree(admin().get("/v1/incidents/" + incidentId + "/evidence")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        List<JsonNode> events = new ArrayList<>();
        evidence.path("events").forEach(events::add);
        assertThat(events)
                .extracting(e -> e.path("eventId").asText())
                .containsExactly("e-" + owner + "-1", "e-" + owner + "-2");
        String link = "";
        for (JsonNode event : events) {
            String canonical = new JsonCanonicalizer(event.path("canonicalJson").asText()).getEncodedString();
            assertThat(JSON.readTree(canonical).path("eventId").asText())
                    .isEqualTo(event.path("eventId").asText());
            link = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest((link + canonical).getBytes(StandardCharsets.UTF_8)));
            assertThat(event.path("link").asText()).isEqualTo(link);
        }
        assertThat(evidence.path("digest").asText()).isEqualTo("sha256:" + link);
        admin().get("/v1/incidents/" + incidentId)
                .then()
                .statusCode(200)
                .body("evidenceDigest", equalTo("sha256:" + link));

        // Acknowledged: the state changes and an alert says so.
        given().auth()
                .oauth2(TestTokens.ownerAdmin(owner))
                .post("/v1/incidents/" + incidentId + "/ack")
                .then()
                .statusCode(200)
                .body("incident.status", equalTo("acknowledged"))
                .body("acknowledgedBy", equalTo("admin@" + owner + ".test"));
        awaitAlert(owner, "acknowledged");
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffThenDeadLettered() {
        String owner = newOwner();
        route(owner, "{\"type\":\"webhook\",\"url\":\"" + RECEIVER.url("/fail/" + owner) + "\",\"secret\":\"x\"}");
        Violations.produce(
                owner,
                "ccbot",
                List.of(Violations.json(
                        "v-" + owner,
                        "e-" + owner,
                        owner,
                        "common-crawl",
                        "crawler-disallowed",
                        "medium",
                        1,
                        null,
                        "2023-06-01T00:00:00Z")));
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> admin().get("/v1/deliveries?owner=" + owner)
                .then()
                .statusCode(200)
                .body("[0].status", equalTo("failed"))
                .body("[0].attempts", equalTo(3))
                .body("[0].attemptLog.statusCode", equalTo(List.of(500, 500, 500)))
                .body("[0].lastError", equalTo("HTTP 500")));
        assertThat(RECEIVER.requests("/fail/" + owner)).hasSize(3);
        var attempts = admin().get("/v1/deliveries?owner=" + owner)
                .then()
                .extract()
                .jsonPath()
                .getList("[0].attemptLog.at", String.class);
        assertThat(java.time.Instant.parse(attempts.get(2))).isAfter(java.time.Instant.parse(attempts.get(0)));
        Awaitility.await()
                .atMost(PATIENCE)
                .until(() ->
                        TopicContents.readAll(SharedInfrastructure.kafka().bootstrapServers(), "alerts.dlq").stream()
                                .anyMatch(
                                        r -> r.key().equals(owner) && r.value().contains("gave up after 3 attempts")));
    }

    @Test
    void aSilencedIncidentCountsEveryViolationButNotifiesNobody() {
        String owner = newOwner();
        route(owner, "{\"type\":\"webhook\",\"url\":\"" + RECEIVER.url("/hook/" + owner) + "\",\"secret\":\"x\"}");
        admin().body("{\"matchers\":[{\"name\":\"owner\",\"value\":\"" + owner
                        + "\",\"isRegex\":false},{\"name\":\"rule\",\"value\":\"quota-.*\",\"isRegex\":true}],"
                        + "\"endsAt\":\"2099-01-01T00:00:00Z\",\"comment\":\"renegotiating\"}")
                .post("/v1/silences")
                .then()
                .statusCode(201)
                .body("author", equalTo("ops@termsguard.test"));
        Violations.produce(
                owner,
                "microsoft",
                List.of(
                        Violations.json(
                                "v-" + owner + "-1",
                                "e-" + owner + "-1",
                                owner,
                                "microsoft",
                                "quota-exceeded",
                                "high",
                                10,
                                "0.01",
                                "2023-04-30T00:00:00Z"),
                        Violations.json(
                                "v-" + owner + "-2",
                                "e-" + owner + "-2",
                                owner,
                                "microsoft",
                                "quota-exceeded",
                                "high",
                                10,
                                "0.01",
                                "2023-04-30T00:01:00Z")));
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> admin().get("/v1/incidents?owner=" + owner)
                .then()
                .body("incidents[0].violations", equalTo(2)));
        ConsumerRecord<String, String> opened = awaitAlert(owner, "opened");
        assertThat(opened.value()).contains("\"silenced\":true");
        admin().get("/v1/deliveries?owner=" + owner).then().statusCode(200).body("", hasSize(0));
        assertThat(RECEIVER.requests("/hook/" + owner)).isEmpty();
    }

    /**
     * A receiver that puts notices before the operator they name can require a verified identity: it hears of the
     * incident whose every event is on the operator's list, and its delivery for the one resting on a claimed user
     * agent is held, with the reason, and never sent.
     */
    @Test
    void aReceiverThatRequiresAVerifiedIdentityHearsOnlyOfVerifiedIncidents() {
        String owner = newOwner();
        route(
                owner,
                "{\"type\":\"webhook\",\"url\":\"" + RECEIVER.url("/hook/" + owner) + "\",\"secret\":\"x\"},"
                        + "{\"type\":\"webhook\",\"url\":\"" + RECEIVER.url("/operator/" + owner)
                        + "\",\"secret\":\"y\",\"requireVerifiedIdentity\":true}");
        admin().get("/v1/owners/" + owner + "/routes")
                .then()
                .statusCode(200)
                .body("receivers.requireVerifiedIdentity", equalTo(List.of(false, true)));
        String listed = Violations.json(
                        "v-" + owner + "-listed",
                        "e-" + owner + "-listed",
                        owner,
                        "openai",
                        "no-license",
                        "critical",
                        10,
                        null,
                        "2025-11-20T08:15:02Z")
                .replace("\"identity\":\"claimed\"", "\"identity\":\"verified\"");
        String claimed = Violations.json(
                "v-" + owner + "-claimed",
                "e-" + owner + "-claimed",
                owner,
                "microsoft",
                "no-license",
                "critical",
                10,
                null,
                "2025-11-20T08:15:03Z");
        Violations.produce(owner, "openai", List.of(listed));
        Violations.produce(owner, "microsoft", List.of(claimed));
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> admin().get("/v1/deliveries?owner=" + owner)
                .then()
                .statusCode(200)
                .body("status", containsInAnyOrder("delivered", "delivered", "delivered", "held")));
        List<Map<String, Object>> deliveries = admin().get("/v1/deliveries?owner=" + owner)
                .then()
                .extract()
                .jsonPath()
                .getList("");
        Map<String, Object> held = deliveries.stream()
                .filter(d -> "held".equals(d.get("status")))
                .findFirst()
                .orElseThrow();
        assertThat((String) held.get("target")).endsWith("/operator/" + owner);
        assertThat((String) held.get("lastError"))
                .isEqualTo("held: the receiver requires a verified identity, and 0 of 1 events of this incident have"
                        + " one");
        assertThat((Integer) held.get("attempts")).isZero();
        assertThat(RECEIVER.requests("/hook/" + owner)).hasSize(2);
        assertThat(RECEIVER.requests("/operator/" + owner)).singleElement().satisfies(request -> assertThat(
                        new String(request.body(), StandardCharsets.UTF_8))
                .contains("\"consumer\":\"openai\"")
                .doesNotContain("microsoft"));
    }

    /** The notice says who is behind the events, on what basis (the issue on crawler identity). */
    @Test
    void theNoticeStatesEachVerdictAndItsBasis() {
        String owner = newOwner();
        String verification =
                """
                "identity":"verified","verification":{"verdict":"listed","operator":"OpenAI","consumer":"openai",
                 "token":"GPTBot","basis":{"sourceId":"openai-gptbot","method":"ip-ranges","snapshotVersion":2,
                 "snapshotSha256":"%s","validFrom":"2025-10-03T11:51:00Z","matched":"20.171.206.0/24"},
                 "reasons":["20.171.206.12 is inside 20.171.206.0/24 of openai-gptbot version 2"]}"""
                        .formatted("ab".repeat(32));
        String listed = Violations.json(
                        "v-" + owner + "-listed",
                        "e-" + owner + "-listed",
                        owner,
                        "openai",
                        "no-license",
                        "critical",
                        10,
                        null,
                        "2025-11-20T08:15:02Z")
                .replace("\"identity\":\"claimed\"", verification);
        Violations.produce(owner, "openai", List.of(listed));
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> admin().get("/v1/incidents?owner=" + owner)
                .then()
                .statusCode(200)
                .body("incidents", hasSize(1)));
        String incidentId =
                admin().get("/v1/incidents?owner=" + owner).then().extract().path("incidents[0].incidentId");
        admin().get("/v1/incidents/" + incidentId)
                .then()
                .statusCode(200)
                .body("identities", equalTo(Map.of("verified", 1)))
                .body("verdicts", equalTo(Map.of("listed", 1)));
        notice(owner, incidentId, "text/markdown")
                .body(containsString("The identity of the user is verified for every event of this notice."))
                .body(containsString("verification listed: 1 event(s)"))
                // Markdown escapes what came from the event; the HTML notice shows the basis as written.
                .body(containsString("basis: listed\\: openai\\-gptbot"));
        notice(owner, incidentId, "text/html")
                .body(containsString("basis: listed: openai-gptbot (ip-ranges) version 2, in force from"
                        + " 2025-10-03T11:51:00Z, SHA-256 " + "ab".repeat(32) + "; matched 20.171.206.0/24"));
    }

    @Test
    void ownersPeopleSeeOnlyTheirOwnIncidents() {
        String owner = newOwner();
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
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> admin().get("/v1/incidents?owner=" + owner)
                .then()
                .body("incidents", hasSize(1)));
        String id = admin().get("/v1/incidents?owner=" + owner).then().extract().path("incidents[0].incidentId");
        given().get("/v1/incidents").then().statusCode(401).contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.ownerViewer("someone-else"))
                .get("/v1/incidents/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.ownerViewer("someone-else"))
                .get("/v1/incidents")
                .then()
                .statusCode(200)
                .body("incidents", hasSize(0));
        given().auth()
                .oauth2(TestTokens.ownerViewer("someone-else"))
                .get("/v1/incidents?owner=" + owner)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.ownerViewer(owner))
                .post("/v1/incidents/" + id + "/resolve")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.ownerAdmin(owner))
                .post("/v1/incidents/" + id + "/resolve")
                .then()
                .statusCode(200)
                .body("incident.status", equalTo("resolved"));
        given().auth()
                .oauth2(TestTokens.ownerAdmin(owner))
                .post("/v1/incidents/" + id + "/ack")
                .then()
                .statusCode(409);
        admin().body("{\"receivers\":[{\"type\":\"pager\"}],\"groupWait\":\"-PT1S\"}")
                .put("/v1/owners/" + owner + "/routes")
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("groupWait", "receivers[0].type"));
    }

    @Test
    void anotherOwnersAdminGetsNothingOfAnOwner() {
        String owner = newOwner();
        route(owner, "{\"type\":\"webhook\",\"url\":\"" + RECEIVER.url("/hook/" + owner) + "\",\"secret\":\"x\"}");
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
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> admin().get("/v1/incidents?owner=" + owner)
                .then()
                .body("incidents", hasSize(1)));
        String incident =
                admin().get("/v1/incidents?owner=" + owner).then().extract().path("incidents[0].incidentId");
        String silence = admin().body("{\"matchers\":[{\"name\":\"owner\",\"value\":\"" + owner
                        + "\",\"isRegex\":false}],\"endsAt\":\"2099-01-01T00:00:00Z\",\"comment\":\"held\"}")
                .post("/v1/silences")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        var result = AuthMatrix.crossOwner(
                "http://localhost:" + io.restassured.RestAssured.port,
                owner,
                TestTokens.ownerAdmin("intruder-co"),
                java.util.Map.of(
                        "/v1/incidents/{id}", incident,
                        "/v1/incidents/{id}/notices/{version}", "1",
                        "/v1/silences/{id}", silence));
        ReliabilityReport.write("b4-cross-owner", result.summary("alert-service"));
        assertThat(result.misses())
                .as("operations on another owner that did not answer 403/404 problem+json or leaked it")
                .isEmpty();
        assertThat(result.uncovered())
                .as("writes whose owner is in the body, and the stream (tested in incidentsAppearLiveOnTheStream)")
                .containsExactlyInAnyOrder("POST /v1/silences", "GET /v1/incidents/stream");
        assertThat(result.requests()).isGreaterThanOrEqualTo(10);
        // The write whose owner is in the body: silencing the owner's incidents.
        given().auth()
                .oauth2(TestTokens.ownerAdmin("intruder-co"))
                .contentType(ContentType.JSON)
                .body("{\"matchers\":[{\"name\":\"owner\",\"value\":\"" + owner
                        + "\",\"isRegex\":false}],\"endsAt\":\"2099-01-01T00:00:00Z\",\"comment\":\"hush\"}")
                .post("/v1/silences")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void incidentsAppearLiveOnTheStream() throws Exception {
        String owner = newOwner();
        var client = java.net.http.HttpClient.newHttpClient();
        var lines = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://localhost:" + io.restassured.RestAssured.port + "/v1/incidents/stream"))
                .header("Authorization", "Bearer " + TestTokens.ownerViewer(owner))
                .header("Accept", "text/event-stream")
                .build();
        var stream = client.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
        var response = stream.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> response.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        String other = newOwner();
        Violations.produce(
                other,
                "openai",
                List.of(Violations.json(
                        "v-" + other,
                        "e-" + other,
                        other,
                        "openai",
                        "no-license",
                        "critical",
                        1,
                        null,
                        "2023-04-12T09:30:00Z")));
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
                        7,
                        null,
                        "2023-04-12T09:30:00Z")));
        Awaitility.await().atMost(PATIENCE).until(() -> lines.stream()
                .anyMatch(l -> l.startsWith("data:") && l.contains("\"owner\":\"" + owner + "\"")));
        assertThat(lines).noneMatch(l -> l.contains(other));
    }

    @Test
    void openApiDescribesTheOpsApiWithProblemErrors() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(
                        "paths.'/v1/incidents'.get.responses.keySet()",
                        org.hamcrest.Matchers.hasItems("200", "400", "401", "403"))
                .body(
                        "paths.'/v1/incidents/{id}/notice'.get.responses.'200'.content.keySet()",
                        org.hamcrest.Matchers.hasItems("text/markdown", "text/html"))
                .body(
                        "paths.'/v1/incidents/{id}/ack'.post.responses.'409'.content.keySet()",
                        org.hamcrest.Matchers.hasItem("application/problem+json"))
                .body(
                        "paths.'/v1/silences'.post.responses.keySet()",
                        org.hamcrest.Matchers.hasItems("201", "400", "401", "403"))
                .body(
                        "paths.'/v1/owners/{owner}/routes'.put.responses.keySet()",
                        org.hamcrest.Matchers.hasItems("200", "400"))
                .body("paths.'/v1/deliveries'.get.responses.keySet()", org.hamcrest.Matchers.hasItems("200", "401"))
                .body("paths.'/v1/incidents/stream'.get.responses.keySet()", org.hamcrest.Matchers.hasItem("200"));
    }

    private static ConsumerRecord<String, String> awaitAlert(String owner, String kind) {
        return Awaitility.await()
                .atMost(PATIENCE)
                .until(
                        () -> TopicContents.readAll(SharedInfrastructure.kafka().bootstrapServers(), "alerts").stream()
                                .filter(r -> r.key().equals(owner) && r.value().contains("\"kind\":\"" + kind + "\""))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
