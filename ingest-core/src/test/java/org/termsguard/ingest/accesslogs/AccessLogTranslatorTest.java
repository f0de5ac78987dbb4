package org.termsguard.ingest.accesslogs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.termsguard.contracts.crawlers.CrawlerRegistry;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.Channel;
import org.termsguard.contracts.events.Identity;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.ingest.events.EventReader;

class AccessLogTranslatorTest {

    private static final String GPTBOT =
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)";

    private final AccessLogTranslator translator =
            new AccessLogTranslator(CrawlerRegistry.bundled(), PathRules.DEFAULT);

    @Test
    void knownCrawlerBecomesACrawlerEventWithConsumerAndPurpose() throws Exception {
        var result =
                translate("203.0.113.7 - - [12/Apr/2023:09:30:00 +0000] \"GET /r/pics/ HTTP/1.1\" 200 5124 \"-\" \""
                        + GPTBOT + "\"\n");
        AccessEvent event = result.events().get(0);
        assertThat(event.channel()).isEqualTo(Channel.CRAWLER);
        assertThat(event.consumer()).isEqualTo("openai");
        assertThat(event.purpose()).isEqualTo(Purpose.AI_TRAIN);
        assertThat(event.resource().uri()).isEqualTo("https://www.reddit.com/r/pics/");
        assertThat(event.evidence().identity()).isEqualTo(Identity.CLAIMED);
        assertThat(event.evidence().clientIp()).isEqualTo("203.0.113.7");
        assertThat(event.volume().records()).isEqualTo(1L);
        assertThat(event.volume().bytes()).isEqualTo(5124L);
        assertThat(event.key()).isEqualTo("reddit/openai");
    }

    @Test
    void otherTrafficIsFeedOrApiByPathWithoutConsumer() throws Exception {
        var result = translate(
                """
                198.51.100.4 - - [12/Apr/2023:09:30:00 +0000] "GET /r/news/.rss HTTP/1.1" 200 90 "-" "FeedFetcher/3.1"
                198.51.100.4 - - [12/Apr/2023:09:30:01 +0000] "GET /api/info.json?id=t3_1 HTTP/1.1" 200 90 "-" "python-requests/2.31"
                """);
        assertThat(result.events()).extracting(AccessEvent::channel).containsExactly(Channel.FEED, Channel.API);
        assertThat(result.events()).extracting(AccessEvent::consumer).containsOnlyNulls();
        assertThat(result.events()).extracting(e -> e.resource().kind()).containsExactly("feed", "page");
        assertThat(result.events().get(0).key()).isEqualTo("reddit/?");
    }

    @Test
    void refusedRequestsAreKeptAsAttemptsWithNoRecords() throws Exception {
        var result = translate("203.0.113.7 - - [12/Apr/2023:09:30:00 +0000] \"GET /private HTTP/1.1\" 403 0 \"-\" \""
                + GPTBOT + "\"\n");
        assertThat(result.events().get(0).volume().records()).isZero();
    }

    @Test
    void badLinesAreReportedByNumberAndTheRestIsKept() throws Exception {
        var result = translate(
                """
                203.0.113.7 - - [12/Apr/2023:09:30:00 +0000] "GET /a HTTP/1.1" 200 1 "-" "CCBot/2.0"

                this is not a log line
                203.0.113.7 - - [12/Apr/2023:09:30:01 +0000] "GET /b HTTP/1.1" 200 1 "-" "CCBot/2.0"
                """);
        assertThat(result.events()).hasSize(2);
        assertThat(result.errors()).hasSize(1);
        assertThat(result.errors().get(0).line()).isEqualTo(3);
        assertThat(result.errors().get(0).reason()).contains("missing [time]");
    }

    @Test
    void eventIdsAreStableAcrossUploadsAndDistinctForRepeatedLines() throws Exception {
        String line = "203.0.113.7 - - [12/Apr/2023:09:30:00 +0000] \"GET /a HTTP/1.1\" 200 1 \"-\" \"CCBot/2.0\"\n";
        var first = translate(line + line);
        var again = translate(line + line);
        assertThat(first.events())
                .extracting(AccessEvent::eventId)
                .containsExactlyElementsOf(
                        again.events().stream().map(AccessEvent::eventId).toList())
                .doesNotHaveDuplicates()
                .allMatch(id -> id.matches("log-[0-9a-f]{32}"));
    }

    @Test
    void theClientIsFoundBehindTrustedProxies() throws Exception {
        var result = translator.translate(
                "reddit",
                "https://www.reddit.com",
                Samples.custom("$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
                        + " \"$http_referer\" \"$http_user_agent\" \"$http_x_forwarded_for\""),
                new StringReader(Samples.text("nginx-xff.log")));
        assertThat(result.events())
                .extracting(e -> e.evidence().clientIp())
                .containsExactly("203.0.113.7", "127.0.0.1", "127.0.0.1");
        var untrusting = new AccessLogTranslator(
                CrawlerRegistry.bundled(),
                PathRules.DEFAULT,
                new EventReader(Clock.systemUTC(), Duration.ofMinutes(5)),
                TrustedProxies.none());
        var direct = untrusting.translate(
                "reddit", null, LogFormat.of(LogFormat.Name.ENVOY), new StringReader(Samples.text("envoy-istio.log")));
        assertThat(direct.events())
                .extracting(e -> e.evidence().clientIp())
                .containsExactly("10.44.1.23", "10.44.1.23");
        assertThat(direct.events().get(0).resource().uri()).isEqualTo("/status/418");
    }

    @Test
    void aJsonArrayIsReadElementByElementAndNumberedSo() throws Exception {
        String array = "[" + Samples.text("cloudflare-logpull-default.ndjson").strip() + ", 17, {\"ClientIP\":1},"
                + Samples.text("cloudflare-timestamp-formats.ndjson").split("\n")[2] + "]";
        var result = translator.translate(
                "reddit", "https://www.reddit.com", LogFormat.of(LogFormat.Name.CLOUDFLARE), new StringReader(array));
        assertThat(result.events()).hasSize(2);
        assertThat(result.events().get(0).resource().uri())
                .isEqualTo("https://www.reddit.com/static/img/testimonial-hipster.png");
        assertThat(result.events().get(0).observedAt()).isEqualTo(Instant.ofEpochSecond(1506702504L, 433000200L));
        assertThat(result.events().get(1).evidence().userAgent()).isEqualTo("curl/7.46.0-DEV");
        assertThat(result.errors())
                .extracting(AccessLogTranslator.LineError::line)
                .containsExactly(2, 3);
        assertThat(result.errors().get(0).reason()).contains("not a JSON object");
    }

    @Test
    void aPrettyPrintedExportIsReadAsAnArray() throws Exception {
        var result = translator.translate(
                "x-corp",
                null,
                LogFormat.of(LogFormat.Name.GCP_LB),
                new java.io.ByteArrayInputStream(
                        Samples.text("gcp-export.json").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(result.events()).hasSize(1);
        assertThat(result.events().get(0).volume().bytes()).isEqualTo(157L);
        assertThat(result.events().get(0).evidence().clientIp()).isEqualTo("198.51.100.23");
    }

    @Test
    void whatFollowsTheArrayIsReportedNotDropped() throws Exception {
        String body = "[" + Samples.text("cloudflare-logpull-default.ndjson").strip() + "]\n"
                + Samples.text("cloudflare-logpull-default.ndjson");
        var result =
                translator.translate("reddit", null, LogFormat.of(LogFormat.Name.CLOUDFLARE), new StringReader(body));
        assertThat(result.events()).hasSize(1);
        assertThat(result.errors())
                .extracting(AccessLogTranslator.LineError::reason)
                .containsExactly("more after the JSON array: a body is one array, or one record per line");
    }

    @Test
    void aTruncatedArrayKeepsWhatCameBefore() throws Exception {
        String array = "[" + Samples.text("cloudflare-logpull-default.ndjson").strip() + ", {\"ClientIP\": ";
        var result =
                translator.translate("reddit", null, LogFormat.of(LogFormat.Name.CLOUDFLARE), new StringReader(array));
        assertThat(result.events()).hasSize(1);
        assertThat(result.skipped()).isEqualTo(1);
        assertThat(result.errors().get(0).reason()).contains("not valid JSON");
    }

    @Test
    void anUploadOfOnlyBadLinesReadsNothingAndOnlyTheFirstErrorsAreListed() throws Exception {
        var result = translate("garbage\n".repeat(AccessLogTranslator.MAX_REPORTED_ERRORS + 5));
        assertThat(result.nothingRead()).isTrue();
        assertThat(result.skipped()).isEqualTo(AccessLogTranslator.MAX_REPORTED_ERRORS + 5);
        assertThat(result.errors()).hasSize(AccessLogTranslator.MAX_REPORTED_ERRORS);
        assertThat(translate("\n  \n").nothingRead()).isFalse();
        assertThat(translator
                        .translate(
                                "reddit", null, LogFormat.of(LogFormat.Name.W3C), new StringReader("#Version: 1.0\n"))
                        .nothingRead())
                .isFalse();
    }

    @Test
    void everySampleBecomesEventsThatKeepTheAccessEventRules() throws Exception {
        var rules = new EventReader(
                Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC), Duration.ofMinutes(5));
        var atAnyTime = new AccessLogTranslator(CrawlerRegistry.bundled(), PathRules.DEFAULT, rules);
        String[][] samples = {
            {"common", "apache-common.log", "1"},
            {"combined", "apache-combined.log", "1"},
            {"vhost_combined", "apache-vhost_combined.log", "1"},
            {"combined", "nginx-combined.log", "3"},
            {"json", "nginx-json.log", "3"},
            {"cloudflare", "cloudflare-logpull-default.ndjson", "1"},
            {"cloudflare", "cloudflare-timestamp-formats.ndjson", "3"},
            {"cloudflare", "cloudflare-array.json", "2"},
            {"cloudfront", "cloudfront-standard.log", "6"},
            {"w3c", "cloudfront-standard.log", "6"},
            {"w3c", "iis-w3c.log", "3"},
            {"alb", "alb-access.log", "5"},
            {"gcp-lb", "gcp-cdn-cache-hit.ndjson", "1"},
            {"envoy", "envoy-default.log", "1"},
            {"envoy", "envoy-istio.log", "2"},
            {"caddy", "caddy-access.ndjson", "1"},
        };
        for (String[] sample : samples) {
            var result = atAnyTime.translate(
                    "x-corp",
                    "https://x.example",
                    Samples.format(sample[0]),
                    new StringReader(Samples.text(sample[1])));
            assertThat(result.errors()).as(sample[1]).isEmpty();
            assertThat(result.events()).as(sample[1]).hasSize(Integer.parseInt(sample[2]));
        }
    }

    private AccessLogTranslator.Translation translate(String log) throws Exception {
        return translator.translate(
                "reddit", "https://www.reddit.com", LogFormat.of(LogFormat.Name.COMBINED), new StringReader(log));
    }
}
