package org.termsguard.policy.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.termsguard.policy.evaluation.Fixtures.APRIL_FIRST;
import static org.termsguard.policy.evaluation.Fixtures.xCorp;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.termsguard.contracts.crawlers.CrawlerRegistry;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.Channel;
import org.termsguard.contracts.events.Identity;
import org.termsguard.contracts.violations.Rule;
import org.termsguard.policy.terms.TermsSnapshot;

/**
 * A crawler no registry knows is judged by robots.txt through the product token its user agent names (RFC 9309
 * §2.2.1). The cases are those of Google's robots.txt reference parser tests that the RFC mandates ({@link
 * Rfc9309Cases}), each sent as the access events a site would log: once as the bare token, once as a browser-like user
 * agent naming it.
 */
class UnknownCrawlerRobotsTest {

    private static final Instant AT = Instant.parse("2023-04-12T09:30:00Z");
    private final Evaluator evaluator =
            new Evaluator(CrawlerRegistry.bundled(), Clock.fixed(AT.plusSeconds(60), ZoneOffset.UTC));

    static List<Rfc9309Cases.Case> rfc9309Cases() {
        return Rfc9309Cases.all();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rfc9309Cases")
    void theBareTokenIsJudgedByItsGroup(Rfc9309Cases.Case check) {
        assertJudged(check.robotsTxt(), check.url(), check.agent(), check.agent(), check.allowed());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rfc9309Cases")
    void aBrowserLikeUserAgentNamingTheTokenIsJudgedTheSame(Rfc9309Cases.Case check) {
        assertJudged(
                check.robotsTxt(),
                check.url(),
                Rfc9309Cases.browserLike(check.agent()),
                check.agent(),
                check.allowed());
    }

    private void assertJudged(String robotsTxt, String url, String userAgent, String token, boolean allowed) {
        AccessEvent fetch = new AccessEvent(
                "crawl-" + Integer.toHexString((robotsTxt + url + userAgent).hashCode()),
                AT,
                "x-corp",
                null,
                Channel.CRAWLER,
                new AccessEvent.Resource("page", url),
                null,
                new AccessEvent.Volume(1L, null),
                new AccessEvent.Evidence(null, userAgent, "198.51.100.23", null, Identity.CLAIMED),
                "cdn",
                AT);
        Verdict verdict = evaluator.evaluate(
                fetch,
                new TermsSnapshot(1, APRIL_FIRST, xCorp(List.of(), List.of(), robotsTxt)),
                new Fixtures.MemoryMeter());
        if (allowed) {
            assertThat(verdict.violations()).isEmpty();
        } else {
            assertThat(verdict.violations()).singleElement().satisfies(v -> {
                assertThat(v.rule()).isEqualTo(Rule.CRAWLER_DISALLOWED);
                assertThat(v.explanation()).contains(token);
            });
        }
    }
}
