package org.termsguard.ingest.accesslogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LogFormatTest {

    @ParameterizedTest
    @EnumSource(value = LogFormat.Name.class, names = "CUSTOM", mode = EnumSource.Mode.EXCLUDE)
    void everyNamedFormatIsKnownByItsToken(LogFormat.Name name) throws Exception {
        assertThat(LogFormat.of(name.token(), null)).isEqualTo(LogFormat.of(name));
        assertThat(LogFormat.of(name.token().toUpperCase(), "")).isEqualTo(LogFormat.of(name));
        assertThat(LogFormat.of(name).newReader()).isNotNull();
    }

    @Test
    void defaultsToCombined() throws Exception {
        assertThat(LogFormat.of(null, null).name()).isEqualTo(LogFormat.Name.COMBINED);
        assertThat(LogFormat.of(" ", null).name()).isEqualTo(LogFormat.Name.COMBINED);
    }

    @Test
    void onlyJsonFormatsAcceptArrays() {
        assertThat(LogFormat.of(LogFormat.Name.CLOUDFLARE).acceptsJsonArray()).isTrue();
        assertThat(LogFormat.of(LogFormat.Name.GCP_LB).acceptsJsonArray()).isTrue();
        assertThat(LogFormat.of(LogFormat.Name.CADDY).acceptsJsonArray()).isTrue();
        assertThat(LogFormat.of(LogFormat.Name.JSON).acceptsJsonArray()).isTrue();
        assertThat(LogFormat.of(LogFormat.Name.CLOUDFRONT).acceptsJsonArray()).isFalse();
    }

    @Test
    void namesTheParameterAtFault() {
        assertThatThrownBy(() -> LogFormat.of("xml", null))
                .isInstanceOfSatisfying(
                        LogFormat.Invalid.class, e -> assertThat(e.field()).isEqualTo("format"))
                .hasMessageContaining("must be one of combined, common, vhost_combined, json, cloudflare");
        assertThatThrownBy(() -> LogFormat.of("custom", null))
                .isInstanceOfSatisfying(
                        LogFormat.Invalid.class, e -> assertThat(e.field()).isEqualTo("logFormat"))
                .hasMessageContaining("is required with format=custom");
        assertThatThrownBy(() -> LogFormat.of("combined", "%h %t \"%r\""))
                .isInstanceOfSatisfying(
                        LogFormat.Invalid.class, e -> assertThat(e.field()).isEqualTo("logFormat"))
                .hasMessageContaining("only with format=custom");
        assertThatThrownBy(() -> LogFormat.of("custom", "%h %t \"%r\" ".repeat(300)))
                .isInstanceOfSatisfying(
                        LogFormat.Invalid.class, e -> assertThat(e.field()).isEqualTo("logFormat"))
                .hasMessageContaining("at most 2048");
        assertThatThrownBy(() -> LogFormat.of("custom", "%h %t \u0000\"%r\""))
                .isInstanceOfSatisfying(
                        LogFormat.Invalid.class, e -> assertThat(e.field()).isEqualTo("logFormat"))
                .hasMessageContaining("control characters (U+0000)");
    }

    @Test
    void aCustomFormatKeepsItsString() throws Exception {
        LogFormat format = LogFormat.of("custom", "%h %l %u %t \"%r\" %>s %b");
        assertThat(format.name()).isEqualTo(LogFormat.Name.CUSTOM);
        assertThat(format.logFormat()).isEqualTo("%h %l %u %t \"%r\" %>s %b");
        assertThatThrownBy(() -> new LogFormat(LogFormat.Name.CUSTOM, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
