package org.termsguard.alert.deliveries;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseExcerptTest {

    @Test
    void keepsTheStartUpToTheBoundAndAsksForNoMore() {
        ResponseExcerpt excerpt = new ResponseExcerpt(8);
        assertThat(excerpt.add("quota ".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(excerpt.add("exceeded".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(excerpt.cut()).isTrue();
        assertThat(excerpt.text()).isEqualTo("quota ex…");
    }

    @Test
    void aBodyWithinTheBoundIsKeptWhole() {
        ResponseExcerpt excerpt = new ResponseExcerpt(8192);
        excerpt.add("{\"error\":\"bad\"}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(excerpt.cut()).isFalse();
        assertThat(excerpt.text()).isEqualTo("{\"error\":\"bad\"}");
        assertThat(new ResponseExcerpt(8192).text()).isEmpty();
    }

    @Test
    void controlCharactersAndBrokenUtf8BecomeStorableText() {
        ResponseExcerpt excerpt = new ResponseExcerpt(6);
        // NUL, which PostgreSQL text refuses, and "é" cut in half by the bound.
        excerpt.add(new byte[] {'a', 0, 'b', '\r', 'c', (byte) 0xC3, (byte) 0xA9});
        assertThat(excerpt.text()).isEqualTo("a b c\uFFFD…").doesNotContain("\u0000");
    }
}
