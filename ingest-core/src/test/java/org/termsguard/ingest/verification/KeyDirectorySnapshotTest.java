package org.termsguard.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyDirectorySnapshotTest {

    private static final String RFC9421_ED25519 =
            "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"not-the-thumbprint\",\"x\":\"JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs\""
                    + ",\"use\":\"sig\",\"nbf\":1712793600,\"exp\":1715385600}";

    private static KeyDirectorySnapshot directory(String keys) {
        return KeyDirectorySnapshot.parse(
                ("{\"keys\":[" + keys + "]}").getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    }

    @Test
    void thumbprintsTheExampleOfRfc8037AppendixA3() throws Exception {
        var jwk = new ObjectMapper()
                .readTree(
                        "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}");

        assertThat(JwkThumbprint.of(jwk)).contains("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    }

    @Test
    void indexesKeysByTheirComputedThumbprintNotTheirKid() {
        KeyDirectorySnapshot directory = directory(RFC9421_ED25519);

        assertThat(directory.key("not-the-thumbprint")).isEmpty();
        DirectoryKey key =
                directory.key("poqkLGiymh_W0uP6PZFw-dvez3QJT5SolqXBCW38r0U").orElseThrow();
        assertThat(key.algorithm()).isEqualTo(SignatureAlgorithm.ED25519);
        assertThat(key.validAt(Instant.ofEpochSecond(1712793600))).isTrue();
        assertThat(key.validAt(Instant.ofEpochSecond(1712793599))).isFalse();
        assertThat(key.validAt(Instant.ofEpochSecond(1715385601))).isFalse();
    }

    @Test
    void leavesOutKeysItCannotUse() {
        KeyDirectorySnapshot directory = directory(
                String.join(
                        ",",
                        RFC9421_ED25519,
                        // RFC 9421 B.1.3's P-256 key: ecdsa is not in the Web Bot Auth profile.
                        "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"qIVYZVLCrPZHGHjP17CTW0_-D9Lfw0EkjqF7xB4FivA\","
                                + "\"y\":\"Mc4nN9LTDOBhfoUeg8Ye9WedFRhnZXZJA12Qp0zZ6F0\"}",
                        "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"tooShort\"}",
                        "{\"kty\":\"RSA\",\"alg\":\"RS256\",\"n\":\"AQAB\",\"e\":\"AQAB\"}",
                        "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"use\":\"enc\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}"));

        assertThat(directory.keys()).hasSize(1);
        assertThat(directory.skipped()).isEqualTo(4);
    }

    @Test
    void theSameDocumentAtTheSameTimeIsTheSameSnapshot() {
        byte[] jwks = ("{\"keys\":[" + RFC9421_ED25519 + "]}").getBytes(StandardCharsets.UTF_8);

        assertThat(KeyDirectorySnapshot.parse(jwks, Instant.EPOCH))
                .isEqualTo(KeyDirectorySnapshot.parse(jwks, Instant.EPOCH));
        assertThat(KeyDirectorySnapshot.parse(jwks, Instant.EPOCH))
                .isNotEqualTo(KeyDirectorySnapshot.parse(jwks, Instant.EPOCH.plusSeconds(1)));
    }

    @Test
    void refusesWhatIsNoKeySet() {
        assertThatThrownBy(() ->
                        KeyDirectorySnapshot.parse("{\"keys\":{}}".getBytes(StandardCharsets.UTF_8), Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyDirectorySnapshot.parse("not json".getBytes(StandardCharsets.UTF_8), Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
