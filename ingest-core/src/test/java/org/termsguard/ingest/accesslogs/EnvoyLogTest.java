package org.termsguard.ingest.accesslogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvoyLogTest {

    private static final LogFormat ENVOY = LogFormat.of(LogFormat.Name.ENVOY);

    @Test
    void readsEnvoysDefaultFormatExample() throws Exception {
        LogLine line = Samples.read(ENVOY, "envoy-default.log").get(0);
        assertThat(line.time()).isEqualTo(Instant.parse("2016-04-15T20:17:00.310Z"));
        assertThat(line.method()).isEqualTo("POST");
        assertThat(line.path()).isEqualTo("/api/v1/locations");
        assertThat(line.status()).isEqualTo(204);
        assertThat(line.bytes()).isZero();
        assertThat(line.userAgent()).isEqualTo("nsq2http");
        // Envoy's default logs no peer: the client comes from X-Forwarded-For alone.
        assertThat(line.clientIp()).isNull();
        assertThat(line.forwardedFor()).isEqualTo("10.0.35.28");
        assertThat(TrustedProxies.DEFAULT.clientOf(line.clientIp(), line.forwardedFor()))
                .isEqualTo("10.0.35.28");
    }

    @Test
    void readsIstiosLongerDefaultWithTheDownstreamPeer() throws Exception {
        List<LogLine> lines = Samples.read(ENVOY, "envoy-istio.log");
        LogLine sleep = lines.get(0);
        assertThat(sleep.time()).isEqualTo(Instant.parse("2020-11-25T21:26:18.409Z"));
        assertThat(sleep.path()).isEqualTo("/status/418");
        assertThat(sleep.status()).isEqualTo(418);
        assertThat(sleep.bytes()).isEqualTo(135L);
        assertThat(sleep.userAgent()).isEqualTo("curl/7.73.0-DEV");
        assertThat(sleep.clientIp()).isEqualTo("10.44.1.23:46520");
        assertThat(sleep.forwardedFor()).isNull();
        assertThat(TrustedProxies.DEFAULT.clientOf(sleep.clientIp(), null)).isEqualTo("10.44.1.23");
        assertThat(lines.get(1).clientIp()).isEqualTo("10.44.1.23:37652");
    }

    @Test
    void refusesLinesOfAnotherFormat() {
        assertThatThrownBy(() -> ENVOY.newReader()
                        .read(Samples.text("apache-combined.log").strip()))
                .isInstanceOf(UnparseableLine.class);
        assertThatThrownBy(() -> ENVOY.newReader().read("[2016-04-15T20:17:00.310Z] \"GET / HTTP/2\" 200 - 1 2"))
                .hasMessageContaining("has 13 fields");
    }
}
