package org.termsguard.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.termsguard.ingest.producers.service.ApiKeyAuthenticator;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.TestTokens;

/**
 * Issue #17: a revoked key worked up to 30 s longer, because each instance cached it as valid and only the revoking
 * instance dropped its entry (before the commit, at that). Revocation must hold from its commit, on every instance.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
class KeyRevocationTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Pool database;

    @Inject
    IngestConfig config;

    @Test
    void aKeyRevokedByAnotherInstanceIsRefusedByTheVeryNextRequest() {
        String producer = "elsewhere-" + UUID.randomUUID().toString().substring(0, 8);
        String key = IngestApiTest.issueKey(producer, List.of("x-corp"));
        // This instance has just accepted the key: whatever it remembers of it, it remembers it as valid.
        post(key).then().statusCode(202);

        // Another instance's revocation, as its transaction commits it: this instance is told nothing.
        database.preparedQuery("update producer_key set revoked_at = now() where id = $1")
                .execute(Tuple.of(key.split("_")[1]))
                .await()
                .indefinitely();

        post(key).then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void aKeyRevokedThroughTheApiIsRefusedAtOnceHereAndByASecondInstance() {
        String producer = "revoked-" + UUID.randomUUID().toString().substring(0, 8);
        String key = IngestApiTest.issueKey(producer, List.of("x-corp"));
        // A second instance's authenticator, on its own, sharing nothing with this one but the database.
        var other = new ApiKeyAuthenticator(database, config);
        post(key).then().statusCode(202);
        assertThat(other.authenticate(key).await().indefinitely()).isPresent();

        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .delete("/v1/producers/" + producer + "/keys/" + key.split("_")[1])
                .then()
                .statusCode(204);

        post(key).then().statusCode(401).contentType(PROBLEM);
        assertThat(other.authenticate(key).await().indefinitely()).isEmpty();
    }

    private static io.restassured.response.Response post(String key) {
        return given().auth()
                .oauth2(key)
                .contentType("application/json")
                .body(IngestApiTest.event(UUID.randomUUID().toString(), "x-corp"))
                .post("/v1/events");
    }
}
