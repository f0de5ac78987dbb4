package org.termsguard.alert.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final SecretCipher CIPHER = SecretCipher.fromBase64(KEY);

    @ParameterizedTest
    @ValueSource(strings = {"s3cret", "", "ünïcödé 🔑", "with\u0000nul", "tgs1:looks-sealed-but-is-not"})
    void sealedSecretsOpenToWhatWasSealedAndNeverShowIt(String secret) {
        String sealed = CIPHER.seal(secret, "x-corp");
        assertThat(sealed).startsWith(SecretCipher.PREFIX);
        if (!secret.isEmpty()) {
            assertThat(sealed).doesNotContain(secret);
        }
        assertThat(CIPHER.open(sealed, "x-corp")).isEqualTo(secret);
    }

    @Test
    void aHugeSecretRoundTrips() {
        String secret = "k".repeat(1_000_000);
        assertThat(CIPHER.open(CIPHER.seal(secret, "x-corp"), "x-corp")).isEqualTo(secret);
    }

    @Test
    void everySealingTakesAFreshNonce() {
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String sealed = CIPHER.seal("same", "x-corp");
            byte[] raw = Base64.getUrlDecoder().decode(sealed.substring(SecretCipher.PREFIX.length()));
            assertThat(raw).hasSize(12 + 4 + 16);
            nonces.add(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw, 12)));
        }
        assertThat(nonces).hasSize(1000);
    }

    @Test
    void plaintextFromBeforeSealingIsReadAsItIs() {
        assertThat(CIPHER.open("legacy-plain-secret", "x-corp")).isEqualTo("legacy-plain-secret");
        assertThat(CIPHER.open(null, "x-corp")).isNull();
        assertThat(CIPHER.seal(null, "x-corp")).isNull();
        assertThat(SecretCipher.isSealed("legacy-plain-secret")).isFalse();
    }

    @Test
    void aSealedSecretDoesNotOpenForAnotherOwnerWithAnotherKeyOrWhenAltered() {
        String sealed = CIPHER.seal("s3cret", "x-corp");
        assertThatThrownBy(() -> CIPHER.open(sealed, "reddit")).isInstanceOf(IllegalArgumentException.class);

        byte[] other = new byte[32];
        other[0] = 1;
        assertThatThrownBy(() -> new SecretCipher(other).open(sealed, "x-corp"))
                .isInstanceOf(IllegalArgumentException.class);

        char last = sealed.charAt(sealed.length() - 2);
        String altered = sealed.substring(0, sealed.length() - 2)
                + (last == 'A' ? 'B' : 'A')
                + sealed.charAt(sealed.length() - 1);
        assertThatThrownBy(() -> CIPHER.open(altered, "x-corp")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CIPHER.open(SecretCipher.PREFIX + "AAAA", "x-corp"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CIPHER.open(SecretCipher.PREFIX + "not base64!", "x-corp"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not base64!", "AAAA"})
    void aKeyThatIsMissingMalformedOrTheWrongSizeIsRefused(String key) {
        assertThatThrownBy(() -> SecretCipher.fromBase64(key)).isInstanceOf(IllegalArgumentException.class);
    }
}
