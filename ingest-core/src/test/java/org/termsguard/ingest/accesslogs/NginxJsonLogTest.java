package org.termsguard.ingest.accesslogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NginxJsonLogTest {

    private static final LogFormat JSON = LogFormat.of(LogFormat.Name.JSON);

    @Test
    void readsWhatNginxWroteWithEscapeJson() throws Exception {
        List<LogLine> lines = Samples.read(JSON, "nginx-json.log");
        assertThat(lines).hasSize(3);
        LogLine first = lines.get(0);
        assertThat(first.clientIp()).isEqualTo("127.0.0.1");
        assertThat(first.time()).isEqualTo(Instant.parse("2026-12-02T00:23:59Z"));
        assertThat(first.method()).isEqualTo("GET");
        assertThat(first.path()).isEqualTo("/index.html?page=2");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.bytes()).isEqualTo(6L);
        assertThat(first.referer()).isNull();
        assertThat(first.userAgent()).contains("GPTBot/1.2");
        assertThat(lines.get(1).referer()).isEqualTo("https://example.com/start");
        assertThat(lines.get(2).userAgent()).isEqualTo("say \"hi\" \\ backslash");
    }

    @Test
    void readsMethodAndPathAndNcsaTime() throws Exception {
        LogLine line = new NginxJsonLog()
                .read(LogJson.parse(
                        "{\"time_local\":\"12/Apr/2023:11:30:00 +0200\",\"method\":\"GET\",\"path\":\"/feed\",\"status\":200,"
                                + "\"http_x_forwarded_for\":\"203.0.113.5\"}"));
        assertThat(line.time()).isEqualTo(Instant.parse("2023-04-12T09:30:00Z"));
        assertThat(line.clientIp()).isNull();
        assertThat(line.forwardedFor()).isEqualTo("203.0.113.5");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            not json                                                         | not a JSON object
            [1,2]                                                            | not a JSON object
            {"request":"GET / HTTP/1.1"}                                     | no time
            {"time":"yesterday","request":"GET / HTTP/1.1"}                  | is not RFC 3339
            {"time":"2023-04-12T09:30:00Z"}                                  | no request
            """)
    void reportsWhyAJsonLineCannotBeRead(String line, String reason) {
        assertThatThrownBy(() -> JSON.newReader().read(line.strip()))
                .isInstanceOf(UnparseableLine.class)
                .hasMessageContaining(reason);
    }
}
