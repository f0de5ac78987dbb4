package org.termsguard.policy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.ContractSchemas;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.SharedInfrastructure;
import org.termsguard.testsupport.TestTokens;
import org.termsguard.testsupport.TopicContents;

/** The admin API: versioned terms judged by observedAt, the dry run, validation and who may do what. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "policy"))
class TermsApiTest {

    private static final String PROBLEM = "application/problem+json";

    private static String newOwner() {
        String owner = "t-" + UUID.randomUUID().toString().substring(0, 8);
        PolicyApi.createOwner(owner);
        return owner;
    }

    private static String dryRun(String owner, String purpose, String observedAt) {
        return PolicyApi.event("dry-" + UUID.randomUUID(), owner, "microsoft", purpose, 10, observedAt)
                .replace(",\"producer\":\"gateway-1\"", "");
    }

    @Test
    void theSameEventIsJudgedByTheLicenseInForceAtItsObservedAt() {
        String owner = newOwner();
        PolicyApi.addLicense(owner, PolicyApi.license("ms-enterprise-2023", "microsoft", 1_000_000, "active"));
        // Suspended from 15 May 2023 on: a new version; April's events keep the license they had.
        PolicyApi.asAdmin()
                .body(PolicyApi.license("ms-enterprise-2023", "microsoft", 1_000_000, "suspended")
                        .replace(
                                "\"status\":\"suspended\"}",
                                "\"status\":\"suspended\",\"effectiveFrom\":\"2023-05-15T00:00:00Z\"}"))
                .put("/v1/owners/" + owner + "/licenses/ms-enterprise-2023")
                .then()
                .statusCode(200)
                .body("termsVersion", equalTo(3));

        String early = dryRun(owner, "analytics", "2023-05-01T12:00:00Z");
        String late = dryRun(owner, "analytics", "2023-05-20T12:00:00Z");
        PolicyApi.asAdmin()
                .body(early)
                .post("/v1/evaluate")
                .then()
                .statusCode(200)
                .body("termsVersion", equalTo(2))
                .body("licenseId", equalTo("ms-enterprise-2023"))
                .body("violations", empty());
        PolicyApi.asAdmin()
                .body(late)
                .post("/v1/evaluate")
                .then()
                .statusCode(200)
                .body("termsVersion", equalTo(3))
                .body("violations.rule", contains("license-not-in-force"))
                .body(
                        "violations[0].explanation",
                        containsString("when license ms-enterprise-2023 was not in force (suspended)"));

        PolicyApi.asAdmin()
                .get("/v1/owners/" + owner + "?asOf=2023-05-01T00:00:00Z")
                .then()
                .statusCode(200)
                .body("termsVersion", equalTo(2))
                .body("licenses[0].status", equalTo("active"));
        PolicyApi.asAdmin()
                .get("/v1/owners/" + owner + "/licenses?asOf=2023-06-01T00:00:00Z")
                .then()
                .statusCode(200)
                .body("[0].status", equalTo("suspended"));
        PolicyApi.asAdmin()
                .get("/v1/owners/" + owner + "?asOf=2023-03-01T00:00:00Z")
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
        PolicyApi.asAdmin()
                .get("/v1/owners/" + owner + "/versions")
                .then()
                .statusCode(200)
                .body("termsVersion", contains(1, 2, 3))
                .body("change", hasItem("license ms-enterprise-2023 changed"));
    }

    @Test
    void theDryRunExplainsEveryRule() {
        String owner = newOwner();
        PolicyApi.addLicense(owner, PolicyApi.license("ms-enterprise-2023", "microsoft", 1_000_000, "active"));
        PolicyApi.asAdmin()
                .body(dryRun(owner, "ai-train", "2023-04-12T09:30:00Z"))
                .post("/v1/evaluate")
                .then()
                .statusCode(200)
                .body("consumer", equalTo("microsoft"))
                .body("purposeSource", equalTo("declared"))
                .body(
                        "checks.rule",
                        hasItems("no-license", "license-not-in-force", "purpose-not-licensed", "crawler-disallowed"))
                .body("checks.find { it.rule == 'purpose-not-licensed' }.outcome", equalTo("FAILED"))
                .body("violations[0].severity", equalTo("critical"))
                .body("violations[0].clause", equalTo("license ms-enterprise-2023 grants display, analytics"));
    }

    /** A crawler the registry does not know, judged by its own robots.txt group (RFC 9309 §2.2.1), and an impostor. */
    @Test
    void unknownCrawlersAreJudgedByRobotsTxtAndImpostorsAreNobodysUse() {
        String owner = "t-" + UUID.randomUUID().toString().substring(0, 8);
        PolicyApi.asAdmin()
                .body(
                        """
                        {"displayName":"A site","noticeContact":"legal@site.example",
                         "defaultTerms":{"allowedPurposes":["display","search"],"licenseRequiredFor":["ai-train"]},
                         "robotsTxt":"User-agent: foobot\\nDisallow: /private/\\n\\nUser-agent: *\\nAllow: /\\n",
                         "effectiveFrom":"2023-04-01T00:00:00Z"}""")
                .put("/v1/owners/" + owner)
                .then()
                .statusCode(201);
        String crawl =
                """
                {"eventId":"%s","observedAt":"2025-11-20T08:16:40Z","owner":"%s","channel":"crawler",
                 "resource":{"kind":"page","uri":"https://site.example%s"},"volume":{"records":1},
                 "evidence":{"userAgent":"%s","clientIp":"203.0.113.50","identity":"claimed"%s}}""";
        for (String userAgent :
                List.of("FooBot/1.0", "Mozilla/5.0 (compatible; FOOBOT/2.1; +https://foo.example/bot)")) {
            PolicyApi.asAdmin()
                    .body(crawl.formatted("dry-foo", owner, "/private/page", userAgent, ""))
                    .post("/v1/evaluate")
                    .then()
                    .statusCode(200)
                    .body("violations.rule", contains("crawler-disallowed"));
            PolicyApi.asAdmin()
                    .body(crawl.formatted("dry-foo", owner, "/public/page", userAgent, ""))
                    .post("/v1/evaluate")
                    .then()
                    .statusCode(200)
                    .body("violations", empty());
        }
        String contradicted =
                """
                ,"verification":{"verdict":"contradicted","operator":"OpenAI","consumer":"openai","token":"GPTBot",
                 "basis":{"sourceId":"openai-gptbot","method":"ip-ranges","snapshotVersion":1,
                          "snapshotSha256":"%s","validFrom":"2025-10-03T11:51:00Z","matched":null},
                 "reasons":["203.0.113.50 is outside openai-gptbot version 1"]}"""
                        .formatted("0".repeat(64));
        PolicyApi.asAdmin()
                .body(crawl.formatted(
                        "dry-impostor",
                        owner,
                        "/private/page",
                        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
                        contradicted))
                .post("/v1/evaluate")
                .then()
                .statusCode(200)
                .body("consumer", equalTo("unknown"))
                .body("violations.rule", contains("crawler-impersonation"))
                .body("violations[0].consumer", equalTo("unknown"))
                .body("violations[0].severity", equalTo("high"))
                .body("violations[0].explanation", containsString("claiming to be GPTBot (OpenAI)"))
                .body("violations[0].explanation", containsString("openai-gptbot version 1"));
    }

    /** The example the README shows is this answer of the real service, saved under target/. */
    @Test
    void theReadmeExampleComesFromTheRealService() throws Exception {
        String owner = "x-corp";
        if (PolicyApi.asAdmin().get("/v1/owners/x-corp").statusCode() == 404) {
            PolicyApi.createOwner(owner);
            PolicyApi.addLicense(owner, PolicyApi.license("ms-enterprise-2023", "microsoft", 50_000_000, "active"));
        }
        String event =
                """
                {"eventId":"0f8fad5b-d9cb-469f-a165-70867728950e","observedAt":"2023-04-12T09:30:00Z","owner":"x-corp",
                 "consumer":"microsoft","channel":"api","resource":{"kind":"tweets","uri":"https://api.x.example/2/tweets/search/all"},
                 "purpose":"ai-train","volume":{"records":50000,"bytes":21000000},
                 "evidence":{"apiClientId":"ms-ads-7731","clientIp":"203.0.113.7","requestId":"r-88","identity":"claimed"}}""";
        String answer = PolicyApi.asAdmin()
                .body(event)
                .post("/v1/evaluate")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
        java.nio.file.Files.writeString(
                java.nio.file.Path.of("target", "dry-run-example.json"),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(answer)));
    }

    @Test
    void aliasesAreVersionedAndUsedToNameTheConsumer() {
        String owner = newOwner();
        PolicyApi.asAdmin()
                .body(
                        """
                        {"aliases":[{"kind":"api-client","value":"ms-ads-7731","consumer":"microsoft","identity":"verified","purpose":"analytics"}],
                         "effectiveFrom":"2023-04-02T00:00:00Z"}""")
                .put("/v1/owners/" + owner + "/aliases")
                .then()
                .statusCode(200)
                .body("termsVersion", equalTo(2));
        String anonymous = PolicyApi.event("a-1", owner, null, null, 10, "2023-04-12T09:30:00Z");
        PolicyApi.asAdmin()
                .body(anonymous)
                .post("/v1/evaluate")
                .then()
                .statusCode(200)
                .body("consumer", equalTo("microsoft"))
                .body("identity", equalTo("verified"))
                .body("purpose", equalTo("analytics"))
                .body("purposeSource", equalTo("alias"))
                .body("violations.rule", contains("no-license"));
        var change = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                TopicContents.readAll(
                                                SharedInfrastructure.kafka().bootstrapServers(), "terms-changes")
                                        .stream()
                                        .filter(r -> r.key().equals(owner)
                                                && r.value().contains("\"termsVersion\":2"))
                                        .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertThat(ContractSchemas.violations("terms-changed", change.value())).isEmpty();
        assertThat(new String(change.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                .isEqualTo("termsguard.terms.changed");
        PolicyApi.asAdmin()
                .body("{\"aliases\":[{\"kind\":\"ip-range\",\"value\":\"10.0.0.0/99\",\"consumer\":\"x\"}]}")
                .put("/v1/owners/" + owner + "/aliases")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("aliases[0].value"));
    }

    @Test
    void invalidTermsAreRefusedWithEveryFieldAndThePastIsAppendOnly() {
        String owner = newOwner();
        PolicyApi.asAdmin()
                .body(
                        """
                        {"licenseId":"bad id","licensee":"Not An Id","purposes":[],"quota":{"records":-1,"period":"P1M"},
                         "overagePerThousand":{"amount":"-1","currency":"usd"},"validFrom":"2023-04-01T00:00:00Z",
                         "validUntil":"2023-03-01T00:00:00Z"}""")
                .post("/v1/owners/" + owner + "/licenses")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body(
                        "errors.field",
                        contains(
                                "licenseId",
                                "licensee",
                                "purposes",
                                "quota.records",
                                "overagePerThousand",
                                "overagePerThousand.currency",
                                "validUntil"));
        PolicyApi.asAdmin()
                .body(PolicyApi.license("l", "microsoft", 1, "active").replace("\"P1M\"}", "\"P2W\"}"))
                .post("/v1/owners/" + owner + "/licenses")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("quota.period"));
        PolicyApi.asAdmin()
                .body(PolicyApi.license("l", "microsoft", 1, "active").replace("\"display\",", "\"world-peace\","))
                .post("/v1/owners/" + owner + "/licenses")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("unknown purpose 'world-peace'"));
        PolicyApi.addLicense(owner, PolicyApi.license("dup", "microsoft", 1, "active"));
        PolicyApi.asAdmin()
                .body(PolicyApi.license("dup", "microsoft", 1, "active"))
                .post("/v1/owners/" + owner + "/licenses")
                .then()
                .statusCode(409)
                .contentType(PROBLEM);
        PolicyApi.asAdmin()
                .body(PolicyApi.license("nope", "microsoft", 1, "active"))
                .put("/v1/owners/" + owner + "/licenses/nope")
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
        PolicyApi.asAdmin()
                .body("{\"displayName\":\"X\",\"defaultTerms\":{},\"effectiveFrom\":\"2020-01-01T00:00:00Z\"}")
                .put("/v1/owners/" + owner)
                .then()
                .statusCode(409)
                .contentType(PROBLEM)
                .body("detail", containsString("append-only"));
        PolicyApi.asAdmin()
                .body(PolicyApi.license("l2", "microsoft", 1, "active"))
                .post("/v1/owners/no-such-owner-" + UUID.randomUUID().toString().substring(0, 4) + "/licenses")
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void ownersPeopleSeeOnlyTheirOwner() {
        String owner = newOwner();
        String other = newOwner();
        given().get("/v1/owners/" + owner).then().statusCode(401).contentType(PROBLEM);
        given().auth()
                .oauth2(TestTokens.expired())
                .get("/v1/owners/" + owner)
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.ownerViewer(owner))
                .get("/v1/owners/" + owner)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.ownerViewer(owner))
                .get("/v1/owners/" + other)
                .then()
                .statusCode(403)
                .contentType(PROBLEM)
                .body("detail", containsString(other));
        given().auth()
                .oauth2(TestTokens.ownerViewer(owner))
                .contentType(ContentType.JSON)
                .body(PolicyApi.license("v", "microsoft", 1, "active"))
                .post("/v1/owners/" + owner + "/licenses")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.ownerAdmin(owner))
                .contentType(ContentType.JSON)
                .body(PolicyApi.license("a", "microsoft", 1, "active"))
                .post("/v1/owners/" + owner + "/licenses")
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(TestTokens.ownerAdmin(owner))
                .contentType(ContentType.JSON)
                .body(PolicyApi.license("a", "microsoft", 1, "active"))
                .post("/v1/owners/" + other + "/licenses")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.ownerAdmin(owner))
                .get("/v1/owners/" + other + "/usage")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.ownerAdmin(owner))
                .contentType(ContentType.JSON)
                .body(dryRun(other, "ai-train", "2023-04-12T09:30:00Z"))
                .post("/v1/evaluate")
                .then()
                .statusCode(403);
    }

    @Test
    void openApiDescribesTheAdminApi() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(
                        "paths.'/v1/owners/{owner}/versions'.get.responses.'401'.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/v1/evaluate'.post.responses.'404'.content.keySet()", hasItem("application/problem+json"))
                .body(
                        "components.schemas.Problem.properties.keySet()",
                        hasItems("type", "title", "status", "detail", "errors"))
                .body(
                        "paths.'/v1/owners/{owner}'.put.responses.keySet()",
                        hasItems("200", "201", "400", "401", "403", "409"))
                .body(
                        "paths.'/v1/owners/{owner}/licenses'.post.responses.keySet()",
                        hasItems("201", "400", "404", "409"))
                .body("paths.'/v1/owners/{owner}/licenses/{licenseId}'.put.responses.keySet()", hasItems("200", "404"))
                .body("paths.'/v1/owners/{owner}/aliases'.put.responses.keySet()", hasItems("200", "400"))
                .body("paths.'/v1/owners/{owner}/usage'.get.responses.keySet()", hasItems("200", "400"))
                .body("paths.'/v1/evaluate'.post.responses.keySet()", hasItems("200", "400", "403", "404"))
                .body("paths.'/v1/owners/{owner}/versions'.get.responses.keySet()", hasSize(3));
    }
}
