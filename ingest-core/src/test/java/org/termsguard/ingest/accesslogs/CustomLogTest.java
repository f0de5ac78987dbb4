package org.termsguard.ingest.accesslogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomLogTest {

    /** Apache's own definition of the combined format, from the page its sample line comes from. */
    private static final String APACHE_COMBINED = "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\"";

    private static final String NGINX_XFF = "$remote_addr - $remote_user [$time_local] \"$request\" $status"
            + " $body_bytes_sent \"$http_referer\" \"$http_user_agent\" \"$http_x_forwarded_for\"";
    private static final String NGINX_TIMED = "$remote_addr [$time_iso8601] $msec \"$request_method $request_uri\""
            + " $status $body_bytes_sent $bytes_sent \"$http_user_agent\"";

    @Test
    void readsApachesSampleWithApachesLogFormat() throws Exception {
        LogLine line = Samples.read(Samples.custom(APACHE_COMBINED), "apache-combined.log")
                .get(0);
        assertThat(line.clientIp()).isEqualTo("127.0.0.1");
        assertThat(line.time()).isEqualTo(Instant.parse("2000-10-10T20:55:36Z"));
        assertThat(line.method()).isEqualTo("GET");
        assertThat(line.path()).isEqualTo("/apache_pb.gif");
        assertThat(line.status()).isEqualTo(200);
        assertThat(line.bytes()).isEqualTo(2326L);
        assertThat(line.referer()).isEqualTo("http://www.example.com/start.html");
        assertThat(line.userAgent()).isEqualTo("Mozilla/4.08 [en] (Win98; I ;Nav)");
    }

    @Test
    void readsNginxLinesWithTheirForwardedForHeader() throws Exception {
        List<LogLine> lines = Samples.read(Samples.custom(NGINX_XFF), "nginx-xff.log");
        assertThat(lines).hasSize(3);
        LogLine first = lines.get(0);
        assertThat(first.clientIp()).isEqualTo("127.0.0.1");
        assertThat(first.forwardedFor()).isEqualTo("203.0.113.7, 10.0.0.2");
        assertThat(TrustedProxies.DEFAULT.clientOf(first.clientIp(), first.forwardedFor()))
                .isEqualTo("203.0.113.7");
        assertThat(first.path()).isEqualTo("/index.html?page=2");
        assertThat(first.bytes()).isEqualTo(6L);
        assertThat(first.userAgent()).contains("GPTBot/1.2");
        assertThat(lines.get(1).forwardedFor()).isNull();
        assertThat(lines.get(1).status()).isEqualTo(404);
    }

    @Test
    void readsTheMillisecondsOfMsecAndPrefersTheBodyBytes() throws Exception {
        List<LogLine> lines = Samples.read(Samples.custom(NGINX_TIMED), "nginx-timed.log");
        assertThat(lines.get(0).time()).isEqualTo(Instant.parse("2026-12-02T00:23:59.280Z"));
        assertThat(lines.get(0).method()).isEqualTo("GET");
        assertThat(lines.get(0).path()).isEqualTo("/index.html?page=2");
        assertThat(lines.get(0).bytes()).isEqualTo(6L);
    }

    /** nginx escapes a header's quotes as {@code \x22} (escape=default); a header the request lacked is "-". */
    @Test
    void readsWebBotAuthHeadersNginxLogged() throws Exception {
        LogFormat format = Samples.custom("$remote_addr [$time_local] \"$request\" $status $body_bytes_sent"
                + " \"$http_user_agent\" \"$http_signature_input\" \"$http_signature\" \"$http_signature_agent\"");
        List<LogLine> lines = Samples.readText(
                format,
                "192.0.2.77 [01/Jan/2025:01:00:00 +0000] \"GET /a HTTP/1.1\" 200 5 \"Agent/1.0\""
                        + " \"sig1=(\\x22@authority\\x22);created=1735689600;keyid=\\x22k\\x22\" \"sig1=:AAAA:\""
                        + " \"agent1=\\x22https://agent.example\\x22\"\n"
                        + "192.0.2.78 [01/Jan/2025:01:00:01 +0000] \"GET /b HTTP/1.1\" 200 5 \"Browser/1.0\" \"-\" \"-\""
                        + " \"-\"\n");
        assertThat(lines.get(0).signature())
                .isEqualTo(new LogLine.SignatureHeaders(
                        "sig1=:AAAA:",
                        "sig1=(\"@authority\");created=1735689600;keyid=\"k\"",
                        "agent1=\"https://agent.example\""));
        assertThat(lines.get(1).signature()).isNull();
    }

    @Test
    void refusesLinesThatDoNotMatch() {
        LogFormat format = Samples.custom(APACHE_COMBINED);
        assertThatThrownBy(() -> format.newReader().read("garbage"))
                .isInstanceOf(UnparseableLine.class)
                .hasMessageContaining("does not match the logFormat");
    }

    @Test
    void refusesFormatsThatLogNoTimeOrNoRequest() {
        assertThatThrownBy(() -> LogFormat.of("custom", "%h \"%r\" %>s"))
                .isInstanceOf(LogFormat.Invalid.class)
                .hasMessageContaining("logs no request time");
        assertThatThrownBy(() -> LogFormat.of("custom", "$remote_addr [$time_local] $status"))
                .isInstanceOf(LogFormat.Invalid.class)
                .hasMessageContaining("logs no request");
        assertThatThrownBy(() -> LogFormat.of("custom", "hello world")).isInstanceOf(LogFormat.Invalid.class);
    }
}
