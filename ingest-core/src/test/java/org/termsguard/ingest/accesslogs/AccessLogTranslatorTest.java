package org.termsguard.ingest.accesslogs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.termsguard.contracts.crawlers.CrawlerRegistry;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.Channel;
import org.termsguard.contracts.events.Identity;
import org.termsguard.contracts.events.Purpose;

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

    private AccessLogTranslator.Translation translate(String log) throws Exception {
        return translator.translate(
                "reddit",
                "https://www.reddit.com",
                AccessLogParser.Format.COMBINED,
                new BufferedReader(new StringReader(log)));
    }
}
