package org.termsguard.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.LocalTsaResource;
import org.termsguard.testsupport.TestTokens;

/**
 * Issue #20's evidence log through the service, checked by {@link IndependentTlog} alone: every event of an incident
 * is one leaf, checkpoints are signed notes the published key verifies, inclusion and consistency proofs hold, and a
 * back-filled event leaves every earlier checkpoint verifiable; each checkpoint's RFC 3161 token, from a real TSA,
 * passes {@code openssl ts -verify}.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "alert"))
@WithTestResource(LocalTsaResource.class)
class EvidenceLogTest {

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool database;

    private static final HexFormat HEX = HexFormat.of();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static io.restassured.specification.RequestSpecification viewer(String owner) {
        return given().auth().oauth2(TestTokens.ownerViewer(owner));
    }

    /** Issues the incident's notice as the owner's admin. */
    private static io.restassured.response.ValidatableResponse issue(String owner, String incident) {
        return given().auth()
                .oauth2(TestTokens.ownerAdmin(owner))
                .post("/v1/incidents/" + incident + "/notices")
                .then();
    }

    private static String logKey() {
        return given().get("/v1/evidence/log-key")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static IndependentTlog.Checkpoint checkpoint(String owner, long size) throws Exception {
        String note = viewer(owner)
                .queryParam("treeSize", size)
                .get("/v1/owners/" + owner + "/log/checkpoint")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return IndependentTlog.open(note, logKey());
    }

    private static JsonPath inclusion(String owner, String eventId, long size) {
        return viewer(owner)
                .queryParam("eventId", eventId)
                .queryParam("treeSize", size)
                .get("/v1/owners/" + owner + "/log/inclusion")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void awaitCheckpointOf(String owner, long size) {
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> viewer(owner)
                .queryParam("treeSize", size)
                .get("/v1/owners/" + owner + "/log/checkpoint")
                .then()
                .statusCode(200));
    }

    @Test
    void everyIncidentEventIsOneLeafAndEveryCheckpointStaysVerifiable() throws Exception {
        String owner = "ev-" + UUID.randomUUID().toString().substring(0, 8);
        // e-2 breaks two rules: two violations, two incidents, one leaf.
        Violations.produce(
                owner,
                "openai",
                List.of(
                        Violations.json(
                                "v-1",
                                "e-1",
                                owner,
                                "openai",
                                "no-license",
                                "critical",
                                5,
                                null,
                                "2025-11-20T08:00:00Z"),
                        Violations.json(
                                "v-2",
                                "e-2",
                                owner,
                                "openai",
                                "no-license",
                                "critical",
                                5,
                                null,
                                "2025-11-20T08:00:01Z"),
                        Violations.json(
                                "v-2b",
                                "e-2",
                                owner,
                                "openai",
                                "crawler-disallowed",
                                "medium",
                                5,
                                null,
                                "2025-11-20T08:00:01Z"),
                        Violations.json(
                                "v-3",
                                "e-3",
                                owner,
                                "openai",
                                "no-license",
                                "critical",
                                5,
                                null,
                                "2025-11-20T08:00:02Z")));
        awaitCheckpointOf(owner, 3);
        IndependentTlog.Checkpoint three = checkpoint(owner, 3);
        assertThat(three.origin()).isEqualTo("termsguard.test/evidence/" + owner);
        assertThat(three.size()).isEqualTo(3);

        for (String event : List.of("e-1", "e-2", "e-3")) {
            JsonPath proof = inclusion(owner, event, 3);
            String canonical = proof.getString("canonicalJson");
            assertThat(canonical).contains("\"eventId\":\"" + event + "\"");
            byte[] leaf = IndependentTlog.leaf(canonical);
            assertThat(HEX.formatHex(leaf)).isEqualTo(proof.getString("leafHash"));
            assertThat(IndependentTlog.rootOf(proof.getLong("leafIndex"), 3, leaf, proof.getList("path", String.class)))
                    .as("inclusion of " + event)
                    .isEqualTo(three.root());
        }

        // The notice says where its events are in the log and names the key that verifies the checkpoints.
        String incident = viewer(owner)
                .get("/v1/incidents?owner=" + owner + "&rule=crawler-disallowed")
                .then()
                .statusCode(200)
                .extract()
                .path("incidents[0].incidentId");
        String key = logKey().strip();
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> viewer(owner)
                .accept("text/markdown")
                .get("/v1/incidents/" + incident + "/notice")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString(
                        "The 1 event(s) are leaves 1 of " + owner.replace("-", "\\-") + "'s append-only"))
                .body(org.hamcrest.Matchers.containsString("covers all of them"))
                .body(org.hamcrest.Matchers.containsString("timestamped by a\nTime-Stamping Authority"))
                .body(org.hamcrest.Matchers.containsString("verified by the key `" + key + "`")));
        // Issued, the notice of e-1..e-3 is frozen against the checkpoint of three leaves.
        String noLicense = viewer(owner)
                .get("/v1/incidents?owner=" + owner + "&rule=no-license")
                .then()
                .extract()
                .path("incidents[0].incidentId");
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> issue(owner, noLicense)
                .statusCode(201)
                .body("version", equalTo(1))
                .body("treeSize", equalTo(3))
                .body("leafIndexes", equalTo(List.of(0, 1, 2))));
        issue(owner, noLicense).statusCode(200).body("version", equalTo(1));
        viewer(owner).post("/v1/incidents/" + noLicense + "/notices").then().statusCode(403);
        // A late event observed long before the others is appended, never inserted before them.
        Violations.produce(
                owner,
                "openai",
                List.of(Violations.json(
                        "v-0", "e-0", owner, "openai", "no-license", "critical", 5, null, "2023-04-01T00:00:00Z")));
        awaitCheckpointOf(owner, 4);
        IndependentTlog.Checkpoint four = checkpoint(owner, 4);
        assertThat(inclusion(owner, "e-0", 4).getLong("leafIndex")).isEqualTo(3L);
        JsonPath consistency = viewer(owner)
                .queryParam("from", 3)
                .queryParam("to", 4)
                .get("/v1/owners/" + owner + "/log/consistency")
                .then()
                .statusCode(200)
                .body("fromRoot", equalTo(HEX.formatHex(three.root())))
                .extract()
                .jsonPath();
        assertThat(IndependentTlog.consistent(
                        3, 4, three.root(), four.root(), consistency.getList("proof", String.class)))
                .isTrue();
        // What was proven against the checkpoint of three leaves still is.
        JsonPath again = inclusion(owner, "e-1", 3);
        assertThat(IndependentTlog.rootOf(
                        again.getLong("leafIndex"),
                        3,
                        IndependentTlog.leaf(again.getString("canonicalJson")),
                        again.getList("path", String.class)))
                .isEqualTo(checkpoint(owner, 3).root());
        // The late event makes a second version; the first still reads, and proves, as it was issued.
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> issue(owner, noLicense)
                .statusCode(201)
                .body("version", equalTo(2))
                .body("leafIndexes", equalTo(List.of(0, 1, 2, 3))));
        viewer(owner)
                .accept("text/markdown")
                .get("/v1/incidents/" + noLicense + "/notices/1")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("The 3 event(s) are leaves 0–2"))
                .body(org.hamcrest.Matchers.containsString("checkpoint of 3 leaves"));
        List<Integer> frozen = viewer(owner)
                .accept("application/json")
                .get("/v1/incidents/" + noLicense + "/notices/1")
                .then()
                .statusCode(200)
                .body("treeSize", equalTo(3))
                .extract()
                .path("leafIndexes");
        assertThat(frozen).containsExactly(0, 1, 2);
        viewer(owner)
                .get("/v1/incidents/" + noLicense + "/notices")
                .then()
                .statusCode(200)
                .body("version", equalTo(List.of(1, 2)));
        given().auth()
                .oauth2(TestTokens.ownerViewer("someone-else"))
                .get("/v1/incidents/" + noLicense + "/notices")
                .then()
                .statusCode(404);
        // A redelivered batch adds nothing.
        Violations.produce(
                owner,
                "openai",
                List.of(Violations.json(
                        "v-1", "e-1", owner, "openai", "no-license", "critical", 5, null, "2025-11-20T08:00:00Z")));
        Violations.produce(
                owner,
                "openai",
                List.of(Violations.json(
                        "v-5", "e-5", owner, "openai", "no-license", "critical", 5, null, "2025-11-20T09:00:00Z")));
        awaitCheckpointOf(owner, 5);
        assertThat(inclusion(owner, "e-5", 5).getLong("leafIndex")).isEqualTo(4L);
    }

    @Test
    void proofsAreRefusedClearlyAndOnlyToTheOwnersPeople() {
        String owner = "ev-" + UUID.randomUUID().toString().substring(0, 8);
        viewer(owner)
                .get("/v1/owners/" + owner + "/log/checkpoint")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        Violations.produce(
                owner,
                "openai",
                List.of(Violations.json(
                        "v-1", "e-1", owner, "openai", "no-license", "critical", 5, null, "2025-11-20T08:00:00Z")));
        awaitCheckpointOf(owner, 1);
        given().auth()
                .oauth2(TestTokens.ownerViewer("another-owner"))
                .get("/v1/owners/" + owner + "/log/checkpoint")
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(403, 404));
        for (String query : List.of("from=0&to=1", "from=2&to=1", "from=1&to=99", "from=x&to=1", "from=1")) {
            viewer(owner)
                    .get("/v1/owners/" + owner + "/log/consistency?" + query)
                    .then()
                    .statusCode(org.hamcrest.Matchers.oneOf(400, 404))
                    .contentType("application/problem+json");
        }
        viewer(owner)
                .queryParam("eventId", "e-unknown")
                .get("/v1/owners/" + owner + "/log/inclusion")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        viewer(owner)
                .queryParam("eventId", "e-1")
                .queryParam("treeSize", 0)
                .get("/v1/owners/" + owner + "/log/inclusion")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    /** The token is over the checkpoint's signed text, and openssl, which shares nothing with the service, agrees. */
    @Test
    void everyCheckpointIsTimestampedAndOpensslVerifiesTheToken(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String roots = given().get("/v1/evidence/tsa-roots.pem")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String owner = "ev-" + UUID.randomUUID().toString().substring(0, 8);
        Violations.produce(
                owner,
                "openai",
                List.of(Violations.json(
                        "v-1", "e-1", owner, "openai", "no-license", "critical", 5, null, "2025-11-20T08:00:00Z")));
        awaitCheckpointOf(owner, 1);
        // Why a checkpoint is not stamped is kept with it: shown if the wait below runs out.
        Awaitility.await()
                .atMost(PATIENCE)
                .alias("the checkpoint is stamped, or its error is recorded")
                .until(() -> database.preparedQuery("select tsa_reply is not null or tsa_error is not null from"
                                + " evidence_checkpoint where owner = $1")
                        .execute(io.vertx.mutiny.sqlclient.Tuple.of(owner))
                        .await()
                        .indefinitely()
                        .iterator()
                        .next()
                        .getBoolean(0));
        String error = database.preparedQuery("select tsa_error from evidence_checkpoint where owner = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(owner))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getString(0);
        assertThat(error).as("the TSA's error").isNull();
        byte[] reply = Awaitility.await()
                .atMost(PATIENCE)
                .until(
                        () -> viewer(owner)
                                .queryParam("treeSize", 1)
                                .get("/v1/owners/" + owner + "/log/checkpoint.tsr")
                                .then()
                                .extract()
                                .response(),
                        response -> response.statusCode() == 200)
                .asByteArray();
        String note = viewer(owner)
                .get("/v1/owners/" + owner + "/log/checkpoint")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        java.nio.file.Files.write(dir.resolve("checkpoint.tsr"), reply);
        java.nio.file.Files.writeString(dir.resolve("checkpoint.txt"), note.substring(0, note.lastIndexOf("\n\n") + 1));
        java.nio.file.Files.writeString(dir.resolve("tsa-roots.pem"), roots);
        java.nio.file.Path openssl = java.nio.file.Path.of("/usr/bin/openssl");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.file.Files.isExecutable(openssl), "openssl is not installed (CI installs it)");
        Process verify = new ProcessBuilder(
                        openssl.toString(),
                        "ts",
                        "-verify",
                        "-in",
                        "checkpoint.tsr",
                        "-data",
                        "checkpoint.txt",
                        "-CAfile",
                        "tsa-roots.pem")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(verify.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(verify.waitFor()).as(output).isZero();
        assertThat(output).contains("Verification: OK");
    }
}
