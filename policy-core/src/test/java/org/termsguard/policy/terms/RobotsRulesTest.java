package org.termsguard.policy.terms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 9309 behaviour of the robots.txt library, checked rather than assumed. */
class RobotsRulesTest {

    private static final String ROBOTS =
            """
            User-agent: GPTBot
            Disallow: /

            User-agent: CCBot
            Disallow: /r/
            Allow: /r/public/
            Disallow: /*.json$
            Allow: /page
            Disallow: /page

            User-agent: *
            Disallow: /private/
            """;

    private final RobotsRules rules = new RobotsRules(ROBOTS);

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        "GPTBot, https://x.example/anything, false",
        "gptbot, /, false",
        "CCBot, /r/pics, false",
        "CCBot, /r/public/a, true", // the longest match wins (§2.2.2)
        "CCBot, /page, true", // Allow beats Disallow on equal length (§2.2.2)
        "CCBot, /data/posts.json, false", // '*' and '$' (§2.2.3)
        "CCBot, /data/posts.json?x=1, true",
        "CCBot, /private/x, true", // a named group replaces '*' entirely
        "ClaudeBot, /private/x, false", // unnamed crawlers follow '*'
        "ClaudeBot, /r/pics, true",
    })
    void judgesLikeRfc9309(String token, String uri, boolean allowed) {
        assertThat(rules.allows(token, uri)).isEqualTo(allowed);
    }
}
