package org.termsguard.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.termsguard.ingest.verification.WebBotAuth.Status;

/**
 * The Web Bot Auth profile on published vectors: Cloudflare's {@code web_bot_auth_architecture_v2.json} (RSA-PSS and
 * Ed25519, with and without Signature-Agent; see SOURCE.md) and the legacy String-form Signature-Agent vectors of
 * draft-ietf-webbotauth-httpsig-protocol, "Test Vectors" — then each tampered so that it must not verify.
 */
class WebBotAuthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Cloudflare's vectors are created at 2025-01-01T00:00:00Z. */
    private static final Instant AN_HOUR_AFTER_CREATION = Instant.ofEpochSecond(1735689600L + 3600);

    private final WebBotAuth webBotAuth = new WebBotAuth(Duration.ofMinutes(1));

    /** One published vector: the request it signs and the public key that verifies it. */
    record Vector(String name, String signatureInput, String signature, String signatureAgent, JsonNode publicJwk) {

        SignedRequest request(Map<String, String> changes, String target) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("Signature-Input", signatureInput);
            fields.put("Signature", signature);
            if (signatureAgent != null) {
                fields.put("Signature-Agent", signatureAgent);
            }
            fields.putAll(changes);
            return SignedRequest.of("GET", URI.create(target), MessageSignatureTest.lines(fields));
        }

        SignedRequest request() {
            return request(Map.of(), "https://example.com/path/to/resource");
        }

        KeyDirectorySnapshot directory() {
            String jwks = "{\"keys\":[" + publicJwk + "]}";
            return KeyDirectorySnapshot.parse(jwks.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Vector> cloudflareVectors() throws Exception {
        List<Vector> vectors = new ArrayList<>();
        try (InputStream in = WebBotAuthTest.class.getResourceAsStream(
                "/verification/cloudflare-web-bot-auth-architecture-v2.json")) {
            for (JsonNode vector : JSON.readTree(in)) {
                ObjectNode jwk = (ObjectNode) vector.get("key").deepCopy();
                jwk.remove(List.of("d", "p", "q", "dp", "dq", "qi"));
                String name = vector.get("key").get("kty").asText() + " "
                        + vector.get("label").asText();
                vectors.add(new Vector(
                        "cloudflare " + name,
                        vector.get("signature_input").asText(),
                        vector.get("signature").asText(),
                        vector.path("signature_agent").asText(null),
                        jwk));
            }
        }
        return vectors;
    }

    /** draft-ietf-webbotauth-httpsig-protocol, "Legacy Signature-Agent, sf-string": expires an hour after created. */
    static List<Vector> draftLegacyVectors() throws Exception {
        List<Vector> cloudflare = cloudflareVectors();
        JsonNode rsa = cloudflare.get(0).publicJwk();
        JsonNode ed25519 = cloudflare.get(2).publicJwk();
        return List.of(
                new Vector(
                        "draft legacy rsa-pss-sha512",
                        "sig2=(\"@authority\" \"signature-agent\");created=1735689600"
                                + ";keyid=\"oD0HwocPBSfpNy5W3bpJeyFGY_IQ_YpqxSjQ3Yd-CLA\";alg=\"rsa-pss-sha512\""
                                + ";expires=1735693200;nonce=\"XSHtZVCThSIAksXsH9WBs6AtxtXC0eQGiIcUGSoJstFs8lAWakjhrfwz"
                                + "Lhyjtme5iXMZvmFWqDEs6cT3Jf+BbQ==\";tag=\"web-bot-auth\"",
                        "sig2=:I1QWNzGXdP1a4dSvOHLCVOOanEYHDk+ZsVxM9MLX/p4ko69ghKwR5EOtAD96g7g4GWP7lmpM/jFAf9q8EFRD"
                                + "TPLjUXySwMv4YPgabv2LQihTJG2y8a2m6IGltyruwQNiqSJVUuRaG9+b17CGmAMFZh30X6GXLdQJrCARpeTqP"
                                + "wp2DC+a8haDE/VE5EruqzjA5/2mKwvrkzkSqeW5tOVtFwWRRHIOidquf/8Je6kM9mhgkg4arudLA5SL4wyyYE"
                                + "1jURIgcOl8agrfdJ5Def23DIRtiOLRa8jT9cpTLFAuFHN+mrZA/LH9h0gSIg1cPb+0cMASee5uku1KjWcFer7"
                                + "jWA==:",
                        "\"https://signature-agent.test\"",
                        rsa),
                new Vector(
                        "draft legacy ed25519",
                        "sig2=(\"@authority\" \"signature-agent\");created=1735689600"
                                + ";keyid=\"poqkLGiymh_W0uP6PZFw-dvez3QJT5SolqXBCW38r0U\";alg=\"ed25519\""
                                + ";expires=1735693200;nonce=\"e8N7S2MFd/qrd6T2R3tdfAuuANngKI7LFtKYI/vowzk4lAZYadIX6wW2"
                                + "5MwG7DCT9RUKAJ0qVkU0mEeLElW1qg==\";tag=\"web-bot-auth\"",
                        "sig2=:jdq0SqOwHdyHr9+r5jw3iYZH6aNGKijYp/EstF4RQTQdi5N5YYKrD+mCT1HA1nZDsi6nJKuHxUi/5Syp3rLWBA=="
                                + ":",
                        "\"https://signature-agent.test\"",
                        ed25519));
    }

    static Stream<Vector> allVectors() throws Exception {
        return Stream.concat(cloudflareVectors().stream(), draftLegacyVectors().stream());
    }

    private static WebBotAuth.KeyLookup keysOf(KeyDirectorySnapshot directory) {
        return (keyid, agent) -> directory.key(keyid);
    }

    private WebBotAuth.Outcome check(Vector vector, SignedRequest request, Instant clock) {
        return webBotAuth.check(request, clock, keysOf(vector.directory()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allVectors")
    void thePublishedVectorVerifies(Vector vector) {
        WebBotAuth.Outcome outcome = check(vector, vector.request(), AN_HOUR_AFTER_CREATION.minusSeconds(60));

        assertThat(outcome.status()).as(outcome.reasons().toString()).isEqualTo(Status.VALID);
        assertThat(outcome.keyid())
                .isEqualTo(JwkThumbprint.of(vector.publicJwk()).orElseThrow());
        assertThat(outcome.signatureAgent())
                .isEqualTo(vector.signatureAgent() == null ? null : "https://signature-agent.test");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allVectors")
    void anotherAuthorityFails(Vector vector) {
        SignedRequest elsewhere = vector.request(Map.of(), "https://example.org/path/to/resource");

        assertThat(check(vector, elsewhere, AN_HOUR_AFTER_CREATION.minusSeconds(60))
                        .status())
                .isEqualTo(Status.FAILED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allVectors")
    void anotherKeyUnderTheSameKeyidFails(Vector vector) throws Exception {
        var other = KeyPairGenerator.getInstance(
                        vector.publicJwk().get("kty").asText().equals("RSA") ? "RSA" : "Ed25519")
                .generateKeyPair()
                .getPublic();
        SignatureAlgorithm algorithm = vector.publicJwk().get("kty").asText().equals("RSA")
                ? SignatureAlgorithm.RSA_PSS_SHA512
                : SignatureAlgorithm.ED25519;
        WebBotAuth.KeyLookup impostor =
                (keyid, agent) -> Optional.of(new DirectoryKey(keyid, other, algorithm, null, null));

        assertThat(webBotAuth
                        .check(vector.request(), AN_HOUR_AFTER_CREATION.minusSeconds(60), impostor)
                        .status())
                .isEqualTo(Status.FAILED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allVectors")
    void aKeyNoDirectoryHoldsIsNotChecked(Vector vector) {
        WebBotAuth.Outcome outcome = webBotAuth.check(
                vector.request(), AN_HOUR_AFTER_CREATION.minusSeconds(60), (keyid, agent) -> Optional.empty());

        assertThat(outcome.status()).isEqualTo(Status.NOT_CHECKED);
        assertThat(outcome.reasons()).anyMatch(r -> r.contains("no key directory in force holds"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allVectors")
    void beforeCreationFails(Vector vector) {
        assertThat(check(vector, vector.request(), Instant.ofEpochSecond(1735689600L - 3600))
                        .status())
                .isEqualTo(Status.FAILED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allVectors")
    void anotherTagIsNotThisProfilesSignature(Vector vector) {
        String otherTag = vector.signatureInput().replace("tag=\"web-bot-auth\"", "tag=\"other\"");
        SignedRequest request =
                vector.request(Map.of("Signature-Input", otherTag), "https://example.com/path/to/resource");

        WebBotAuth.Outcome outcome = check(vector, request, AN_HOUR_AFTER_CREATION);

        assertThat(outcome.status()).isEqualTo(Status.NOT_CHECKED);
        assertThat(outcome.reasons()).anyMatch(r -> r.contains("not tagged web-bot-auth"));
    }

    @Test
    void theLegacyVectorsExpireAnHourAfterCreation() throws Exception {
        for (Vector vector : draftLegacyVectors()) {
            assertThat(check(vector, vector.request(), Instant.ofEpochSecond(1735693200L))
                            .status())
                    .isEqualTo(Status.VALID);
            WebBotAuth.Outcome late = check(vector, vector.request(), Instant.ofEpochSecond(1735693201L));
            assertThat(late.status()).isEqualTo(Status.FAILED);
            assertThat(late.reasons()).anyMatch(r -> r.contains("expired"));
        }
    }

    @Test
    void aChangedSignatureAgentFails() throws Exception {
        Vector dictionary = cloudflareVectors().get(3);
        Vector legacy = draftLegacyVectors().get(1);

        SignedRequest other = dictionary.request(
                Map.of("Signature-Agent", "agent2=\"https://impostor.test\""), "https://example.com/path/to/resource");
        SignedRequest otherLegacy = legacy.request(
                Map.of("Signature-Agent", "\"https://impostor.test\""), "https://example.com/path/to/resource");

        assertThat(check(dictionary, other, AN_HOUR_AFTER_CREATION).status()).isEqualTo(Status.FAILED);
        assertThat(check(legacy, otherLegacy, AN_HOUR_AFTER_CREATION.minusSeconds(1800))
                        .status())
                .isEqualTo(Status.FAILED);
    }

    @Test
    void aSignatureAgentTheSignatureDoesNotCoverFails() throws Exception {
        Vector authorityOnly = cloudflareVectors().get(2);
        SignedRequest withAgent = authorityOnly.request(
                Map.of("Signature-Agent", "sig1=\"https://signature-agent.test\""),
                "https://example.com/path/to/resource");

        WebBotAuth.Outcome outcome = check(authorityOnly, withAgent, AN_HOUR_AFTER_CREATION);

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.reasons()).anyMatch(r -> r.contains("does not cover the Signature-Agent"));
    }

    @Test
    void theAgentLookedUpIsTheCoveredMember() throws Exception {
        Vector dictionary = cloudflareVectors().get(3);
        List<Optional<String>> asked = new ArrayList<>();
        KeyDirectorySnapshot directory = dictionary.directory();

        webBotAuth.check(dictionary.request(), AN_HOUR_AFTER_CREATION, (keyid, agent) -> {
            asked.add(agent);
            return directory.key(keyid);
        });

        assertThat(asked).containsExactly(Optional.of("https://signature-agent.test"));
    }

    @Test
    void anAlgorithmOtherThanTheKeysFails() throws Exception {
        Vector ed25519 = cloudflareVectors().get(2);
        String claimsRsa = ed25519.signatureInput().replace("alg=\"ed25519\"", "alg=\"rsa-pss-sha512\"");
        SignedRequest request =
                ed25519.request(Map.of("Signature-Input", claimsRsa), "https://example.com/path/to/resource");

        assertThat(check(ed25519, request, AN_HOUR_AFTER_CREATION).status()).isEqualTo(Status.FAILED);
    }

    @Test
    void aRequestWithoutSignatureIsNotChecked() throws Exception {
        SignedRequest plain = SignedRequest.of("GET", "example.com", "/", Map.of());

        assertThat(webBotAuth
                        .check(plain, AN_HOUR_AFTER_CREATION, (k, a) -> Optional.empty())
                        .status())
                .isEqualTo(Status.NOT_CHECKED);
    }

    @Test
    void malformedSignatureFieldsFail() throws Exception {
        Vector vector = cloudflareVectors().get(0);
        SignedRequest garbled =
                vector.request(Map.of("Signature", "sig1=not-bytes"), "https://example.com/path/to/resource");

        assertThat(check(vector, garbled, AN_HOUR_AFTER_CREATION).status()).isEqualTo(Status.FAILED);
    }

    @Test
    void theRfc9421ExampleIsNotAWebBotAuthSignature() throws Exception {
        WebBotAuth.Outcome outcome = webBotAuth.check(
                MessageSignatureTest.testRequest(Map.of()),
                Instant.ofEpochSecond(1618884473L),
                (keyid, agent) -> Optional.empty());

        assertThat(outcome.status()).isEqualTo(Status.NOT_CHECKED);
    }
}
