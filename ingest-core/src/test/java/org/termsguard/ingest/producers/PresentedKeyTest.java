package org.termsguard.ingest.producers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PresentedKeyTest {

    private static final String KEY = "tgk_0123456789abcdef_" + "A".repeat(43);

    @Test
    void readsBearer() throws Exception {
        assertThat(PresentedKey.from("Bearer " + KEY, null)).isEqualTo(KEY);
        assertThat(PresentedKey.from("bearer " + KEY, null)).isEqualTo(KEY);
    }

    @Test
    void readsTheBasicPasswordWhateverTheUser() throws Exception {
        assertThat(PresentedKey.from(basic("fluent-bit:" + KEY), null)).isEqualTo(KEY);
        assertThat(PresentedKey.from(basic(":" + KEY), null)).isEqualTo(KEY);
        // RFC 7617 §2's own example credentials, to pin the split at the first colon.
        assertThat(PresentedKey.from("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", null))
                .isEqualTo("open sesame");
        assertThat(PresentedKey.from(basic("user:pa:ss"), null)).isEqualTo("pa:ss");
    }

    @Test
    void readsFirehosesHeaderWhenThereIsNoAuthorization() throws Exception {
        assertThat(PresentedKey.from(null, KEY)).isEqualTo(KEY);
        assertThat(PresentedKey.from("Bearer " + KEY, "other")).isEqualTo(KEY);
    }

    @Test
    void saysWhatIsWrong() {
        assertThatThrownBy(() -> PresentedKey.from(null, null)).hasMessageContaining("Bearer");
        assertThatThrownBy(() -> PresentedKey.from(null, " ")).hasMessageContaining("X-Amz-Firehose-Access-Key");
        assertThatThrownBy(() -> PresentedKey.from("Digest x", null)).hasMessageContaining("Basic");
        assertThatThrownBy(() -> PresentedKey.from("Basic %%%", null)).hasMessageContaining("base64");
        assertThatThrownBy(() -> PresentedKey.from(basic("nocolon"), null)).hasMessageContaining("':'");
        assertThatThrownBy(() -> PresentedKey.from("Bearer " + "x".repeat(5000), null))
                .hasMessageContaining("too long");
        assertThatThrownBy(() -> PresentedKey.from(null, "x".repeat(5000))).hasMessageContaining("too long");
    }

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
