package org.termsguard.policy.terms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProductTokensTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "FooBot | FooBot",
                "FooBot/1.2 | FooBot",
                "foo-bot_2/3.0 (+https://foo.example/bot) | foo-bot_2",
                "Mozilla/5.0 (compatible; FooBot/1.0; +http://www.foo.example/bot.html) | FooBot",
                // Operators' own published user agents (OpenAI, Common Crawl, Bing, Applebot documentation).
                "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot) | GPTBot",
                "CCBot/2.0 (https://commoncrawl.org/faq/) | CCBot",
                "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) | bingbot",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot) | Applebot",
            })
    void theCrawlersNameComesFirst(String userAgent, String token) {
        assertThat(ProductTokens.of(userAgent)).first().isEqualTo(token);
    }

    @Test
    void aBrowserNamesNoCrawler() {
        assertThat(ProductTokens.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/124.0.0.0 Safari/537.36"))
                .isEmpty();
        assertThat(ProductTokens.of(null)).isEmpty();
        assertThat(ProductTokens.of("   ")).isEmpty();
    }

    @Test
    void urlsAndMailboxesAreNotProducts() {
        assertThat(ProductTokens.of("ExampleBot (+https://bot.example.com/info; bot@example.com)"))
                .containsExactly("ExampleBot");
    }

    @Test
    void hostileUserAgentsStayBounded() {
        assertThat(ProductTokens.of("A ".repeat(100_000))).hasSizeLessThanOrEqualTo(8);
        assertThat(ProductTokens.of("Bot\u0000Bot/1 x".repeat(10))).hasSizeLessThanOrEqualTo(8);
    }
}
