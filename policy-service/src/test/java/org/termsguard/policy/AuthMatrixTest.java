package org.termsguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.AuthMatrix;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.ReliabilityReport;
import org.termsguard.testsupport.TestTokens;

/**
 * Every secured operation of the OpenAPI document refuses missing and bad credentials with 401 problem+json, and
 * gives another owner's admin nothing of an owner.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "policy"))
class AuthMatrixTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void everySecuredOperationRefusesMissingAndBadCredentials() {
        var result = AuthMatrix.check(root.toString().replaceAll("/$", ""));
        ReliabilityReport.write("b4-bad-credentials", result.summary("policy-service"));
        assertThat(result.misses())
                .as("operations that did not answer 401 problem+json")
                .isEmpty();
        assertThat(result.requests()).as("requests made").isGreaterThanOrEqualTo(MIN_REQUESTS);
    }

    @Test
    void anotherOwnersAdminGetsNothingOfAnOwner() {
        String victim = "victim-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        PolicyApi.createOwner(victim);
        var result = AuthMatrix.crossOwner(
                root.toString().replaceAll("/$", ""),
                victim,
                TestTokens.ownerAdmin("intruder-co"),
                java.util.Map.of(
                        "/v1/owners/{owner}/licenses/{licenseId}",
                        "any-license",
                        "/v1/owners/{owner}/versions/{version}",
                        "1"));
        ReliabilityReport.write("b4-cross-owner", result.summary("policy-service"));
        assertThat(result.misses())
                .as("operations on another owner that did not answer 403/404 problem+json or leaked it")
                .isEmpty();
        assertThat(result.uncovered())
                .as("operations the matrix could not aim at the owner (their owner is in the body)")
                .containsExactly("POST /v1/evaluate");
        assertThat(result.requests()).isGreaterThanOrEqualTo(10);
        // The write whose owner is in the body: a dry run against the owner's terms.
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(TestTokens.ownerAdmin("intruder-co"))
                .contentType("application/json")
                .body(PolicyApi.event("e-intruder", victim, "microsoft", "ai-train", 1, "2023-04-12T09:30:00Z"))
                .post("/v1/evaluate")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    private static final int MIN_REQUESTS = 40;
}
