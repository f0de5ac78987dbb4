package org.termsguard.ingest.accesslogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.termsguard.contracts.crawlers.CrawlerRegistry;
import org.termsguard.ingest.events.EventReader;

/** What an attacker, or a broken shipper, uploads: every such line is skipped with a reason and never throws. */
class HostileLogsTest {

    private final AccessLogTranslator translator = new AccessLogTranslator(
            CrawlerRegistry.bundled(),
            PathRules.DEFAULT,
            new EventReader(Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC), Duration.ofMinutes(5)));

    @Test
    void aNulByteInAUserAgentIsRefusedByTheEventRules() throws Exception {
        var result = translate(
                LogFormat.of(LogFormat.Name.COMBINED),
                "203.0.113.7 - - [12/Apr/2023:09:30:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"GPT\u0000Bot\"\n");
        assertThat(result.events()).isEmpty();
        assertThat(result.errors().get(0).reason()).contains("evidence.userAgent must not contain NUL");
        var escaped = translate(
                LogFormat.of(LogFormat.Name.CLOUDFLARE),
                "{\"ClientRequestMethod\":\"GET\",\"ClientRequestURI\":\"/\",\"EdgeResponseStatus\":200,"
                        + "\"EdgeStartTimestamp\":1506702504,\"ClientRequestUserAgent\":\"a\\u0000b\"}\n");
        assertThat(escaped.errors().get(0).reason()).contains("must not contain NUL");
    }

    @Test
    void hugeNumbersAreRefusedNotWrapped() throws Exception {
        var result = translate(
                LogFormat.of(LogFormat.Name.CLOUDFLARE),
                """
                {"ClientRequestMethod":"GET","ClientRequestURI":"/","EdgeResponseStatus":200,"EdgeStartTimestamp":1506702504,"EdgeResponseBytes":99999999999999999999999}
                {"ClientRequestMethod":"GET","ClientRequestURI":"/","EdgeResponseStatus":200,"EdgeStartTimestamp":1506702504,"EdgeResponseBytes":1125899906842625}
                {"ClientRequestMethod":"GET","ClientRequestURI":"/","EdgeResponseStatus":99999999999,"EdgeStartTimestamp":1506702504}
                {"ClientRequestMethod":"GET","ClientRequestURI":"/","EdgeResponseStatus":200,"EdgeStartTimestamp":1e400}
                {"ClientRequestMethod":"GET","ClientRequestURI":"/","EdgeResponseStatus":200,"EdgeStartTimestamp":%s}
                """
                        .formatted("9".repeat(100)));
        assertThat(result.events()).isEmpty();
        assertThat(result.errors())
                .extracting(AccessLogTranslator.LineError::reason)
                .satisfiesExactly(
                        r -> assertThat(r).contains("is not a number"),
                        r -> assertThat(r).contains("volume.bytes must be at most"),
                        r -> assertThat(r).contains("is not a number"),
                        r -> assertThat(r).contains("is not a Unix time"),
                        r -> assertThat(r).contains("beyond the limits"));
    }

    @Test
    void overLongLinesAreSkippedAndTheRestIsRead() throws Exception {
        String good = Samples.text("apache-combined.log");
        var result = translate(LogFormat.of(LogFormat.Name.COMBINED), "x".repeat(40_000) + "\n" + good);
        assertThat(result.events()).hasSize(1);
        assertThat(result.errors().get(0).reason()).contains("longer than " + AccessLogTranslator.MAX_LINE);
    }

    @Test
    void aFieldsDirectiveOfTenThousandColumnsIsRefusedUntilTheNextOne() throws Exception {
        String fields = IntStream.range(0, 10_000).mapToObj(i -> "f").collect(Collectors.joining(" "));
        String log = "#Fields: " + fields + "\n"
                + "2014-01-01 02:01:09 GET / 200\n"
                + "#Fields: date time cs-method cs-uri-stem sc-status\n"
                + "2014-01-01 02:01:09 GET / 200\n";
        var result = translate(LogFormat.of(LogFormat.Name.W3C), log);
        assertThat(result.errors())
                .extracting(AccessLogTranslator.LineError::line)
                .containsExactly(1, 2);
        assertThat(result.errors().get(0).reason()).contains("more than 256 fields");
        assertThat(result.events()).hasSize(1);
    }

    @Test
    void wrongTypesAreNamed() {
        assertThatThrownBy(() -> LogFormat.of(LogFormat.Name.CADDY)
                        .newReader()
                        .read("{\"ts\":true,\"request\":{\"method\":\"GET\",\"uri\":\"/\"},\"status\":200}"))
                .hasMessageContaining("ts is neither a number nor a string");
        assertThatThrownBy(() -> LogFormat.of(LogFormat.Name.GCP_LB)
                        .newReader()
                        .read("{\"timestamp\":\"2024-01-01T00:00:00Z\",\"httpRequest\":{\"requestMethod\":\"GET\","
                                + "\"requestUrl\":\"/\",\"status\":\"OK\"}}"))
                .hasMessageContaining("status 'OK' is not a number");
        assertThatThrownBy(() ->
                        LogFormat.of(LogFormat.Name.CLOUDFLARE).newReader().read("\"just a string\""))
                .hasMessageContaining("not a JSON object");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
        assertThatThrownBy(() -> LogFormat.of(LogFormat.Name.CADDY).newReader().read(deep))
                .hasMessageContaining("beyond the limits");
    }

    @Test
    @Timeout(10)
    void aHostileLineCostsTheCustomParserLittle() throws Exception {
        LogFormat format = Samples.custom("%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\"");
        String prefix = "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"";
        String quotes = prefix + "\" 200 1 \"".repeat(800);
        String spaces = prefix + "GET /" + " 200 1 ".repeat(1000) + " HTTP/1.1\" 200 1 \"- -\" \""
                + "a \\\" ".repeat(300) + "\"";
        String long_ = prefix + "x".repeat(9000) + "\" 200 1 \"-\" \"-\"";
        var result = translate(format, (quotes + "\n" + spaces + "\n" + long_ + "\n").repeat(50));
        assertThat(result.skipped() + result.events().size()).isEqualTo(150);
        assertThat(result.errors().get(0).reason()).contains("unescaped quotes");
        assertThat(result.errors().get(2).reason()).contains("longer than 8192");
    }

    /** Seeded random bytes in every format: each line becomes an event or an error, and nothing escapes. */
    @ParameterizedTest
    @EnumSource(value = LogFormat.Name.class, names = "CUSTOM", mode = EnumSource.Mode.EXCLUDE)
    void randomBytesNeverEscape(LogFormat.Name name) throws Exception {
        Random random = new Random(18);
        String samples = Samples.text("apache-combined.log")
                + Samples.text("cloudfront-standard.log")
                + Samples.text("caddy-access.ndjson")
                + Samples.text("alb-access.log");
        for (int round = 0; round < 200; round++) {
            StringBuilder log = new StringBuilder(samples);
            for (int i = 0; i < 20; i++) {
                int at = random.nextInt(log.length());
                log.setCharAt(at, (char) random.nextInt(0x80));
            }
            var result = translate(LogFormat.of(name), log.toString());
            assertThat(result.events().size() + result.skipped()).isPositive();
        }
    }

    private AccessLogTranslator.Translation translate(LogFormat format, String log) throws Exception {
        return translator.translate("x-corp", "https://x.example", format, new StringReader(log));
    }
}
