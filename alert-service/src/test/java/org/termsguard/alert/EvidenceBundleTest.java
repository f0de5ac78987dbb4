package org.termsguard.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.termsguard.alert.evidence.BundleVerifier;
import org.termsguard.alert.evidence.EvidenceBundle;
import org.termsguard.alert.evidence.NoteKey;
import org.termsguard.alert.evidence.Timestamps;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.LocalTsaResource;
import org.termsguard.testsupport.TestTokens;

/**
 * Issue #20's evidence bundle as a recipient gets it from the service: checked by the verifier, and again by tools
 * that share no code with the service ({@link IndependentTlog}, {@code sha256sum}, {@code openssl pkeyutl} and
 * {@code openssl ts}, each as the bundle's README tells a reader to run them); the PDF read back by PDFBox; bytes
 * changed throughout every file; and a back-filled event that leaves the first notice's bundle as it was.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "alert"))
@WithTestResource(LocalTsaResource.class)
class EvidenceBundleTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static io.restassured.specification.RequestSpecification viewer(String owner) {
        return given().auth().oauth2(TestTokens.ownerViewer(owner));
    }

    private static String logKey() {
        return given().get("/v1/evidence/log-key")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static BundleVerifier.Trust trust() {
        String roots = given().get("/v1/evidence/tsa-roots.pem")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return new BundleVerifier.Trust(
                Optional.of(NoteKey.parse(logKey().strip())),
                Timestamps.certificates(roots.getBytes(StandardCharsets.US_ASCII)));
    }

    private static void awaitStampedCheckpointOf(String owner, long size) {
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> viewer(owner)
                .queryParam("treeSize", size)
                .get("/v1/owners/" + owner + "/log/checkpoint.tsr")
                .then()
                .statusCode(200));
    }

    private static Map<String, byte[]> bundle(String owner, String incident, Integer notice) throws Exception {
        var request = viewer(owner);
        if (notice != null) {
            request.queryParam("notice", notice);
        }
        byte[] zip = request.get("/v1/incidents/" + incident + "/evidence.zip")
                .then()
                .statusCode(200)
                .contentType("application/zip")
                .header("Content-Disposition", org.hamcrest.Matchers.containsString(incident))
                .extract()
                .asByteArray();
        return EvidenceBundle.read(new ByteArrayInputStream(zip));
    }

    private static String text(Map<String, byte[]> files, String name) {
        return new String(files.get(name), StandardCharsets.UTF_8);
    }

    private static String incidentOf(String owner) {
        return viewer(owner)
                .get("/v1/incidents?owner=" + owner + "&rule=no-license")
                .then()
                .statusCode(200)
                .extract()
                .path("incidents[0].incidentId");
    }

    @Test
    void aNoticesBundleHoldsUpToToolsThatShareNoCodeWithTheService(@TempDir Path dir) throws Exception {
        String owner = "eb-" + UUID.randomUUID().toString().substring(0, 8);
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
                                "4.20",
                                "2025-11-20T08:00:00Z"),
                        Violations.json(
                                "v-2",
                                "e-2",
                                owner,
                                "openai",
                                "no-license",
                                "critical",
                                5,
                                "4.20",
                                "2025-11-20T08:00:01Z"),
                        Violations.json(
                                "v-3",
                                "e-3",
                                owner,
                                "openai",
                                "no-license",
                                "critical",
                                5,
                                "4.20",
                                "2025-11-20T08:00:02Z")));
        awaitStampedCheckpointOf(owner, 3);
        String incident = incidentOf(owner);
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> given().auth()
                .oauth2(TestTokens.ownerAdmin(owner))
                .post("/v1/incidents/" + incident + "/notices")
                .then()
                .statusCode(201)
                .body("version", equalTo(1)));

        Map<String, byte[]> files = bundle(owner, incident, 1);
        BundleVerifier.Report report = BundleVerifier.verify(files, trust());
        assertThat(report.failures()).as(report.text()).isEmpty();
        assertThat(report.text())
                .contains("3 event(s) of " + owner + " (incident " + incident + ") are leaves 0–2 of that log")
                .contains("Notice version 1")
                .contains("stamped that checkpoint at");
        // policy-service does not run in these tests: the bundle says so rather than leaving the terms out silently.
        assertThat(report.warnings())
                .anyMatch(w -> w.startsWith("Terms version 2 is not included: policy-service could not be reached"));

        // IndependentTlog: each line's leaf, and its path, up to the root of the checkpoint the published key signs.
        IndependentTlog.Checkpoint checkpoint = IndependentTlog.open(text(files, EvidenceBundle.CHECKPOINT), logKey());
        assertThat(checkpoint.size()).isEqualTo(3);
        JsonPath proofs = new JsonPath(text(files, EvidenceBundle.PROOFS));
        List<String> lines = text(files, EvidenceBundle.EVENTS).lines().toList();
        assertThat(lines).hasSize(3);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(IndependentTlog.rootOf(
                            proofs.getLong("proofs[" + i + "].leafIndex"),
                            proofs.getLong("treeSize"),
                            IndependentTlog.leaf(lines.get(i)),
                            proofs.getList("proofs[" + i + "].path", String.class)))
                    .as("inclusion of line " + (i + 1))
                    .isEqualTo(checkpoint.root());
        }

        // The bundle's README, step by step, with sha256sum and openssl.
        for (var file : files.entrySet()) {
            Path to = dir.resolve(file.getKey());
            Files.createDirectories(to.getParent());
            Files.write(to, file.getValue());
        }
        assertThat(shell(dir, "sha256sum -c SHA256SUMS")).contains("events.ndjson: OK");
        assertThat(shell(dir, "echo \"$(sha256sum manifest.json | cut -d' ' -f1)\""))
                .contains(text(files, EvidenceBundle.MANIFEST_SIGNATURE)
                        .lines()
                        .toList()
                        .get(1)
                        .substring("manifest.json sha256:".length()));
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed (CI does)");
        assertThat(shell(
                        dir,
                        "sed '/^$/,$d' checkpoint.txt > signed.txt && grep '^— ' checkpoint.txt | awk '{print $3}'"
                                + " | base64 -d | tail -c 64 > signature.bin && openssl pkeyutl -verify -pubin -inkey"
                                + " log-key.pem -rawin -in signed.txt -sigfile signature.bin"))
                .contains("Signature Verified Successfully");
        assertThat(shell(dir, "openssl ts -verify -in checkpoint.tsr -data signed.txt -CAfile tsa-chain.pem"))
                .contains("Verification: OK");
        assertThat(shell(dir, "(printf '\\0'; head -n 1 events.ndjson | tr -d '\\n') | sha256sum"))
                .startsWith(IndependentTlog.leafHex(lines.get(0)));

        // The PDF is a PDF of this notice.
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(files.get(EvidenceBundle.NOTICE_PDF))) {
            String words = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
            // The incident id wraps (the HTML lets it break anywhere); the owner does not.
            assertThat(words)
                    .contains("Notice of possible unlicensed use")
                    .contains("On behalf of\n" + owner)
                    .contains(incident.substring(0, 12));
        }
    }

    private static String shell(Path dir, String command) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(command + "\n" + output).isZero();
        return output;
    }

    @Test
    void changedBytesAnywhereInTheServicesBundleAreDetected() throws Exception {
        String owner = "eb-" + UUID.randomUUID().toString().substring(0, 8);
        Violations.produce(
                owner,
                "openai",
                List.of(Violations.json(
                        "v-1", "e-1", owner, "openai", "no-license", "critical", 5, null, "2025-11-20T08:00:00Z")));
        awaitStampedCheckpointOf(owner, 1);
        Map<String, byte[]> files = bundle(owner, incidentOf(owner), null);
        BundleVerifier.Trust trust = trust();
        assertThat(BundleVerifier.verify(files, trust).failures()).isEmpty();
        assertThat(text(files, EvidenceBundle.NOTICE)).contains("\"issued\":false");
        int tried = 0;
        for (String name : files.keySet()) {
            byte[] original = files.get(name);
            // Every byte of the small files; of the PDF and HTML, 400 spread over the whole file.
            int step = Math.max(1, original.length / 400);
            for (int at = 0; at < original.length; at += step) {
                byte[] changed = original.clone();
                changed[at] ^= 0x01;
                Map<String, byte[]> tampered = new LinkedHashMap<>(files);
                tampered.put(name, changed);
                assertThat(BundleVerifier.verify(tampered, trust).verified())
                        .as("%s with byte %d changed", name, at)
                        .isFalse();
                tried++;
            }
        }
        assertThat(tried).isGreaterThan(2_000);
    }

    @Test
    void aBackFilledEventLeavesTheFirstNoticesBundleAsItWas() throws Exception {
        String owner = "eb-" + UUID.randomUUID().toString().substring(0, 8);
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
                                "2025-11-20T08:00:01Z")));
        awaitStampedCheckpointOf(owner, 2);
        String incident = incidentOf(owner);
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> given().auth()
                .oauth2(TestTokens.ownerAdmin(owner))
                .post("/v1/incidents/" + incident + "/notices")
                .then()
                .statusCode(201));
        Map<String, byte[]> first = bundle(owner, incident, 1);

        // Observed before every other event, received after them.
        Violations.produce(
                owner,
                "openai",
                List.of(Violations.json(
                        "v-0", "e-0", owner, "openai", "no-license", "critical", 5, null, "2023-04-01T00:00:00Z")));
        awaitStampedCheckpointOf(owner, 3);
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> given().auth()
                .oauth2(TestTokens.ownerAdmin(owner))
                .post("/v1/incidents/" + incident + "/notices")
                .then()
                .statusCode(201)
                .body("version", equalTo(2))
                .body("leafIndexes", equalTo(List.of(0, 1, 2))));

        BundleVerifier.Trust trust = trust();
        Map<String, byte[]> again = bundle(owner, incident, 1);
        assertThat(BundleVerifier.verify(again, trust).failures()).isEmpty();
        for (String name : List.of(
                EvidenceBundle.EVENTS,
                EvidenceBundle.PROOFS,
                EvidenceBundle.CHECKPOINT,
                EvidenceBundle.TIMESTAMP,
                EvidenceBundle.NOTICE,
                EvidenceBundle.NOTICE_MARKDOWN)) {
            assertThat(again.get(name))
                    .as(name + " of version 1, after the back-fill")
                    .isEqualTo(first.get(name));
        }
        Map<String, byte[]> second = bundle(owner, incident, 2);
        BundleVerifier.Report report = BundleVerifier.verify(second, trust);
        assertThat(report.failures()).isEmpty();
        assertThat(report.text()).contains("are leaves 0–2 of that log");
        assertThat(text(second, EvidenceBundle.EVENTS).lines().toList().get(2)).contains("\"eventId\":\"e-0\"");
    }

    @Test
    void bundlesAreRefusedClearlyAndOnlyToTheOwnersPeople() {
        String owner = "eb-" + UUID.randomUUID().toString().substring(0, 8);
        Violations.produce(
                owner,
                "openai",
                List.of(Violations.json(
                        "v-1", "e-1", owner, "openai", "no-license", "critical", 5, null, "2025-11-20T08:00:00Z")));
        Awaitility.await()
                .atMost(PATIENCE)
                .until(() -> viewer(owner)
                                .get("/v1/incidents?owner=" + owner)
                                .then()
                                .extract()
                                .path("incidents[0].incidentId")
                        != null);
        String incident = incidentOf(owner);
        for (String notice : List.of("0", "-1", "abc", "99999999999", "1\u0000")) {
            viewer(owner)
                    .queryParam("notice", notice)
                    .get("/v1/incidents/" + incident + "/evidence.zip")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        viewer(owner)
                .queryParam("notice", 7)
                .get("/v1/incidents/" + incident + "/evidence.zip")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.ownerViewer("someone-else"))
                .get("/v1/incidents/" + incident + "/evidence.zip")
                .then()
                .statusCode(404);
        given().get("/v1/incidents/" + incident + "/evidence.zip").then().statusCode(401);
    }
}
