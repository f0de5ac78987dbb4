package org.termsguard.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 9421 itself, on its own example: Appendix B.2.6 (Ed25519 over the test request, key of Appendix B.1.4). */
class MessageSignatureTest {

    /** RFC 9421 Appendix B.1.4, {@code test-key-ed25519}, public part. */
    static final String ED25519_TEST_KEY_SPKI = "MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=";

    /** RFC 9421 Appendix B.2.6, the Signature-Input and Signature under label {@code sig-b26}. */
    static final String B26_INPUT = "sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" "
            + "\"content-length\");created=1618884473;keyid=\"test-key-ed25519\"";

    static final String B26_SIGNATURE =
            "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:";

    /** RFC 9421 Appendix B.2.6, the signature base (line wrapping of RFC 8792 undone). */
    static final String B26_BASE =
            """
            "date": Tue, 20 Apr 2021 02:07:55 GMT
            "@method": POST
            "@path": /foo
            "@authority": example.com
            "content-type": application/json
            "content-length": 18
            "@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length")\
            ;created=1618884473;keyid="test-key-ed25519\"""";

    static PublicKey ed25519TestKey() throws Exception {
        return KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(ED25519_TEST_KEY_SPKI)));
    }

    /** RFC 9421 Appendix B.2, {@code test-request}, with B.2.6's signature fields added. */
    static SignedRequest testRequest(Map<String, String> changes) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Host", "example.com");
        fields.put("Date", "Tue, 20 Apr 2021 02:07:55 GMT");
        fields.put("Content-Type", "application/json");
        fields.put(
                "Content-Digest",
                "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNN"
                        + "yealdVLvRwEmTHWXvJwew==:");
        fields.put("Content-Length", "18");
        fields.put("Signature-Input", B26_INPUT);
        fields.put("Signature", B26_SIGNATURE);
        fields.putAll(changes);
        return SignedRequest.of("POST", URI.create("https://example.com/foo?param=Value&Pet=dog"), lines(fields));
    }

    /** One field line per field; a null value leaves the field out. */
    static Map<String, List<String>> lines(Map<String, String> fields) {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (value != null) {
                lines.put(name, List.of(value));
            }
        });
        return lines;
    }

    static MessageSignature b26() {
        return MessageSignature.parseAll(B26_INPUT, B26_SIGNATURE).get(0);
    }

    @Test
    void buildsTheSignatureBaseOfAppendixB26() throws Exception {
        assertThat(b26().base(testRequest(Map.of()))).isEqualTo(B26_BASE);
    }

    @Test
    void verifiesAppendixB26WithTheTestKeyOfB14() throws Exception {
        MessageSignature signature = b26();

        assertThat(signature.label()).isEqualTo("sig-b26");
        assertThat(signature.keyid()).contains("test-key-ed25519");
        assertThat(signature.verifies(testRequest(Map.of()), ed25519TestKey(), SignatureAlgorithm.ED25519))
                .isTrue();
    }

    @Test
    void aChangedCoveredComponentFails() throws Exception {
        SignedRequest otherDate = testRequest(Map.of("Date", "Tue, 20 Apr 2021 02:07:56 GMT"));
        SignedRequest otherLength = testRequest(Map.of("Content-Length", "19"));

        assertThat(b26().verifies(otherDate, ed25519TestKey(), SignatureAlgorithm.ED25519))
                .isFalse();
        assertThat(b26().verifies(otherLength, ed25519TestKey(), SignatureAlgorithm.ED25519))
                .isFalse();
    }

    @Test
    void aFieldOutsideTheCoveredComponentsDoesNotMatter() throws Exception {
        SignedRequest otherDigest = testRequest(Map.of("Content-Digest", "sha-256=:AAAA:"));

        assertThat(b26().verifies(otherDigest, ed25519TestKey(), SignatureAlgorithm.ED25519))
                .isTrue();
    }

    @Test
    void aMissingCoveredFieldFails() throws Exception {
        Map<String, String> withoutDate = new LinkedHashMap<>();
        withoutDate.put("Date", null);

        assertThat(b26().verifies(testRequest(withoutDate), ed25519TestKey(), SignatureAlgorithm.ED25519))
                .isFalse();
    }

    @Test
    void anotherKeyFails() throws Exception {
        PublicKey other =
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        PublicKey rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();

        assertThat(b26().verifies(testRequest(Map.of()), other, SignatureAlgorithm.ED25519))
                .isFalse();
        assertThat(b26().verifies(testRequest(Map.of()), rsa, SignatureAlgorithm.ED25519))
                .isFalse();
    }

    @Test
    void aSignatureInputWithoutItsSignatureIsMalformed() {
        assertThatThrownBy(() -> MessageSignature.parseAll(B26_INPUT, "other=:AAAA:"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageSignature.parseAll("sig1=\"not an inner list\"", "sig1=:AAAA:"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageSignature.parseAll("sig1=(\"@authority\"", "sig1=:AAAA:"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
