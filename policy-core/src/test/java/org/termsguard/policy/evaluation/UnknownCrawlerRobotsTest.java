package org.termsguard.policy.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.termsguard.policy.evaluation.Fixtures.APRIL_FIRST;
import static org.termsguard.policy.evaluation.Fixtures.xCorp;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.termsguard.contracts.crawlers.CrawlerRegistry;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.Channel;
import org.termsguard.contracts.events.Identity;
import org.termsguard.contracts.violations.Rule;
import org.termsguard.policy.terms.TermsSnapshot;

/**
 * A crawler no registry knows is judged by robots.txt through the product token its user agent names (RFC 9309
 * §2.2.1). The cases are those of Google's robots.txt reference parser tests that the RFC mandates (the {@code ID_}
 * tests of google/robotstxt {@code robots_test.cc}, Apache-2.0), with its crawler {@code FooBot}, each sent as the
 * access events a site would log: once as the bare token, once as a browser-like user agent naming it.
 */
class UnknownCrawlerRobotsTest {

    private static final Instant AT = Instant.parse("2023-04-12T09:30:00Z");
    private final Evaluator evaluator =
            new Evaluator(CrawlerRegistry.bundled(), Clock.fixed(AT.plusSeconds(60), ZoneOffset.UTC));

    static Stream<Arguments> rfc9309Cases() {
        return Stream.of(
                // ID_LineSyntax_Line
                Arguments.of("user-agent: FooBot\ndisallow: /\n", "http://foo.bar/x/y", false),
                Arguments.of("foo: FooBot\nbar: /\n", "http://foo.bar/x/y", true),
                // ID_REPLineNamesCaseInsensitive
                Arguments.of("USER-AGENT: FooBot\nALLOW: /x/\nDISALLOW: /\n", "http://foo.bar/x/y", true),
                Arguments.of("USER-AGENT: FooBot\nALLOW: /x/\nDISALLOW: /\n", "http://foo.bar/a/b", false),
                Arguments.of("user-agent: FooBot\nallow: /x/\ndisallow: /\n", "http://foo.bar/a/b", false),
                Arguments.of("uSeR-aGeNt: FooBot\nAlLoW: /x/\ndIsAlLoW: /\n", "http://foo.bar/x/y", true),
                // ID_UserAgentValueCaseInsensitive: the token matches whatever its case in robots.txt
                Arguments.of("User-Agent: FOOBOT\nAllow: /x/\nDisallow: /\n", "http://foo.bar/a/b", false),
                Arguments.of("User-Agent: foobot\nAllow: /x/\nDisallow: /\n", "http://foo.bar/x/y", true),
                Arguments.of("User-Agent: FoObOt\nAllow: /x/\nDisallow: /\n", "http://foo.bar/a/b", false),
                // ID_GlobalGroups_Secondary: a crawler's own group replaces the global one
                Arguments.of("user-agent: *\nallow: /\nuser-agent: FooBot\ndisallow: /\n", "http://foo.bar/x/y", false),
                Arguments.of(
                        "user-agent: FooBot\nallow: /\nuser-agent: BarBot\ndisallow: /\n", "http://foo.bar/x/y", true),
                Arguments.of(
                        "user-agent: BarBot\ndisallow: /\nuser-agent: *\ndisallow: /x/\n", "http://foo.bar/x/y", false),
                Arguments.of(
                        "user-agent: BarBot\ndisallow: /\nuser-agent: *\ndisallow: /x/\n", "http://foo.bar/a/b", true),
                // ID_AllowDisallow_Value_CaseSensitive
                Arguments.of("user-agent: FooBot\ndisallow: /x/\n", "http://foo.bar/x/y", false),
                Arguments.of("user-agent: FooBot\ndisallow: /X/\n", "http://foo.bar/x/y", true),
                // ID_LongestMatch (§2.2.2)
                Arguments.of(
                        "user-agent: FooBot\ndisallow: /x/page.html\nallow: /x/\n",
                        "http://foo.bar/x/page.html",
                        false),
                Arguments.of(
                        "user-agent: FooBot\nallow: /x/page.html\ndisallow: /x/\n", "http://foo.bar/x/page.html", true),
                Arguments.of("user-agent: FooBot\nallow: /x/page.html\ndisallow: /x/\n", "http://foo.bar/x/", false),
                Arguments.of("user-agent: FooBot\ndisallow: \nallow: \n", "http://foo.bar/x/page.html", true),
                Arguments.of("user-agent: FooBot\ndisallow: /\nallow: /\n", "http://foo.bar/x/page.html", true),
                Arguments.of("user-agent: FooBot\ndisallow: /x\nallow: /x/\n", "http://foo.bar/x", false),
                Arguments.of("user-agent: FooBot\ndisallow: /x\nallow: /x/\n", "http://foo.bar/x/", true),
                Arguments.of(
                        "user-agent: FooBot\ndisallow: /x/page.html\nallow: /x/page.html\n",
                        "http://foo.bar/x/page.html",
                        true),
                Arguments.of(
                        "user-agent: FooBot\nallow: /page\ndisallow: /*.html\n", "http://foo.bar/page.html", false),
                Arguments.of("user-agent: FooBot\nallow: /page\ndisallow: /*.html\n", "http://foo.bar/page", true),
                Arguments.of(
                        "user-agent: FooBot\nallow: /x/page.\ndisallow: /*.html\n", "http://foo.bar/x/page.html", true),
                Arguments.of(
                        "user-agent: FooBot\nallow: /x/page.\ndisallow: /*.html\n", "http://foo.bar/x/y.html", false),
                Arguments.of(
                        "User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n",
                        "http://foo.bar/x/page",
                        true),
                Arguments.of(
                        "User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n",
                        "http://foo.bar/y/page",
                        false),
                // ID_SpecialCharacters: "*", "$" and "#"
                Arguments.of(
                        "User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n",
                        "http://foo.bar/foo/bar/quz",
                        false),
                Arguments.of(
                        "User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n",
                        "http://foo.bar/foo/quz",
                        true),
                Arguments.of(
                        "User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n",
                        "http://foo.bar/foo/bax/quz",
                        true),
                Arguments.of(
                        "User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n",
                        "http://foo.bar/foo/bar",
                        false),
                Arguments.of(
                        "User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n",
                        "http://foo.bar/foo/bar/qux",
                        true),
                Arguments.of(
                        "User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n",
                        "http://foo.bar/foo/bar/",
                        true),
                Arguments.of(
                        "User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n",
                        "http://foo.bar/foo/bar/baz",
                        true),
                Arguments.of(
                        "User-agent: FooBot\n# Disallow: /\nDisallow: /foo/quz#qux\nAllow: /\n",
                        "http://foo.bar/foo/bar",
                        true),
                Arguments.of(
                        "User-agent: FooBot\n# Disallow: /\nDisallow: /foo/quz#qux\nAllow: /\n",
                        "http://foo.bar/foo/quz",
                        false),
                // ID_Encoding: a rule's non-ASCII characters match their percent-encoded UTF-8 in the URL
                Arguments.of(
                        "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%E3%83%84\n",
                        "http://foo.bar/foo/bar/%E3%83%84", true),
                Arguments.of(
                        "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar?qux=taz&baz=http://foo.bar?tar&par\n",
                        "http://foo.bar/foo/bar?qux=taz&baz=http://foo.bar?tar&par",
                        true));
    }

    @ParameterizedTest(name = "[{index}] {1} allowed={2}")
    @MethodSource("rfc9309Cases")
    void theBareTokenIsJudgedByItsGroup(String robotsTxt, String url, boolean allowed) {
        assertJudged(robotsTxt, url, "FooBot", allowed);
    }

    @ParameterizedTest(name = "[{index}] {1} allowed={2}")
    @MethodSource("rfc9309Cases")
    void aBrowserLikeUserAgentNamingTheTokenIsJudgedTheSame(String robotsTxt, String url, boolean allowed) {
        assertJudged(
                robotsTxt,
                url,
                "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; FooBot/1.0; +https://foo.example/bot)",
                allowed);
    }

    private void assertJudged(String robotsTxt, String url, String userAgent, boolean allowed) {
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
                assertThat(v.explanation()).contains("FooBot");
            });
        }
    }
}
