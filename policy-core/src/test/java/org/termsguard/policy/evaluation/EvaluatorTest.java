package org.termsguard.policy.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.termsguard.policy.evaluation.Fixtures.APRIL_FIRST;
import static org.termsguard.policy.evaluation.Fixtures.MARCH_END;
import static org.termsguard.policy.evaluation.Fixtures.enterprise;
import static org.termsguard.policy.evaluation.Fixtures.event;
import static org.termsguard.policy.evaluation.Fixtures.license;
import static org.termsguard.policy.evaluation.Fixtures.xCorp;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.termsguard.contracts.crawlers.CrawlerRegistry;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.Channel;
import org.termsguard.contracts.events.Identity;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.contracts.violations.PurposeSource;
import org.termsguard.contracts.violations.Rule;
import org.termsguard.contracts.violations.Severity;
import org.termsguard.contracts.violations.Violation;
import org.termsguard.policy.terms.LicenseStatus;
import org.termsguard.policy.terms.QuotaPeriod;
import org.termsguard.policy.terms.TermsDocument;
import org.termsguard.policy.terms.TermsDocument.License;
import org.termsguard.policy.terms.TermsSnapshot;

class EvaluatorTest {

    private static final CrawlerRegistry CRAWLERS = CrawlerRegistry.bundled();
    private static final Instant MID_APRIL = Instant.parse("2023-04-12T09:30:00Z");
    private final Evaluator evaluator =
            new Evaluator(CRAWLERS, Clock.fixed(Instant.parse("2023-04-12T10:00:00Z"), ZoneOffset.UTC));
    private final Fixtures.MemoryMeter meter = new Fixtures.MemoryMeter();

    private Verdict judge(AccessEvent event, List<License> licenses) {
        return evaluator.evaluate(event, new TermsSnapshot(3, APRIL_FIRST, xCorp(licenses, List.of(), null)), meter);
    }

    private static List<Rule> rules(Verdict verdict) {
        return verdict.violations().stream().map(Violation::rule).toList();
    }

    static Stream<Arguments> licensing() {
        License expired = license(
                "old",
                "microsoft",
                List.of(Purpose.ANALYTICS),
                null,
                Instant.parse("2022-01-01T00:00:00Z"),
                Instant.parse("2023-03-31T23:59:59Z"),
                LicenseStatus.ACTIVE);
        License future = license(
                "next",
                "microsoft",
                List.of(Purpose.ANALYTICS),
                null,
                Instant.parse("2023-05-01T00:00:00Z"),
                null,
                LicenseStatus.ACTIVE);
        License suspended = license(
                "held", "microsoft", List.of(Purpose.ANALYTICS), null, APRIL_FIRST, null, LicenseStatus.SUSPENDED);
        License aiAll =
                license("ai", "microsoft", List.of(Purpose.AI_ALL), null, APRIL_FIRST, null, LicenseStatus.ACTIVE);
        License all = license("all", "microsoft", List.of(Purpose.ALL), null, APRIL_FIRST, null, LicenseStatus.ACTIVE);
        return Stream.of(
                Arguments.of("no license, ai-train", List.of(), Purpose.AI_TRAIN, List.of(Rule.NO_LICENSE)),
                Arguments.of("no license, analytics", List.of(), Purpose.ANALYTICS, List.of(Rule.NO_LICENSE)),
                Arguments.of("no license, display is free", List.of(), Purpose.DISPLAY, List.of()),
                Arguments.of("no license, search is free", List.of(), Purpose.SEARCH, List.of()),
                Arguments.of(
                        "no license, archive is neither free nor listed",
                        List.of(),
                        Purpose.ARCHIVE,
                        List.of(Rule.NO_LICENSE)),
                Arguments.of("no license, unknown is not judged", List.of(), Purpose.UNKNOWN, List.of()),
                Arguments.of(
                        "expired license", List.of(expired), Purpose.ANALYTICS, List.of(Rule.LICENSE_NOT_IN_FORCE)),
                Arguments.of(
                        "license not yet valid",
                        List.of(future),
                        Purpose.ANALYTICS,
                        List.of(Rule.LICENSE_NOT_IN_FORCE)),
                Arguments.of(
                        "suspended license", List.of(suspended), Purpose.ANALYTICS, List.of(Rule.LICENSE_NOT_IN_FORCE)),
                Arguments.of("expired license, free purpose", List.of(expired), Purpose.DISPLAY, List.of()),
                Arguments.of(
                        "purpose not granted",
                        List.of(enterprise(1_000_000)),
                        Purpose.AI_TRAIN,
                        List.of(Rule.PURPOSE_NOT_LICENSED)),
                Arguments.of("purpose granted", List.of(enterprise(1_000_000)), Purpose.ANALYTICS, List.of()),
                Arguments.of("ai-all covers ai-train", List.of(aiAll), Purpose.AI_TRAIN, List.of()),
                Arguments.of("ai-all covers ai-input", List.of(aiAll), Purpose.AI_INPUT, List.of()),
                Arguments.of(
                        "ai-all does not cover analytics",
                        List.of(aiAll),
                        Purpose.ANALYTICS,
                        List.of(Rule.PURPOSE_NOT_LICENSED)),
                Arguments.of("all covers analytics", List.of(all), Purpose.ANALYTICS, List.of()),
                Arguments.of("all covers ai-index", List.of(all), Purpose.AI_INDEX, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("licensing")
    void licensingRules(String name, List<License> licenses, Purpose purpose, List<Rule> expected) {
        assertThat(rules(judge(event("microsoft", purpose, 10, MID_APRIL), licenses)))
                .containsExactlyElementsOf(expected);
    }

    /** A batch loads its counters before judging: the key found up front is the one the evaluation meters. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("licensing")
    void theCounterKeyIsKnownBeforeTheEvaluation(
            String name, List<License> licenses, Purpose purpose, List<Rule> expected) {
        AccessEvent event = event("microsoft", purpose, 10, MID_APRIL);
        TermsSnapshot terms = new TermsSnapshot(3, APRIL_FIRST, xCorp(licenses, List.of(), null));
        assertThat(evaluator.usageKey(event, terms))
                .isEqualTo(evaluator.evaluate(event, terms, meter).meteredAs());
    }

    @Test
    void validityIncludesBothEndsAndNotAMillisecondMore() {
        List<License> licenses = List.of(enterprise(1_000_000_000));
        assertThat(rules(judge(event("microsoft", Purpose.ANALYTICS, 1, APRIL_FIRST), licenses)))
                .isEmpty();
        assertThat(rules(judge(event("microsoft", Purpose.ANALYTICS, 1, MARCH_END), licenses)))
                .isEmpty();
        assertThat(rules(judge(event("microsoft", Purpose.ANALYTICS, 1, APRIL_FIRST.minusMillis(1)), licenses)))
                .containsExactly(Rule.LICENSE_NOT_IN_FORCE);
        assertThat(rules(judge(event("microsoft", Purpose.ANALYTICS, 1, MARCH_END.plusMillis(1)), licenses)))
                .containsExactly(Rule.LICENSE_NOT_IN_FORCE);
    }

    @Test
    void scopeCoversResourceKindsAndUriPrefixes() {
        List<License> licenses = List.of(enterprise(1_000_000_000));
        AccessEvent dms =
                withResource(event("microsoft", Purpose.ANALYTICS, 1, MID_APRIL), "dms", "https://api.x.example/2/dm");
        AccessEvent v1 = withResource(
                event("microsoft", Purpose.ANALYTICS, 1, MID_APRIL), "tweets", "https://api.x.example/1.1/statuses");
        AccessEvent noUri = withResource(event("microsoft", Purpose.ANALYTICS, 1, MID_APRIL), "tweets", null);
        assertThat(rules(judge(dms, licenses))).containsExactly(Rule.SCOPE_NOT_LICENSED);
        assertThat(rules(judge(v1, licenses))).containsExactly(Rule.SCOPE_NOT_LICENSED);
        assertThat(rules(judge(noUri, licenses))).containsExactly(Rule.SCOPE_NOT_LICENSED);
        Verdict outside = judge(dms, licenses);
        assertThat(outside.violations().get(0).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(outside.violations().get(0).clause()).contains("resource kinds posts, tweets");
    }

    @Test
    void quotaExactlyReachedWarnsButDoesNotExceed() {
        List<License> licenses = List.of(enterprise(1_000));
        Verdict atQuota = judge(event("microsoft", Purpose.ANALYTICS, 1_000, MID_APRIL), licenses);
        assertThat(rules(atQuota)).containsExactly(Rule.QUOTA_WARNING, Rule.QUOTA_WARNING);
        assertThat(atQuota.violations()).allMatch(v -> v.severity() == Severity.INFO);
        assertThat(atQuota.violations().get(1).explanation()).contains("100%").contains("1,000 of 1,000");
    }

    @Test
    void quotaExceededByOneRecordIsPricedAtTheOverageRate() {
        List<License> licenses = List.of(enterprise(1_000));
        judge(event("microsoft", Purpose.ANALYTICS, 1_000, MID_APRIL), licenses);
        Verdict over = judge(event("microsoft", Purpose.ANALYTICS, 1, MID_APRIL.plusSeconds(1)), licenses);
        assertThat(rules(over)).containsExactly(Rule.QUOTA_EXCEEDED);
        Violation violation = over.violations().get(0);
        assertThat(violation.severity()).isEqualTo(Severity.HIGH);
        assertThat(violation.licenseId()).isEqualTo("ms-enterprise-2023");
        assertThat(violation.estimatedFee().amount()).isEqualByComparingTo(new BigDecimal("0.00084"));
        assertThat(violation.estimatedFee().currency()).isEqualTo("USD");
        assertThat(violation.explanation())
                .isEqualTo("microsoft used 1,001 records of x-corp's data in 2023-04 under license ms-enterprise-2023"
                        + " (enterprise), over its quota of 1,000 by 1; identity claimed.");
    }

    @Test
    void aBatchThatJumpsPastTheQuotaCountsOnlyWhatIsOverAndWarnsOncePerThreshold() {
        List<License> licenses = List.of(enterprise(50_000_000));
        judge(event("microsoft", Purpose.ANALYTICS, 39_000_000, MID_APRIL), licenses);
        Verdict jump = judge(event("microsoft", Purpose.ANALYTICS, 12_000_000, MID_APRIL.plusSeconds(1)), licenses);
        assertThat(rules(jump)).containsExactly(Rule.QUOTA_WARNING, Rule.QUOTA_WARNING, Rule.QUOTA_EXCEEDED);
        Violation exceeded = jump.violations().get(2);
        assertThat(exceeded.estimatedFee().amount()).isEqualByComparingTo("840.00");
        assertThat(exceeded.estimatedFee().basis()).startsWith("1,000,000 records over quota");
        Verdict after = judge(event("microsoft", Purpose.ANALYTICS, 5, MID_APRIL.plusSeconds(2)), licenses);
        assertThat(rules(after)).containsExactly(Rule.QUOTA_EXCEEDED);
    }

    @Test
    void quotaPeriodsAreUtcCalendarMonthsOfObservedAt() {
        List<License> licenses = List.of(enterprise(1_000));
        Verdict lastSecondOfApril =
                judge(event("microsoft", Purpose.ANALYTICS, 1_000, Instant.parse("2023-04-30T23:59:59Z")), licenses);
        Verdict firstSecondOfMay =
                judge(event("microsoft", Purpose.ANALYTICS, 1_000, Instant.parse("2023-05-01T00:00:00Z")), licenses);
        assertThat(lastSecondOfApril.meteredAs().periodStart()).isEqualTo(LocalDate.of(2023, 4, 1));
        assertThat(firstSecondOfMay.meteredAs().periodStart()).isEqualTo(LocalDate.of(2023, 5, 1));
        assertThat(firstSecondOfMay.recordsBefore()).isZero();
        assertThat(rules(firstSecondOfMay)).doesNotContain(Rule.QUOTA_EXCEEDED);
        assertThat(QuotaPeriod.DAY.start(Instant.parse("2023-04-12T23:59:59Z"))).isEqualTo(LocalDate.of(2023, 4, 12));
        assertThat(QuotaPeriod.YEAR.start(Instant.parse("2023-12-31T23:59:59Z")))
                .isEqualTo(LocalDate.of(2023, 1, 1));
        assertThat(QuotaPeriod.YEAR.label(LocalDate.of(2023, 1, 1))).isEqualTo("2023");
    }

    @Test
    void noLicenseIsCriticalForTrainingAndPricedAtTheListPrice() {
        Verdict verdict = judge(event("openai", Purpose.AI_TRAIN, 50_000, MID_APRIL), List.of());
        Violation violation = verdict.violations().get(0);
        assertThat(violation.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(violation.termsVersion()).isEqualTo(3);
        assertThat(violation.estimatedFee().amount()).isEqualByComparingTo("42.00");
        assertThat(violation.estimatedFee().basis())
                .isEqualTo("50,000 unlicensed records × 0.84 USD per 1,000 (x-corp's list price)");
        assertThat(violation.explanation())
                .isEqualTo(
                        "openai used 50,000 records of x-corp's data for ai-train (declared)"
                                + " on 2023-04-12T09:30:00Z; x-corp's terms (version 3) require a license for ai-train and openai holds none.");
        assertThat(violation.violationId()).matches("v-[0-9a-f]{32}");
        assertThat(violation.event().eventId()).isEqualTo(verdict.eventId());
    }

    @Test
    void oneCrawlerFetchCanBreakSeveralRulesAndIsPricedOnce() {
        String robots = "User-agent: GPTBot\nDisallow: /r/\n\nUser-agent: *\nAllow: /\n";
        AccessEvent fetch = new AccessEvent(
                "crawl-1",
                MID_APRIL,
                "x-corp",
                null,
                Channel.CRAWLER,
                new AccessEvent.Resource("page", "https://x.example/r/pics/comments/1"),
                null,
                new AccessEvent.Volume(1L, 5124L),
                new AccessEvent.Evidence(
                        null,
                        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
                        "203.0.113.9",
                        null,
                        Identity.CLAIMED),
                "cdn",
                MID_APRIL);
        Verdict verdict = evaluator.evaluate(
                fetch, new TermsSnapshot(4, APRIL_FIRST, xCorp(List.of(), List.of(), robots)), meter);
        assertThat(verdict.consumer()).isEqualTo("openai");
        assertThat(verdict.purpose()).isEqualTo(Purpose.AI_TRAIN);
        assertThat(verdict.purposeSource()).isEqualTo(PurposeSource.CRAWLER_REGISTRY);
        assertThat(rules(verdict)).containsExactly(Rule.NO_LICENSE, Rule.CRAWLER_DISALLOWED);
        assertThat(verdict.violations().get(0).estimatedFee().amount()).isEqualByComparingTo("0.00084");
        assertThat(verdict.violations().get(1).estimatedFee().amount()).isEqualByComparingTo("0");
        assertThat(verdict.violations()).extracting(Violation::violationId).doesNotHaveDuplicates();
    }

    @Test
    void aLicensedSearchCrawlerOnAnAllowedPathBreaksNothing() {
        String robots = "User-agent: *\nDisallow: /private/\n";
        AccessEvent fetch = new AccessEvent(
                "crawl-2",
                MID_APRIL,
                "x-corp",
                null,
                Channel.CRAWLER,
                new AccessEvent.Resource("page", "https://x.example/r/pics"),
                null,
                new AccessEvent.Volume(1L, null),
                new AccessEvent.Evidence(
                        null,
                        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
                        null,
                        null,
                        Identity.CLAIMED),
                "cdn",
                MID_APRIL);
        Verdict verdict = evaluator.evaluate(
                fetch, new TermsSnapshot(4, APRIL_FIRST, xCorp(List.of(), List.of(), robots)), meter);
        assertThat(verdict.purpose()).isEqualTo(Purpose.SEARCH);
        assertThat(verdict.violations()).isEmpty();
    }

    @Test
    void aliasesNameTheConsumerWithTheirIdentityAndDefaultPurpose() {
        var aliases = List.of(
                new TermsDocument.Alias("api-client", "ms-ads-7731", "microsoft", Identity.VERIFIED, Purpose.ANALYTICS),
                new TermsDocument.Alias("ip-range", "198.51.100.0/24", "acme", Identity.VERIFIED, null));
        var terms = new TermsSnapshot(5, APRIL_FIRST, xCorp(List.of(), aliases, null));
        AccessEvent byClient = event(null, null, 10, MID_APRIL);
        Verdict verdict = evaluator.evaluate(byClient, terms, meter);
        assertThat(verdict.consumer()).isEqualTo("microsoft");
        assertThat(verdict.identity()).isEqualTo(Identity.VERIFIED);
        assertThat(verdict.purpose()).isEqualTo(Purpose.ANALYTICS);
        assertThat(verdict.purposeSource()).isEqualTo(PurposeSource.ALIAS);
        assertThat(rules(verdict)).containsExactly(Rule.NO_LICENSE);

        AccessEvent byIp = new AccessEvent(
                "ip-1",
                MID_APRIL,
                "x-corp",
                null,
                Channel.API,
                new AccessEvent.Resource("tweets", null),
                null,
                null,
                new AccessEvent.Evidence(null, null, "198.51.100.77", null, Identity.CLAIMED),
                "gw",
                MID_APRIL);
        Verdict ip = evaluator.evaluate(byIp, terms, meter);
        assertThat(ip.consumer()).isEqualTo("acme");
        assertThat(ip.purpose()).isEqualTo(Purpose.UNKNOWN);
        assertThat(ip.violations()).isEmpty();
        assertThat(ip.meteredAs().consumer()).isEqualTo("acme");
    }

    @Test
    void unknownPurposeNeedsALicenseWhereTheOwnerSaysSo() {
        var strict = new TermsDocument.DefaultTerms(
                List.of(Purpose.DISPLAY), List.of(Purpose.UNKNOWN, Purpose.AI_ALL), null);
        var document = new TermsDocument("x-corp", "X", null, strict, null, List.of(), List.of());
        Verdict verdict = evaluator.evaluate(
                event("someone", null, 1, MID_APRIL), new TermsSnapshot(1, APRIL_FIRST, document), meter);
        assertThat(rules(verdict)).containsExactly(Rule.NO_LICENSE);
        assertThat(verdict.violations().get(0).estimatedFee()).isNull();
    }

    @Test
    void everyRuleIsReportedWithItsOutcome() {
        Verdict verdict = judge(event("microsoft", Purpose.ANALYTICS, 10, MID_APRIL), List.of(enterprise(1_000)));
        assertThat(verdict.checks())
                .extracting(Verdict.Check::rule)
                .contains(
                        Rule.NO_LICENSE,
                        Rule.LICENSE_NOT_IN_FORCE,
                        Rule.PURPOSE_NOT_LICENSED,
                        Rule.SCOPE_NOT_LICENSED,
                        Rule.QUOTA_EXCEEDED,
                        Rule.CRAWLER_DISALLOWED);
        assertThat(verdict.licenseId()).isEqualTo("ms-enterprise-2023");
        assertThat(verdict.checks())
                .filteredOn(c -> c.rule() == Rule.QUOTA_EXCEEDED)
                .singleElement()
                .satisfies(c -> assertThat(c.reason()).isEqualTo("10 of 1,000 records in 2023-04"));
    }

    @Test
    void numbersAndThresholdsHoldForHugeQuotas() {
        assertThat(Evaluator.format(0)).isEqualTo("0");
        assertThat(Evaluator.format(999)).isEqualTo("999");
        assertThat(Evaluator.format(1_000)).isEqualTo("1,000");
        assertThat(Evaluator.format(50_000_001)).isEqualTo("50,000,001");
        assertThat(Evaluator.format(-1_234_567)).isEqualTo("-1,234,567");
        assertThat(Evaluator.threshold(1_000, 80)).isEqualTo(800);
        assertThat(Evaluator.threshold(1_001, 80)).isEqualTo(801);
        assertThat(Evaluator.threshold(Long.MAX_VALUE, 100)).isEqualTo(Long.MAX_VALUE);
        assertThat(Evaluator.threshold(Long.MAX_VALUE, 80)).isPositive().isLessThan(Long.MAX_VALUE);
        Verdict verdict =
                judge(event("microsoft", Purpose.ANALYTICS, 10, MID_APRIL), List.of(enterprise(Long.MAX_VALUE / 2)));
        assertThat(verdict.violations()).isEmpty();
    }

    private static AccessEvent withResource(AccessEvent e, String kind, String uri) {
        return new AccessEvent(
                e.eventId(),
                e.observedAt(),
                e.owner(),
                e.consumer(),
                e.channel(),
                new AccessEvent.Resource(kind, uri),
                e.purpose(),
                e.volume(),
                e.evidence(),
                e.producer(),
                e.receivedAt());
    }
}
