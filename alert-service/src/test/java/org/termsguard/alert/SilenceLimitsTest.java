package org.termsguard.alert;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.ReliabilityReport;
import org.termsguard.testsupport.TestTokens;

/**
 * One owner's silences cannot freeze alerting for the others (issue #17): regexes are RE2J, compiled before they are
 * stored, and silences per owner and matchers per silence are bounded.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "alert"))
class SilenceLimitsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String CATASTROPHIC = ".*".repeat(100) + "z";

    private static String newOwner() {
        return "o-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String silence(String owner, String... regexes) {
        String matchers = java.util.Arrays.stream(regexes)
                .map(r -> "{\"name\":\"consumer\",\"value\":\"" + r.replace("\\", "\\\\") + "\",\"isRegex\":true},")
                .collect(Collectors.joining());
        return "{\"matchers\":[" + matchers + "{\"name\":\"owner\",\"value\":\"" + owner
                + "\",\"isRegex\":false}],\"endsAt\":\"2099-01-01T00:00:00Z\",\"comment\":\"test\"}";
    }

    private static void violation(String owner, String consumer) {
        Violations.produce(
                owner,
                consumer,
                List.of(Violations.json(
                        "v-" + owner,
                        "e-" + owner,
                        owner,
                        consumer,
                        "no-license",
                        "critical",
                        1,
                        null,
                        "2023-04-12T09:30:00Z")));
    }

    @Test
    void anOwnersCatastrophicRegexDoesNotHoldUpAnotherOwnersIncidents() {
        String a = newOwner();
        String b = newOwner();
        // The regex comes first, so the code as it was ran it against b's incidents too (and never finished).
        as(TestTokens.ownerAdmin(a))
                .body(silence(a, CATASTROPHIC))
                .post("/v1/silences")
                .then()
                .statusCode(201);
        // 63 characters, as long as a consumer id may be (the column holds no more).
        String longConsumer = "crawler-" + "a".repeat(55);
        long sent = System.nanoTime();
        violation(b, longConsumer);
        violation(a, longConsumer);
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> as(TestTokens.platformAdmin())
                .get("/v1/incidents?owner=" + b)
                .then()
                .statusCode(200)
                .body("incidents", hasSize(1))
                .body("incidents[0].consumer", equalTo(longConsumer)));
        long otherOwner = (System.nanoTime() - sent) / 1_000_000;
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> as(TestTokens.platformAdmin())
                .get("/v1/incidents?owner=" + a)
                .then()
                .statusCode(200)
                .body("incidents", hasSize(1)));
        ReliabilityReport.write(
                "b6-silence-regex",
                "a silence matching consumer against `.*` × 100 + `z` (" + CATASTROPHIC.length()
                        + " characters; backtracking"
                        + " never finishes on a 63-character consumer): stored, matched by RE2J in linear time; another"
                        + " owner's violation sent at the same moment was an incident after " + otherOwner
                        + " ms (bound "
                        + PATIENCE.toSeconds() + " s), the silencing owner's own after "
                        + (System.nanoTime() - sent) / 1_000_000 + " ms. Back-references and look-arounds, and"
                        + " repetition counts past RE2's 1000, are refused with 422 naming the matcher.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a)\\1", "(?=a)b", "(((a{1000}){1000}){1000}){1000}", "(a{1000}){1000}"})
    void aRegexRe2RefusesIsA422NamingTheMatcher(String regex) {
        String owner = newOwner();
        as(TestTokens.ownerAdmin(owner))
                .body(silence(owner, "openai", regex))
                .post("/v1/silences")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("matchers[1].value"));
        as(TestTokens.ownerViewer(owner))
                .get("/v1/silences")
                .then()
                .statusCode(200)
                .body("", hasSize(0));
    }

    @Test
    void moreMatchersThanAllowedIsA422() {
        String owner = newOwner();
        String[] sixteen = IntStream.range(0, 16).mapToObj(i -> "c" + i).toArray(String[]::new);
        as(TestTokens.ownerAdmin(owner))
                .body(silence(owner, sixteen))
                .post("/v1/silences")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("matchers"));
        as(TestTokens.ownerAdmin(owner))
                .body(silence(owner, java.util.Arrays.copyOf(sixteen, 15)))
                .post("/v1/silences")
                .then()
                .statusCode(201);
    }

    @Test
    void anOwnerPastTheActiveSilenceLimitGetsA422AndOthersDoNot() {
        String owner = newOwner();
        String first = null;
        for (int i = 0; i < 100; i++) {
            String id = as(TestTokens.ownerAdmin(owner))
                    .body(silence(owner, "c" + i))
                    .post("/v1/silences")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            first = first == null ? id : first;
        }
        as(TestTokens.ownerAdmin(owner))
                .body(silence(owner, "one-more"))
                .post("/v1/silences")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("matchers"));
        String other = newOwner();
        as(TestTokens.ownerAdmin(other))
                .body(silence(other, "c"))
                .post("/v1/silences")
                .then()
                .statusCode(201);
        as(TestTokens.ownerAdmin(owner)).delete("/v1/silences/" + first).then().statusCode(204);
        as(TestTokens.ownerAdmin(owner))
                .body(silence(owner, "one-more"))
                .post("/v1/silences")
                .then()
                .statusCode(201);
    }

    @Test
    void aNulInAMatcherIsA400NotAFailedInsert() {
        String owner = newOwner();
        as(TestTokens.ownerAdmin(owner))
                // The JSON escape for U+0000, which PostgreSQL's jsonb cannot hold.
                .body(silence(owner, "openai").replace("\"openai\"", "\"open\\u0000ai\""))
                .post("/v1/silences")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("matchers[0].value"));
    }
}
