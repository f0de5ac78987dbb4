package org.termsguard.ingest.accesslogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CombinedLogTest {

    private static final LogFormat COMBINED = LogFormat.of(LogFormat.Name.COMBINED);

    @Test
    void readsApachesCommonSample() throws Exception {
        LogLine line = Samples.read(LogFormat.of(LogFormat.Name.COMMON), "apache-common.log")
                .get(0);
        assertThat(line.clientIp()).isEqualTo("127.0.0.1");
        assertThat(line.time()).isEqualTo(Instant.parse("2000-10-10T20:55:36Z"));
        assertThat(line.method()).isEqualTo("GET");
        assertThat(line.path()).isEqualTo("/apache_pb.gif");
        assertThat(line.status()).isEqualTo(200);
        assertThat(line.bytes()).isEqualTo(2326L);
        assertThat(line.userAgent()).isNull();
        assertThat(line.referer()).isNull();
    }

    @Test
    void readsApachesCombinedSample() throws Exception {
        LogLine line = Samples.read(COMBINED, "apache-combined.log").get(0);
        assertThat(line.clientIp()).isEqualTo("127.0.0.1");
        assertThat(line.time()).isEqualTo(Instant.parse("2000-10-10T20:55:36Z"));
        assertThat(line.path()).isEqualTo("/apache_pb.gif");
        assertThat(line.bytes()).isEqualTo(2326L);
        assertThat(line.referer()).isEqualTo("http://www.example.com/start.html");
        assertThat(line.userAgent()).isEqualTo("Mozilla/4.08 [en] (Win98; I ;Nav)");
    }

    @Test
    void readsVhostCombinedAfterItsVirtualHost() throws Exception {
        LogLine line = Samples.read(LogFormat.of(LogFormat.Name.VHOST_COMBINED), "apache-vhost_combined.log")
                .get(0);
        assertThat(line.clientIp()).isEqualTo("127.0.0.1");
        assertThat(line.path()).isEqualTo("/apache_pb.gif");
        assertThat(line.bytes()).isEqualTo(2326L);
        assertThat(line.userAgent()).isEqualTo("Mozilla/4.08 [en] (Win98; I ;Nav)");
    }

    @Test
    void readsWhatNginxWroteIncludingItsHexEscapes() throws Exception {
        List<LogLine> lines = Samples.read(COMBINED, "nginx-combined.log");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).path()).isEqualTo("/index.html?page=2");
        assertThat(lines.get(0).time()).isEqualTo(Instant.parse("2026-12-02T00:23:59Z"));
        assertThat(lines.get(0).userAgent()).contains("GPTBot/1.2");
        assertThat(lines.get(0).bytes()).isEqualTo(6L);
        assertThat(lines.get(1).status()).isEqualTo(404);
        assertThat(lines.get(1).referer()).isEqualTo("https://example.com/start");
        assertThat(lines.get(2).userAgent()).isEqualTo("say \"hi\" \\ backslash");
    }

    @Test
    void keepsTheWholeForwardedForListApacheLogsInPlaceOfTheHost() throws Exception {
        // LogFormat "%{X-Forwarded-For}i %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\"" behind two proxies.
        LogLine line = new CombinedLog(false)
                .read("203.0.113.9, 10.0.0.3 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5 \"-\" \"x\"")
                .orElseThrow();
        assertThat(line.clientIp()).isEqualTo("203.0.113.9, 10.0.0.3");
        assertThat(TrustedProxies.DEFAULT.clientOf(line.clientIp(), null)).isEqualTo("203.0.113.9");
    }

    @Test
    void decodesNginxEscapedUtf8AsOneCharacter() throws Exception {
        LogLine line = new CombinedLog(false)
                .read("192.0.2.1 - - [01/Jun/2023:00:00:01 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"caf\\xC3\\xA9\"")
                .orElseThrow();
        assertThat(line.userAgent()).isEqualTo("café");
    }

    @Test
    void readsIpv6ClientsAndMissingSizes() throws Exception {
        LogLine line = new CombinedLog(false)
                .read("2001:db8::8a2e:370:7334 - - [01/Jun/2023:12:00:00 +0200] \"HEAD /robots.txt HTTP/2.0\" 304 -"
                        + " \"-\" \"CCBot/2.0 (https://commoncrawl.org/faq/)\"")
                .orElseThrow();
        assertThat(line.clientIp()).isEqualTo("2001:db8::8a2e:370:7334");
        assertThat(line.method()).isEqualTo("HEAD");
        assertThat(line.bytes()).isNull();
        assertThat(line.time()).isEqualTo(Instant.parse("2023-06-01T10:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            garbage                                                                                   | missing identity
            1.2.3.4 - - [01/Jun/2023:12:00:00 +0000] "GET / HTTP/1.1" abc 10 "-" "-"                 | status 'abc' is not a number
            1.2.3.4 - - [31/Foo/2023:12:00:00 +0000] "GET / HTTP/1.1" 200 10 "-" "-"                 | is not dd/MMM/yyyy:HH:mm:ss
            1.2.3.4 - - [01/Jun/2023:12:00:00 +0000] "\\x16\\x03\\x01" 400 0 "-" "-"                  | is not 'METHOD /path PROTOCOL'
            1.2.3.4 - - [01/Jun/2023:12:00:00 +0000] "GET / HTTP/1.1 200 10                          | unclosed quoted request
            1.2.3.4 - - [01/Jun/2023:12:00:00 +0000                                                  | unclosed [time]
            1.2.3.4 - - [01/Jun/2023:12:00:00 +0000] "GET / HTTP/1.1" 200 -5 "-" "-"                 | is negative
            1.2.3.4 - - [01/Jun/2023:12:00:00 +0000] "GET / HTTP/1.1" 200 99999999999999999999 "-" "-" | is not a number
            1.2.3.4 - - [01/Jun/2023:12:00:00 +0000] "GET / HTTP/1.1" 1000 1 "-" "-"                 | is not an HTTP status
            """)
    void reportsWhyALineCannotBeRead(String line, String reason) {
        assertThatThrownBy(() -> new CombinedLog(false).read(line.strip()))
                .isInstanceOf(UnparseableLine.class)
                .hasMessageContaining(reason);
    }
}
