package org.termsguard.ingest.accesslogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.termsguard.ingest.accesslogs.AccessLogParser.Format;
import org.termsguard.ingest.accesslogs.AccessLogParser.UnparseableLine;

class AccessLogParserTest {

    private final AccessLogParser parser = new AccessLogParser();

    @Test
    void readsAnNginxCombinedLine() throws Exception {
        LogLine line = parser.parse(
                "203.0.113.7 - - [12/Apr/2023:09:30:00 +0000] \"GET /r/programming/comments/abc123/ HTTP/1.1\" 200 5124"
                        + " \"-\" \"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2;"
                        + " +https://openai.com/gptbot)\"",
                Format.COMBINED);
        assertThat(line.clientIp()).isEqualTo("203.0.113.7");
        assertThat(line.time()).isEqualTo(Instant.parse("2023-04-12T09:30:00Z"));
        assertThat(line.method()).isEqualTo("GET");
        assertThat(line.path()).isEqualTo("/r/programming/comments/abc123/");
        assertThat(line.status()).isEqualTo(200);
        assertThat(line.bytes()).isEqualTo(5124L);
        assertThat(line.referer()).isNull();
        assertThat(line.userAgent()).contains("GPTBot/1.2");
    }

    @Test
    void convertsTheLoggedTimeZoneToUtc() throws Exception {
        LogLine line = parser.parse(
                "198.51.100.2 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326"
                        + " \"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"",
                Format.COMBINED);
        assertThat(line.time()).isEqualTo(Instant.parse("2000-10-10T20:55:36Z"));
        assertThat(line.referer()).isEqualTo("http://www.example.com/start.html");
        assertThat(line.userAgent()).isEqualTo("Mozilla/4.08 [en] (Win98; I ;Nav)");
    }

    @Test
    void keepsEscapedQuotesInsideQuotedFields() throws Exception {
        LogLine apache = parser.parse(
                "192.0.2.1 - - [01/Jun/2023:00:00:01 +0000] \"GET /search?q=%22x%22 HTTP/1.1\" 200 10 \"-\""
                        + " \"Weird \\\"quoted\\\" agent/1.0\"",
                Format.COMBINED);
        assertThat(apache.userAgent()).isEqualTo("Weird \"quoted\" agent/1.0");

        LogLine nginx = parser.parse(
                "192.0.2.1 - - [01/Jun/2023:00:00:01 +0000] \"GET / HTTP/1.1\" 200 10 \"-\" \"say \\x22hi\\x22\"",
                Format.COMBINED);
        assertThat(nginx.userAgent()).isEqualTo("say \"hi\"");
    }

    @Test
    void readsIpv6ClientsAndMissingSizes() throws Exception {
        LogLine line = parser.parse(
                "2001:db8::8a2e:370:7334 - - [01/Jun/2023:12:00:00 +0200] \"HEAD /robots.txt HTTP/2.0\" 304 -"
                        + " \"-\" \"CCBot/2.0 (https://commoncrawl.org/faq/)\"",
                Format.COMBINED);
        assertThat(line.clientIp()).isEqualTo("2001:db8::8a2e:370:7334");
        assertThat(line.method()).isEqualTo("HEAD");
        assertThat(line.bytes()).isNull();
        assertThat(line.time()).isEqualTo(Instant.parse("2023-06-01T10:00:00Z"));
    }

    @Test
    void acceptsTheCommonFormatWithoutRefererAndUserAgent() throws Exception {
        LogLine line = parser.parse(
                "127.0.0.1 - - [01/Jun/2023:12:00:00 +0000] \"GET /index.html HTTP/1.1\" 200 512", Format.COMBINED);
        assertThat(line.userAgent()).isNull();
        assertThat(line.referer()).isNull();
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
            """)
    void reportsWhyALineCannotBeRead(String line, String reason) {
        assertThatThrownBy(() -> parser.parse(line.strip(), Format.COMBINED))
                .isInstanceOf(UnparseableLine.class)
                .hasMessageContaining(reason);
    }

    @Test
    void readsNginxJsonLines() throws Exception {
        LogLine line = parser.parse(
                "{\"time\":\"2023-04-12T09:30:00+00:00\",\"remote_addr\":\"203.0.113.9\","
                        + "\"request\":\"GET /api/v1/posts HTTP/1.1\",\"status\":\"200\",\"body_bytes_sent\":\"812\","
                        + "\"http_referer\":\"\",\"http_user_agent\":\"ClaudeBot/1.0\"}",
                Format.JSON);
        assertThat(line.path()).isEqualTo("/api/v1/posts");
        assertThat(line.bytes()).isEqualTo(812L);
        assertThat(line.referer()).isNull();
        assertThat(line.userAgent()).isEqualTo("ClaudeBot/1.0");
    }

    @Test
    void readsJsonLinesWithMethodAndPathAndCombinedTime() throws Exception {
        LogLine line = parser.parse(
                "{\"time_local\":\"12/Apr/2023:11:30:00 +0200\",\"method\":\"GET\",\"path\":\"/feed\",\"status\":200}",
                Format.JSON);
        assertThat(line.time()).isEqualTo(Instant.parse("2023-04-12T09:30:00Z"));
        assertThat(line.clientIp()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            not json                                                         | not a JSON object
            [1,2]                                                            | not a JSON object
            {"request":"GET / HTTP/1.1"}                                     | no time
            {"time":"yesterday","request":"GET / HTTP/1.1"}                  | neither RFC 3339
            {"time":"2023-04-12T09:30:00Z"}                                  | no request
            """)
    void reportsWhyAJsonLineCannotBeRead(String line, String reason) {
        assertThatThrownBy(() -> parser.parse(line.strip(), Format.JSON))
                .isInstanceOf(UnparseableLine.class)
                .hasMessageContaining(reason);
    }

    @Test
    void refusesAbsurdlyLongLines() {
        assertThatThrownBy(() -> parser.parse("x".repeat(20_000), Format.COMBINED))
                .hasMessageContaining("longer than");
    }
}
