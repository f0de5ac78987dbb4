package org.termsguard.policy.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.termsguard.contracts.crawlers.CrawlerRegistry;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.Channel;
import org.termsguard.contracts.events.Identity;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.policy.evaluation.Evaluator;
import org.termsguard.policy.evaluation.Meter;
import org.termsguard.policy.evaluation.UsageKey;
import org.termsguard.policy.evaluation.Verdict;
import org.termsguard.policy.terms.LicenseStatus;
import org.termsguard.policy.terms.QuotaPeriod;
import org.termsguard.policy.terms.TermsDocument;
import org.termsguard.policy.terms.TermsDocument.Alias;
import org.termsguard.policy.terms.TermsDocument.License;
import org.termsguard.policy.terms.TermsSnapshot;

/** Export to ODRL, import into a fresh owner: a table of events gets the same decisions from both. */
class OdrlRoundTripTest {

    private static final Instant APRIL = Instant.parse("2023-04-01T00:00:00Z");
    private static final Instant MARCH_END = Instant.parse("2024-03-31T23:59:59Z");
    private static final Evaluator EVALUATOR = new Evaluator(
            CrawlerRegistry.bundled(), Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC));

    static TermsDocument xCorp() {
        var defaults = new TermsDocument.DefaultTerms(
                List.of(Purpose.DISPLAY, Purpose.SEARCH),
                List.of(Purpose.AI_TRAIN, Purpose.AI_INPUT, Purpose.AI_INDEX, Purpose.ANALYTICS),
                new TermsDocument.ListPrice(new BigDecimal("0.84"), "USD"));
        List<License> licenses = List.of(
                new License(
                        "ms-enterprise-2023",
                        "microsoft",
                        "enterprise",
                        List.of(Purpose.DISPLAY, Purpose.ANALYTICS),
                        new TermsDocument.Scope(List.of("posts", "tweets"), List.of("https://api.x.example/2/")),
                        new TermsDocument.Quota(1_000, QuotaPeriod.MONTH),
                        new TermsDocument.Price(new BigDecimal("42000.00"), "USD", "P1M"),
                        new TermsDocument.Money(new BigDecimal("0.84"), "USD"),
                        APRIL,
                        MARCH_END,
                        LicenseStatus.ACTIVE),
                new License(
                        "acme-daily",
                        "acme-analytics",
                        null,
                        List.of(Purpose.AI_ALL),
                        null,
                        new TermsDocument.Quota(500, QuotaPeriod.DAY),
                        null,
                        null,
                        APRIL,
                        null,
                        LicenseStatus.ACTIVE),
                new License(
                        "old-deal",
                        "oldco",
                        "basic",
                        List.of(Purpose.ALL),
                        new TermsDocument.Scope(List.of(), List.of("https://api.x.example/1.1/", "https://x.example/")),
                        null,
                        null,
                        null,
                        APRIL,
                        null,
                        LicenseStatus.SUSPENDED));
        List<Alias> aliases = List.of(
                new Alias("api-client", "ms-ads-7731", "microsoft", Identity.VERIFIED, Purpose.ANALYTICS),
                new Alias("ip-range", "198.51.100.0/24", "acme-analytics", Identity.VERIFIED, null));
        return new TermsDocument(
                "x-corp",
                "X Corp.",
                "legal@x.example",
                defaults,
                "User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n",
                licenses,
                aliases);
    }

    private static AccessEvent event(
            int n,
            String consumer,
            Purpose purpose,
            long records,
            String at,
            String uri,
            String apiClient,
            String ip,
            String ua) {
        Instant observed = Instant.parse(at);
        return new AccessEvent(
                "rt-" + n,
                observed,
                "x-corp",
                consumer,
                Channel.API,
                new AccessEvent.Resource("tweets", uri),
                purpose,
                new AccessEvent.Volume(records, null),
                new AccessEvent.Evidence(apiClient, ua, ip, null, Identity.CLAIMED),
                "gateway-1",
                observed);
    }

    static List<AccessEvent> table() {
        String api = "https://api.x.example/2/tweets/search/all";
        List<AccessEvent> events = new ArrayList<>();
        int n = 0;
        for (String at : List.of("2023-03-15T00:00:00Z", "2023-04-12T09:30:00Z", "2024-05-01T00:00:00Z")) {
            for (Purpose purpose : Purpose.values()) {
                events.add(event(++n, "microsoft", purpose, 400, at, api, null, null, null));
                events.add(event(++n, "acme-analytics", purpose, 300, at, api, null, null, null));
                events.add(event(++n, "oldco", purpose, 10, at, api, null, null, null));
                events.add(event(++n, "stranger", purpose, 10, at, api, null, null, null));
            }
            events.add(
                    event(++n, "microsoft", Purpose.DISPLAY, 10, at, "https://elsewhere.example/x", null, null, null));
            events.add(event(++n, null, null, 10, at, api, "ms-ads-7731", null, null));
            events.add(event(++n, null, Purpose.AI_TRAIN, 10, at, api, null, "198.51.100.9", null));
            events.add(
                    event(
                            ++n,
                            null,
                            null,
                            10,
                            at,
                            "https://x.example/user/1",
                            null,
                            null,
                            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.1; +https://openai.com/gptbot)"));
        }
        return events;
    }

    /** What a decision is, without the owner's name or ids derived from it. */
    record Decision(String consumer, Purpose purpose, String licenseId, List<String> checks, List<String> violations) {}

    static List<Decision> decide(TermsDocument document) {
        TermsSnapshot terms = new TermsSnapshot(1, APRIL, document);
        Map<UsageKey, Long> counters = new HashMap<>();
        Meter meter = (key, records) -> {
            UsageKey anonymous =
                    new UsageKey("owner", key.consumer(), key.licenseId(), key.period(), key.periodStart());
            long before = counters.getOrDefault(anonymous, 0L);
            counters.put(anonymous, before + records);
            return before;
        };
        List<Decision> decisions = new ArrayList<>();
        for (AccessEvent event : table()) {
            Verdict verdict = EVALUATOR.evaluate(event, terms, meter);
            decisions.add(new Decision(
                    verdict.consumer(),
                    verdict.purpose(),
                    verdict.licenseId(),
                    verdict.checks().stream()
                            .map(c -> c.rule() + "=" + c.outcome())
                            .toList(),
                    verdict.violations().stream()
                            .map(v -> v.rule() + "/" + v.severity() + "/" + v.licenseId() + "/"
                                    + (v.estimatedFee() == null
                                            ? "-"
                                            : v.estimatedFee()
                                                            .amount()
                                                            .stripTrailingZeros()
                                                            .toPlainString() + " "
                                                    + v.estimatedFee().currency()))
                            .toList()));
        }
        return decisions;
    }

    @Test
    void anExportedPolicyImportedIntoAFreshOwnerDecidesEveryEventTheSameWay() {
        TermsDocument original = xCorp();
        String odrl = OdrlWriter.write(original, 7, APRIL).toString();

        ImportedTerms imported = OdrlReader.read(odrl, Instant.parse("2026-11-29T00:00:00Z"));
        TermsDocument copy = TermsCombiner.combine("x-corp-copy", null, imported);

        assertThat(imported.report().unmapped()).isEmpty();
        assertThat(copy.licenses()).isEqualTo(original.licenses());
        assertThat(copy.aliases()).isEqualTo(original.aliases());
        assertThat(copy.robotsTxt()).isEqualTo(original.robotsTxt());
        List<Decision> expected = decide(original);
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(expected.stream().filter(d -> !d.violations().isEmpty())).hasSizeGreaterThan(20);
        assertThat(decide(copy)).isEqualTo(expected);
    }
}
