package org.termsguard.contracts.crawlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.termsguard.contracts.events.Purpose;

class CrawlerRegistryTest {

    private static final CrawlerRegistry REGISTRY = CrawlerRegistry.bundled();

    /** Real user-agent strings, as the operators document them. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot) | GPTBot | openai | ai-train
            Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; OAI-SearchBot/1.0; +https://openai.com/searchbot | OAI-SearchBot | openai | search
            Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; ChatGPT-User/1.0; +https://openai.com/bot | ChatGPT-User | openai | ai-input
            Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com) | ClaudeBot | anthropic | ai-train
            CCBot/2.0 (https://commoncrawl.org/faq/) | CCBot | common-crawl | ai-train
            Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com) | Bytespider | bytedance | ai-train
            Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36 | Bingbot | microsoft | search
            Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.126 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) | Googlebot | google | search
            Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; PerplexityBot/1.0; +https://perplexity.ai/perplexitybot) | PerplexityBot | perplexity | ai-index
            meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler) | meta-externalagent | meta | ai-train
            Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot) | Applebot | apple | search
            """)
    void namesTheCrawlerOfARealUserAgent(String userAgent, String token, String consumer, String purpose) {
        Crawler crawler = REGISTRY.match(userAgent).orElseThrow();
        assertThat(crawler.token()).isEqualTo(token);
        assertThat(crawler.consumer()).isEqualTo(consumer);
        assertThat(crawler.purpose()).isEqualTo(Purpose.fromToken(purpose).orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
                "NotGPTBot/1.0",
                "GPTBotanist/2.1 (+https://example.org)",
                "Mozilla/5.0 (compatible; MyCrawler/1.0; +https://example.com/ccbot)",
                "Mozilla/5.0 (compatible; SiteAudit/3.0; contact gptbot-blocker@example.com)",
                "curl/8.5.0",
                "",
            })
    void doesNotNameAnybodyForBrowsersAndLookAlikes(String userAgent) {
        assertThat(REGISTRY.match(userAgent)).isEmpty();
    }

    @Test
    void multiWordTokensMatchAsWholeWords() {
        assertThat(REGISTRY.match("Mozilla/5.0 (compatible; ChatGPT Agent; +https://openai.com)"))
                .map(Crawler::token)
                .isEqualTo(Optional.of("ChatGPT Agent"));
        assertThat(REGISTRY.match("Mozilla/5.0 (compatible; NotChatGPT Agent)")).isEmpty();
    }

    @Test
    void versionedTokensOfTheSourceMatchWithoutTheirVersion() {
        assertThat(REGISTRY.byToken("MistralAI-User")).isPresent();
        assertThat(REGISTRY.match("Mozilla/5.0 (compatible; MistralAI-User/1.0; +https://docs.mistral.ai/robots)"))
                .map(Crawler::token)
                .isEqualTo(Optional.of("MistralAI-User"));
    }

    @Test
    void holdsTheWholeSnapshotAndTheCuratedSearchCrawlers() {
        assertThat(REGISTRY.all()).hasSizeGreaterThanOrEqualTo(166);
        assertThat(REGISTRY.byToken("googlebot")).map(Crawler::source).isEqualTo(Optional.of("termsguard"));
        assertThat(REGISTRY.all()).allSatisfy(c -> assertThat(c.consumer()).matches("[a-z0-9][a-z0-9._-]{0,62}"));
    }

    @Test
    void derivesConsumerAndPurposeForAgentsOnlyTheSnapshotKnows() {
        Crawler ai2 = REGISTRY.byToken("AI2Bot").orElseThrow();
        assertThat(ai2.consumer()).isEqualTo("ai2");
        assertThat(ai2.purpose()).isEqualTo(Purpose.AI_TRAIN);
        assertThat(ai2.source()).isEqualTo("ai.robots.txt");
        assertThat(CrawlerRegistry.purposeOf("AI Assistants")).isEqualTo(Purpose.AI_INPUT);
        assertThat(CrawlerRegistry.purposeOf("AI Search Crawlers")).isEqualTo(Purpose.AI_INDEX);
        assertThat(CrawlerRegistry.purposeOf("Data is sold.")).isEqualTo(Purpose.AI_ALL);
        assertThat(CrawlerRegistry.slug("Common Crawl Foundation")).isEqualTo("common-crawl-foundation");
    }

    private static final RegexMatcher BEFORE = new RegexMatcher(REGISTRY.all());

    /** A hang guard only: the old matcher took seconds on these inputs, the linear one takes microseconds. */
    private static final Duration HANG = Duration.ofSeconds(10);

    @Test
    void everyCrawlerOfTheRegistryIsNamedByItsTokenAndByUserAgentsInTheDocumentedShapes() {
        for (Crawler crawler : REGISTRY.all()) {
            String token = crawler.token();
            for (String userAgent : List.of(
                    token,
                    token + "/1.0",
                    "Mozilla/5.0 (compatible; " + token + "/1.0; +https://example.com/bot)",
                    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; " + token
                            + "/2.1; +https://example.com/bot.html) Chrome/126.0.6478.126 Safari/537.36",
                    "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36"
                            + " (compatible; " + token + "; spider-feedback@example.com)")) {
                assertThat(REGISTRY.match(userAgent))
                        .as(userAgent)
                        .isEqualTo(BEFORE.match(userAgent))
                        .map(Crawler::token)
                        // Or a longer token that begins with it and the user agent names as well ("Brightbot 1.0").
                        .hasValueSatisfying(found -> assertThat(found.toLowerCase(java.util.Locale.ROOT))
                                .startsWith(token.toLowerCase(java.util.Locale.ROOT)));
            }
        }
    }

    /** The linear matcher answers exactly what the regular expressions answered, on user agents made to confuse. */
    @Test
    void agreesWithTheRegularExpressionMatcherOnGeneratedUserAgents() {
        List<String> pieces = new java.util.ArrayList<>(List.of(
                " ",
                "  ",
                ";",
                "; ",
                "(",
                ")",
                "/",
                "/1.0",
                "+",
                "@",
                ":",
                "://",
                "+https://",
                "http://",
                "mailto:",
                "a",
                "x.y",
                "-",
                "_",
                ".",
                "\t",
                "\n",
                "\u000B",
                "é",
                "\u0000",
                "Mozilla/5.0",
                "compatible",
                "bot@example.com",
                "@@",
                "x@",
                "@y",
                "+claudebot@anthropic.com",
                "https://openai.com/gptbot",
                "Not",
                "anist",
                "ChatGPT",
                "Agent",
                "1.0",
                "Bot"));
        REGISTRY.all().forEach(c -> pieces.add(c.token()));
        Random random = new Random(17);
        List<String> disagreements = new java.util.ArrayList<>();
        for (int run = 0; run < 3_000; run++) {
            StringBuilder userAgent = new StringBuilder();
            int parts = 1 + random.nextInt(24);
            for (int p = 0; p < parts; p++) {
                String piece = pieces.get(random.nextInt(pieces.size()));
                userAgent.append(random.nextBoolean() ? piece : piece.toUpperCase(java.util.Locale.ROOT));
            }
            String ua = userAgent.toString();
            if (!CrawlerRegistry.withoutUrlsAndMails(ua).equals(RegexMatcher.withoutUrlsAndMails(ua))
                    || !REGISTRY.match(ua).equals(BEFORE.match(ua))) {
                disagreements.add(ua);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    /** Issue #17: 16 KiB of near misses (look-alike tokens, scheme-like runs without "://", '@' without a host). */
    @Test
    void answersSixteenKibibytesOfNearMissesCorrectly() {
        StringBuilder nearMisses = new StringBuilder();
        while (nearMisses.length() < 16 * 1024) {
            nearMisses
                    .append("NotGPTBot GPTBotanist ChatGPT-Userland +claudebot@anthropic ccbot@@ Agent ")
                    .append("a+b.c-d".repeat(40))
                    .append("x@".repeat(40))
                    .append(' ');
        }
        String misses = nearMisses.toString();
        String oneRun = "g".repeat(16 * 1024) + "@" + "h".repeat(16 * 1024);
        String schemeRun = "GPTBot" + "a".repeat(16 * 1024) + ":/";
        assertTimeoutPreemptively(HANG, () -> {
            assertThat(REGISTRY.match(misses)).isEmpty();
            assertThat(REGISTRY.match("GPTBot/1.2; " + misses))
                    .map(Crawler::token)
                    .hasValue("GPTBot");
            assertThat(REGISTRY.match("Mozilla/5.0 (compatible; ClaudeBot/1.0) " + misses))
                    .map(Crawler::token)
                    .hasValue("ClaudeBot");
            assertThat(REGISTRY.match(oneRun)).isEmpty();
            assertThat(REGISTRY.match(schemeRun)).isEmpty();
            assertThat(REGISTRY.match("CCBot/2.0;" + schemeRun))
                    .map(Crawler::token)
                    .hasValue("CCBot");
        });
        // The figure for the reliability report (B6); test-support's ReliabilityReport is out of contracts' reach.
        long started = System.nanoTime();
        int matches = 0;
        for (int i = 0; i < 1000; i++) {
            matches += REGISTRY.match("GPTBot/1.2; " + misses).isPresent() ? 1 : 0;
        }
        long micros = (System.nanoTime() - started) / 1000 / 1000;
        assertThat(matches).isEqualTo(1000);
        try {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
            java.nio.file.Files.writeString(
                    java.nio.file.Path.of("target/b6-crawler-user-agents.txt"),
                    "user agents of 16 KiB of near misses (NotGPTBot, GPTBotanist, mail addresses, URL-like runs) and"
                            + " 32 KiB runs without a separator: identified correctly, " + micros
                            + " µs per 16 KiB agent (mean of 1,000; only the first " + CrawlerRegistry.CONSIDERED_LENGTH
                            + " characters are considered, one pass over them)\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The documented bound: a token beyond the considered length is not seen, a cut never makes one up. */
    @Test
    void looksAtTheFirstKibibyteOnlyAndNeverMatchesAWordTheCutSplit() {
        String padding = "Mozilla/5.0 ".repeat(200);
        assertThat(REGISTRY.match(padding + "GPTBot/1.2")).isEmpty();
        // "GPTBotanist" cut after "GPTBot" would be a false match; the cut goes back to the space before it.
        String cutInsideAWord = "x".repeat(CrawlerRegistry.CONSIDERED_LENGTH - 6) + " GPTBotanist";
        assertThat(cutInsideAWord.substring(0, CrawlerRegistry.CONSIDERED_LENGTH + 1))
                .endsWith(" GPTBot");
        assertThat(REGISTRY.match(cutInsideAWord)).isEmpty();
        // Nor is an e-mail address cut into a bare token.
        String cutInsideAMail = "x".repeat(CrawlerRegistry.CONSIDERED_LENGTH - 7) + " gptbot@example.com";
        assertThat(REGISTRY.match(cutInsideAMail)).isEmpty();
        assertThat(REGISTRY.match("\u0000GPTBot\u0000")).map(Crawler::token).hasValue("GPTBot");
    }
}
