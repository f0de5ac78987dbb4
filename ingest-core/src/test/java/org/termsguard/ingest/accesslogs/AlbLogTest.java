package org.termsguard.ingest.accesslogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlbLogTest {

    private static final LogFormat ALB = LogFormat.of(LogFormat.Name.ALB);

    @Test
    void readsAwssExampleEntries() throws Exception {
        List<LogLine> lines = Samples.read(ALB, "alb-access.log");
        assertThat(lines).hasSize(5);

        LogLine http = lines.get(0);
        assertThat(http.clientIp()).isEqualTo("192.168.131.39:2817");
        assertThat(TrustedProxies.none().clientOf(http.clientIp(), null)).isEqualTo("192.168.131.39");
        // request_creation_time: when the balancer received the request.
        assertThat(http.time()).isEqualTo(Instant.parse("2018-07-02T22:22:48.364Z"));
        assertThat(http.method()).isEqualTo("GET");
        assertThat(http.path()).isEqualTo("/");
        assertThat(http.status()).isEqualTo(200);
        assertThat(http.bytes()).isEqualTo(366L);
        assertThat(http.userAgent()).isEqualTo("curl/7.46.0");

        assertThat(lines.get(1).bytes()).isEqualTo(57L);
        assertThat(lines.get(2).clientIp()).isEqualTo("10.0.1.252:48160");
        assertThat(lines.get(2).bytes()).isEqualTo(257L);
        assertThat(lines.get(3).status()).isEqualTo(101);
        assertThat(lines.get(3).userAgent()).isNull();
        assertThat(lines.get(4).status()).isEqualTo(502);
    }

    @Test
    void keepsThePathAndQueryOfTheLoggedUrl() throws Exception {
        LogLine line = ALB.newReader()
                .read("https 2018-07-02T22:23:00.186641Z app/lb/1 203.0.113.5:1 10.0.0.1:80 0 0 0 200 200 1 2"
                        + " \"GET https://www.example.com:443/a/b?c=d HTTP/1.1\" \"GPTBot/1.2\"")
                .orElseThrow();
        assertThat(line.path()).isEqualTo("/a/b?c=d");
        assertThat(line.time()).isEqualTo(Instant.parse("2018-07-02T22:23:00.186641Z"));
    }

    @Test
    void refusesTruncatedEntries() {
        assertThatThrownBy(() -> ALB.newReader().read("http 2018-07-02T22:23:00.186641Z app/lb/1 1.2.3.4:5"))
                .isInstanceOf(UnparseableLine.class)
                .hasMessageContaining("at least 14 fields");
    }
}
