package org.termsguard.ingest.accesslogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CaddyLogTest {

    private static final LogFormat CADDY = LogFormat.of(LogFormat.Name.CADDY);

    @Test
    void readsCaddysDocumentedAccessLogEntry() throws Exception {
        LogLine line = Samples.read(CADDY, "caddy-access.ndjson").get(0);
        // ts is a float of seconds; read as a decimal, not a double, it keeps every digit Caddy wrote.
        assertThat(line.time()).isEqualTo(Instant.ofEpochSecond(1646861401L, 524102400L));
        assertThat(line.clientIp()).isEqualTo("127.0.0.1");
        assertThat(line.method()).isEqualTo("GET");
        assertThat(line.path()).isEqualTo("/");
        assertThat(line.status()).isEqualTo(200);
        assertThat(line.bytes()).isEqualTo(10900L);
        assertThat(line.userAgent()).isEqualTo("curl/7.82.0");
        assertThat(line.forwardedFor()).isNull();
    }

    @Test
    void readsOtherTimeFormatsAndTheForwardedForHeader() throws Exception {
        LogLine line = CADDY.newReader()
                .read("{\"ts\":\"2022-03-09T21:30:01.524Z\",\"request\":{\"remote_ip\":\"10.0.0.9\",\"method\":\"GET\","
                        + "\"uri\":\"/a?b\",\"headers\":{\"X-Forwarded-For\":[\"198.51.100.1, 10.0.0.8\"]}},"
                        + "\"status\":404,\"size\":0}")
                .orElseThrow();
        assertThat(line.time()).isEqualTo(Instant.parse("2022-03-09T21:30:01.524Z"));
        assertThat(TrustedProxies.DEFAULT.clientOf(line.clientIp(), line.forwardedFor()))
                .isEqualTo("198.51.100.1");
        LogLine millis = CADDY.newReader()
                .read("{\"ts\":1646861401524.1024,\"request\":{\"method\":\"GET\",\"uri\":\"/\"},\"status\":200}")
                .orElseThrow();
        assertThat(millis.time()).isEqualTo(Instant.ofEpochSecond(1646861401L, 524102400L));
    }

    @Test
    void refusesEntriesOfOtherLoggers() {
        assertThatThrownBy(
                        () -> CADDY.newReader()
                                .read(
                                        "{\"level\":\"info\",\"ts\":1646861401.5,\"logger\":\"tls\",\"msg\":\"certificate obtained\"}"))
                .hasMessageContaining("no request");
    }
}
