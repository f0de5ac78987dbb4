package org.termsguard.policy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.TestTokens;

/** Imports over HTTP: by content type, dry run, combined sources, the ODRL export and its round trip. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "policy"))
class ImportApiTest {

    private static final String PROBLEM = "application/problem+json";

    private static String owner() {
        return "i-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String document(String name) throws IOException {
        try (InputStream in = ImportApiTest.class.getResourceAsStream("/imports/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static io.restassured.response.Response post(String owner, String contentType, String body, String query) {
        return given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(contentType)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/v1/owners/" + owner + "/imports" + query);
    }

    private static JsonPath evaluate(String owner, String consumer, String purpose, String uri) {
        return evaluate(owner, consumer, purpose, uri, "2026-11-20T10:00:00Z");
    }

    private static JsonPath evaluate(String owner, String consumer, String purpose, String uri, String at) {
        String event =
                """
                {"eventId":"ev-%s","observedAt":"%s","owner":"%s","consumer":"%s","channel":"crawler",
                 "resource":{"kind":"article","uri":"%s"},"purpose":"%s","volume":{"records":1000},
                 "evidence":{"identity":"claimed"}}"""
                        .formatted(UUID.randomUUID(), at, owner, consumer, uri, purpose);
        return PolicyApi.asAdmin()
                .body(event)
                .post("/v1/evaluate")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The change an import records: the document's SHA-256, computed here with the JDK, and its size. */
    private static String imported(String format, String document) {
        try {
            byte[] bytes = document.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return format + " document imported (sha256:"
                    + java.util.HexFormat.of()
                            .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                    .digest(bytes))
                    + ", " + bytes.length + " bytes)";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDryRunShowsTheMappingAndSavesNothing() throws IOException {
        String owner = owner();

        post(owner, "text/plain", document("robots.txt"), "?dryRun=true&effectiveFrom=2026-01-01T00:00:00Z")
                .then()
                .statusCode(200)
                .body("dryRun", equalTo(true))
                .body("termsVersion", nullValue())
                .body("format", equalTo("robots.txt"))
                .body("mapped.mappedTo", hasItems("licenseRequiredFor: ai-train", "allowedPurposes: search"))
                .body("unmapped.clause", hasItem("Content-Usage: bots=n"))
                .body("terms.defaultTerms.licenseRequiredFor", hasItems("ai-train", "ai-input"));

        PolicyApi.asAdmin().get("/v1/owners/" + owner).then().statusCode(404);
    }

    @Test
    void sourcesCombineIntoVersionsAndViolationsCiteTheStatementThatWasBroken() throws IOException {
        String owner = owner();
        post(owner, "text/plain", document("robots.txt"), "?effectiveFrom=2026-01-01T00:00:00Z")
                .then()
                .statusCode(201)
                .body("termsVersion", equalTo(1));
        post(owner, "application/rsl+xml", document("license.rsl"), "?effectiveFrom=2026-02-01T00:00:00Z")
                .then()
                .statusCode(201)
                .body("termsVersion", equalTo(2))
                .body("terms.defaultTerms.licenseRequiredFor", hasItems("ai-train", "ai-input", "ai-all"))
                .body("terms.defaultTerms.allowedPurposes", hasItem("search"))
                .body("terms.noticeContact", equalTo("licensing@news.example"))
                .body("terms.robotsTxt", containsString("Content-Usage"));

        PolicyApi.asAdmin()
                .get("/v1/owners/" + owner + "/versions")
                .then()
                .statusCode(200)
                .body(
                        "change",
                        hasItems(
                                imported("robots.txt", document("robots.txt")),
                                imported("RSL 1.0", document("license.rsl"))));
        PolicyApi.asAdmin()
                .get("/v1/owners/" + owner + "/versions/1")
                .then()
                .statusCode(200)
                .body("terms.termsVersion", equalTo(1))
                .body("terms.robotsTxt", containsString("Content-Usage"))
                .body("change", equalTo(imported("robots.txt", document("robots.txt"))));
        PolicyApi.asAdmin().get("/v1/owners/" + owner + "/versions/9").then().statusCode(404);
        JsonPath verdict = evaluate(owner, "perplexity", "ai-index", "https://news.example/a/1");
        assertThat(verdict.getString("violations[0].rule")).isEqualTo("no-license");
        assertThat(verdict.getString("violations[0].clause"))
                .contains("require a license for ai-index")
                .contains("<prohibits type=\"usage\">ai-all");
        assertThat(evaluate(owner, "bing", "search", "https://news.example/a/1").getList("violations"))
                .isEmpty();
    }

    @Test
    void anExportedPolicyImportedIntoAFreshOwnerGivesTheSameDecisions() throws IOException {
        String original = owner();
        PolicyApi.createOwner(original);
        PolicyApi.addLicense(original, PolicyApi.license("ms-enterprise-2023", "microsoft", 1_000_000, "active"));

        String odrl = PolicyApi.asAdmin()
                .accept("application/ld+json")
                .get("/v1/owners/" + original + "/terms.odrl")
                .then()
                .statusCode(200)
                .contentType(containsString("application/ld+json"))
                .body("@type", equalTo("Set"))
                .body("permission.assignee", hasItem("urn:termsguard:consumer:microsoft"))
                .extract()
                .asString();

        String copy = owner();
        post(copy, "application/ld+json", odrl, "?effectiveFrom=2023-04-01T00:00:00Z")
                .then()
                .statusCode(201)
                .body("unmapped.size()", equalTo(0));

        List<String> decisions = new ArrayList<>();
        List<String> copied = new ArrayList<>();
        for (String consumer : List.of("microsoft", "openai")) {
            for (String purpose : List.of("display", "search", "analytics", "ai-train", "ai-index", "unknown")) {
                for (String uri : List.of("https://api.x.example/2/tweets/1", "https://x.example/other")) {
                    // Inside and after the license's validity.
                    for (String at : List.of("2023-06-01T00:00:00Z", "2024-06-01T00:00:00Z")) {
                        String event = consumer + " " + purpose + " " + uri + " " + at + ": ";
                        decisions.add(event
                                + evaluate(original, consumer, purpose, uri, at).getList("violations.rule"));
                        copied.add(event
                                + evaluate(copy, consumer, purpose, uri, at).getList("violations.rule"));
                    }
                }
            }
        }
        assertThat(copied).isEqualTo(decisions);
        assertThat(decisions).anyMatch(d -> d.contains("no-license")).anyMatch(d -> d.contains("purpose-not-licensed"));
    }

    @Test
    void documentsThatCannotBeImportedGetAProblemAndChangeNothing() {
        String owner = owner();
        post(owner, "image/png", "x", "").then().statusCode(415).contentType(PROBLEM);
        post(owner, "application/rsl+xml", "<rsl xmlns=\"https://rslstandard.org/rsl\">", "")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].message", containsString("not well-formed"));
        post(owner, "application/ld+json", "{\"@context\":\"https://evil.example/c.jsonld\",\"@type\":\"Set\"}", "")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].message", containsString("is not fetched"));
        post(owner, "application/json", "[{\"location\":\"/blog/*\",\"tdm-reservation\":1}]", "")
                .then()
                .statusCode(422)
                .contentType(PROBLEM)
                .body("detail", containsString("applies to /blog/* only"));
        post(owner, "text/plain", "User-agent: *\n" + "#".repeat(1024 * 1024), "")
                .then()
                .statusCode(413)
                .contentType(PROBLEM);
        PolicyApi.asAdmin().get("/v1/owners/" + owner).then().statusCode(404);
    }

    @Test
    void onlyTheOwnersAdminsMayImportAndItsPeopleMayExport() {
        String owner = owner();
        PolicyApi.createOwner(owner);
        given().auth()
                .oauth2(TestTokens.ownerAdmin("someone-else"))
                .contentType("text/plain")
                .body("User-agent: *\nContent-Usage: train-ai=y\n")
                .post("/v1/owners/" + owner + "/imports")
                .then()
                .statusCode(403)
                .contentType(PROBLEM);
        given().auth()
                .oauth2(TestTokens.ownerViewer(owner))
                .contentType("text/plain")
                .body("User-agent: *\nContent-Usage: train-ai=y\n")
                .post("/v1/owners/" + owner + "/imports")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.ownerViewer(owner))
                .get("/v1/owners/" + owner + "/terms.odrl")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.ownerViewer("someone-else"))
                .get("/v1/owners/" + owner + "/terms.odrl")
                .then()
                .statusCode(403);
    }
}
