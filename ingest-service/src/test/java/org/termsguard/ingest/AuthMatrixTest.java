package org.termsguard.ingest;

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

/** Every secured operation of the OpenAPI document refuses missing and bad credentials with 401 problem+json. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
class AuthMatrixTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void everySecuredOperationRefusesMissingAndBadCredentials() {
        // A producer key of the right shape that was never issued, and one that was issued and then revoked.
        String producer = "revoked-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String revoked = IngestApiTest.issueKey(producer, java.util.List.of("x-corp"));
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(TestTokens.platformAdmin())
                .delete("/v1/producers/" + producer + "/keys/" + revoked.split("_")[1])
                .then()
                .statusCode(204);
        String unknown =
                "tgk_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_"
                        + java.util.UUID.randomUUID().toString().replace("-", "");
        var result = AuthMatrix.check(
                root.toString().replaceAll("/$", ""),
                java.util.Map.of("unknown API key", unknown, "revoked API key", revoked));
        ReliabilityReport.write("b4-bad-credentials", result.summary("ingest-service"));
        assertThat(result.misses())
                .as("operations that did not answer 401 problem+json")
                .isEmpty();
        assertThat(result.requests()).as("requests made").isGreaterThanOrEqualTo(MIN_REQUESTS);
    }

    @Test
    void anotherOwnersAdminGetsNothingOfAnOwner() {
        String victim = "victim-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String producer = "p-" + victim;
        String key = IngestApiTest.issueKey(producer, java.util.List.of(victim));
        var result = AuthMatrix.crossOwner(
                root.toString().replaceAll("/$", ""),
                victim,
                TestTokens.ownerAdmin("intruder-co"),
                java.util.Map.of(
                        "/v1/producers/{producerId}",
                        producer,
                        "/v1/producers/{producerId}/keys/{keyId}",
                        key.split("_")[1]));
        ReliabilityReport.write("b4-cross-owner", result.summary("ingest-service"));
        assertThat(result.misses())
                .as("operations on another owner that did not answer 403/404 problem+json or leaked it")
                .isEmpty();
        assertThat(result.requests()).isGreaterThanOrEqualTo(3);
        assertThat(result.uncovered()).doesNotContain("GET /v1/producers");
    }

    private static final int MIN_REQUESTS = 15;
}
