package org.termsguard.policy.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.termsguard.policy.evaluation.Fixtures.APRIL_FIRST;
import static org.termsguard.policy.evaluation.Fixtures.xCorp;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.termsguard.contracts.crawlers.CrawlerRegistry;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.Channel;
import org.termsguard.contracts.events.Identity;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.contracts.events.Verification;
import org.termsguard.contracts.violations.Rule;
import org.termsguard.contracts.violations.Severity;
import org.termsguard.contracts.violations.Violation;
import org.termsguard.policy.terms.TermsSnapshot;

/** What policy makes of ingest's crawler-identity verdicts (DESIGN.md, {@code crawler-impersonation}). */
class ImpersonationTest {

    private static final Instant AT = Instant.parse("2026-04-12T09:30:00Z");
    private static final String GPTBOT_UA =
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)";
    private static final String ROBOTS = "User-agent: GPTBot\nDisallow: /r/\n";
    private static final String SHA = "a".repeat(64);

    private final Evaluator evaluator =
            new Evaluator(CrawlerRegistry.bundled(), Clock.fixed(AT.plusSeconds(60), ZoneOffset.UTC));
    private final Fixtures.MemoryMeter meter = new Fixtures.MemoryMeter();
    private final TermsSnapshot terms = new TermsSnapshot(7, APRIL_FIRST, xCorp(List.of(), List.of(), ROBOTS));

    private static AccessEvent fetch(String userAgent, Identity identity, Verification verification) {
        return new AccessEvent(
                "crawl-"
                        + (verification == null
                                ? "none"
                                : verification.verdict().token()),
                AT,
                "x-corp",
                null,
                Channel.CRAWLER,
                new AccessEvent.Resource("page", "https://x.example/r/pics/comments/1"),
                null,
                new AccessEvent.Volume(1L, 5124L),
                new AccessEvent.Evidence(null, userAgent, "203.0.113.9", null, identity, verification, null),
                "cdn",
                AT);
    }

    private static Verification verification(Verification.Verdict verdict, String matched) {
        return new Verification(
                verdict,
                "OpenAI",
                "openai",
                "GPTBot",
                new Verification.Basis(
                        "openai-gptbot", "ip-ranges", 3, SHA, Instant.parse("2026-03-01T00:00:00Z"), matched),
                List.of("reasons as ingest gave them"));
    }

    @Test
    void aContradictedClaimIsImpersonationAndNothingOfItIsChargedToTheOperatorItNames() {
        Verification.Verdict contradicted = Verification.Verdict.CONTRADICTED;
        var verdict =
                evaluator.evaluate(fetch(GPTBOT_UA, Identity.CLAIMED, verification(contradicted, null)), terms, meter);

        assertThat(verdict.consumer()).isEqualTo("unknown");
        assertThat(verdict.purpose()).isEqualTo(Purpose.UNKNOWN);
        assertThat(verdict.violations()).extracting(Violation::rule).containsExactly(Rule.CRAWLER_IMPERSONATION);
        Violation violation = verdict.violations().get(0);
        assertThat(violation.consumer()).isEqualTo("unknown");
        assertThat(violation.severity()).isEqualTo(Severity.HIGH);
        assertThat(violation.clause())
                .isEqualTo("verification: openai-gptbot version 3, valid from 2026-03-01T00:00:00Z");
        assertThat(violation.explanation())
                .isEqualTo("A request claiming to be GPTBot (OpenAI) fetched 1 record of x-corp's data (page at"
                        + " https://x.example/r/pics/comments/1) on 2026-04-12T09:30:00Z from 203.0.113.9, which"
                        + " openai-gptbot version 3, valid from 2026-03-01T00:00:00Z does not hold; it is not"
                        + " attributed to OpenAI.");
        assertThat(violation.estimatedFee()).isNull();
        assertThat(meter.counters.keySet()).allMatch(key -> !key.consumer().equals("openai"));
    }

    @Test
    void theSameFetchWithoutVerificationIsChargedToTheCrawlersOperatorAsBefore() {
        var verdict = evaluator.evaluate(fetch(GPTBOT_UA, Identity.CLAIMED, null), terms, meter);
        assertThat(verdict.consumer()).isEqualTo("openai");
        assertThat(verdict.identity()).isEqualTo(Identity.CLAIMED);
        assertThat(verdict.violations())
                .extracting(Violation::rule)
                .containsExactly(Rule.NO_LICENSE, Rule.CRAWLER_DISALLOWED);
    }

    @Test
    void aListedCrawlerIsTheOperatorsWithAVerifiedIdentity() {
        var verdict = evaluator.evaluate(
                fetch(GPTBOT_UA, Identity.VERIFIED, verification(Verification.Verdict.LISTED, "20.171.206.0/24")),
                terms,
                meter);
        assertThat(verdict.consumer()).isEqualTo("openai");
        assertThat(verdict.identity()).isEqualTo(Identity.VERIFIED);
        assertThat(verdict.violations())
                .extracting(Violation::rule)
                .containsExactly(Rule.NO_LICENSE, Rule.CRAWLER_DISALLOWED);
        assertThat(verdict.violations().get(1).explanation()).endsWith("identity verified.");
    }

    @Test
    void aCrawlerBehindABrowserUserAgentIsFoundByItsOperatorsList() {
        String browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/124.0 Safari/537.36";
        Verification listed = new Verification(
                Verification.Verdict.LISTED,
                "OpenAI",
                "openai",
                null,
                new Verification.Basis("openai-gptbot", "ip-ranges", 3, SHA, APRIL_FIRST, "20.171.206.0/24"),
                List.of());
        var verdict = evaluator.evaluate(fetch(browser, Identity.VERIFIED, listed), terms, meter);
        assertThat(verdict.consumer()).isEqualTo("openai");
        assertThat(verdict.consumerSource()).isEqualTo("verification: openai-gptbot");
        assertThat(verdict.identity()).isEqualTo(Identity.VERIFIED);
    }

    @Test
    void aClaimedVerdictChangesNothing() {
        var verdict = evaluator.evaluate(
                fetch(GPTBOT_UA, Identity.CLAIMED, verification(Verification.Verdict.CLAIMED, null)), terms, meter);
        assertThat(verdict.consumer()).isEqualTo("openai");
        assertThat(verdict.identity()).isEqualTo(Identity.CLAIMED);
    }
}
