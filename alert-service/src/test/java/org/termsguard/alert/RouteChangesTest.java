package org.termsguard.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.termsguard.alert.routes.Route;
import org.termsguard.alert.routes.repository.RouteBook;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.TestTokens;

/**
 * Issue #17: routes were cached per instance forever, so a receiver removed through one replica kept getting alerts
 * from the others; webhook URLs were shown to owner-viewers and secrets stored in plaintext.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "alert"))
class RouteChangesTest {

    private static final String HOOK = "http://127.0.0.1:9/services/T000/B000/XXXXPATHSECRET?token=abc";

    @Inject
    Pool database;

    @Inject
    ObjectMapper json;

    @Inject
    AlertConfig config;

    private static String newOwner() {
        return "rc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void put(String owner, String receivers) {
        given().auth()
                .oauth2(TestTokens.ownerAdmin(owner))
                .contentType("application/json")
                .body("{\"groupWait\":\"PT0S\",\"groupInterval\":\"PT1S\",\"receivers\":[" + receivers + "]}")
                .put("/v1/owners/" + owner + "/routes")
                .then()
                .statusCode(200);
    }

    @Test
    void aRouteChangedThroughOneInstanceIsWhatASecondInstancePlansWithAtOnce() {
        String owner = newOwner();
        // A second replica's route book: it shares the database with this instance and nothing else.
        RouteBook other = new RouteBook(database, json, config);
        put(owner, "{\"type\":\"webhook\",\"url\":\"" + HOOK + "\",\"secret\":\"s3cret\"}");
        Route before = other.load(List.of(owner)).await().indefinitely().of(owner);
        assertThat(before.receivers()).extracting(Route.Receiver::url).containsExactly(HOOK);
        assertThat(before.receivers().get(0).secret()).isEqualTo("s3cret");

        // The receiver is removed through this instance (the HTTP API); the other plans its next alert at once.
        put(owner, "{\"type\":\"email\",\"to\":[\"legal@x.example\"]}");

        Route after = other.load(List.of(owner)).await().indefinitely().of(owner);
        assertThat(after.receivers()).extracting(r -> r.type().token()).containsExactly("email");
        assertThat(after.groupInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void secretsAreSealedAtRestAndPlaintextRowsFromBeforeAreStillRead() {
        String owner = newOwner();
        put(owner, "{\"type\":\"webhook\",\"url\":\"" + HOOK + "\",\"secret\":\"s3cret-at-rest\"}");
        assertThat(document(owner)).doesNotContain("s3cret-at-rest").contains("\"secret\": \"tgs1:");

        String legacy = newOwner();
        database.preparedQuery("insert into route (owner, document) values ($1, cast(cast($2 as text) as jsonb))")
                .execute(Tuple.of(
                        legacy, "{\"receivers\":[{\"type\":\"webhook\",\"url\":\"" + HOOK + "\",\"secret\":\"old\"}]}"))
                .await()
                .indefinitely();
        RouteBook book = new RouteBook(database, json, config);
        assertThat(book.get(legacy).await().indefinitely().receivers().get(0).secret())
                .isEqualTo("old");

        // What start-up does: the plaintext is sealed in place, and still opens to the same secret.
        assertThat(book.sealStoredPlaintext().await().indefinitely()).isGreaterThanOrEqualTo(1);
        assertThat(document(legacy)).doesNotContain("\"old\"").contains("\"secret\": \"tgs1:");
        assertThat(book.get(legacy).await().indefinitely().receivers().get(0).secret())
                .isEqualTo("old");
    }

    private String document(String owner) {
        return database.preparedQuery("select document::text from route where owner = $1")
                .execute(Tuple.of(owner))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getString(0);
    }

    @Test
    void ownerViewersSeeNeitherSecretsNorWebhookUrlsAndAdminsNoSecret() {
        String owner = newOwner();
        put(
                owner,
                "{\"type\":\"webhook\",\"url\":\"" + HOOK + "\",\"secret\":\"s3cret\"},"
                        + "{\"type\":\"alertmanager\",\"url\":\"" + HOOK + "\"}");

        String viewed = given().auth()
                .oauth2(TestTokens.ownerViewer(owner))
                .get("/v1/owners/" + owner + "/routes")
                .then()
                .statusCode(200)
                .body("receivers[0].url", equalTo("http://127.0.0.1:9/…"))
                .body("receivers[0].secret", nullValue())
                .body("receivers[1].url", equalTo("http://127.0.0.1:9/…"))
                .extract()
                .asString();
        assertThat(viewed)
                .doesNotContain("s3cret")
                .doesNotContain("XXXXPATHSECRET")
                .doesNotContain("token");

        given().auth()
                .oauth2(TestTokens.ownerAdmin(owner))
                .get("/v1/owners/" + owner + "/routes")
                .then()
                .statusCode(200)
                .body("receivers[0].url", equalTo(HOOK))
                .body("receivers[0].secret", equalTo("********"))
                .body("receivers[0].secret", not(equalTo("s3cret")));
    }

    @Test
    void aRouteSavedBackAsReadKeepsItsSecretAndAPlaceholderForANewUrlIsRefused() {
        String owner = newOwner();
        put(owner, "{\"type\":\"webhook\",\"url\":\"" + HOOK + "\",\"secret\":\"s3cret\"}");
        String asRead = given().auth()
                .oauth2(TestTokens.ownerAdmin(owner))
                .get("/v1/owners/" + owner + "/routes")
                .then()
                .statusCode(200)
                .body("receivers[0].secret", equalTo(Route.HIDDEN_SECRET))
                .extract()
                .asString();

        given().auth()
                .oauth2(TestTokens.ownerAdmin(owner))
                .contentType("application/json")
                .body(asRead)
                .put("/v1/owners/" + owner + "/routes")
                .then()
                .statusCode(200);
        RouteBook book = new RouteBook(database, json, config);
        assertThat(book.get(owner).await().indefinitely().receivers().get(0).secret())
                .isEqualTo("s3cret");

        given().auth()
                .oauth2(TestTokens.ownerAdmin(owner))
                .contentType("application/json")
                .body(asRead.replace(HOOK, "http://127.0.0.1:9/other"))
                .put("/v1/owners/" + owner + "/routes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("receivers[0].secret"));
        assertThat(book.get(owner).await().indefinitely().receivers().get(0).url())
                .isEqualTo(HOOK);
    }
}
