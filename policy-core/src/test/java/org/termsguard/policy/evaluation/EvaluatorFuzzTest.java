package org.termsguard.policy.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.termsguard.contracts.crawlers.CrawlerRegistry;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.Channel;
import org.termsguard.contracts.events.Identity;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.policy.terms.TermsDocument;
import org.termsguard.policy.terms.TermsSnapshot;

/**
 * The evaluator on any event that passed ingest's validation (any consumer, purpose, volume, time, user agent,
 * address, URI): it always reaches a verdict with every rule accounted for, and never a negative fee.
 */
class EvaluatorFuzzTest {

    private static final Evaluator EVALUATOR = new Evaluator(
            CrawlerRegistry.bundled(), Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    private static final TermsSnapshot TERMS = new TermsSnapshot(
            1,
            Fixtures.APRIL_FIRST,
            Fixtures.xCorp(
                    List.of(Fixtures.enterprise(1_000_000)),
                    List.of(
                            new TermsDocument.Alias("ip-range", "203.0.113.0/24", "microsoft", Identity.VERIFIED, null),
                            new TermsDocument.Alias(
                                    "user-agent", "GPTBot", "openai", Identity.CLAIMED, Purpose.AI_TRAIN)),
                    "User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nDisallow: /private/\n"));

    @FuzzTest(maxDuration = "30s")
    void anyValidEventGetsAVerdict(FuzzedDataProvider data) {
        String[] consumers = {"microsoft", "openai", "stranger", null};
        Purpose[] purposes = Purpose.values();
        Instant at = Instant.ofEpochSecond(data.consumeLong(0, 4_102_444_800L));
        String consumer = data.pickValue(consumers);
        Purpose purpose = data.consumeBoolean() ? data.pickValue(purposes) : null;
        long records = data.consumeLong(1, Long.MAX_VALUE / 2);
        String userAgent = data.consumeBoolean() ? data.consumeString(200) : null;
        String ip = data.consumeBoolean() ? data.consumeString(45) : null;
        String uri = "https://api.x.example/" + data.consumeString(300);
        AccessEvent event = new AccessEvent(
                "fuzz-1",
                at,
                "x-corp",
                consumer,
                data.pickValue(Channel.values()),
                new AccessEvent.Resource(data.consumeString(20), uri),
                purpose,
                new AccessEvent.Volume(records, null),
                new AccessEvent.Evidence(data.consumeString(40), userAgent, ip, null, Identity.CLAIMED),
                "fuzz",
                at);
        Map<UsageKey, Long> counters = new HashMap<>();
        Verdict verdict = EVALUATOR.evaluate(event, TERMS, (key, n) -> {
            long before = counters.getOrDefault(key, 0L);
            counters.put(key, before + n);
            return before;
        });
        assertThat(verdict.checks()).isNotEmpty();
        verdict.violations().forEach(v -> {
            if (v.estimatedFee() != null) {
                assertThat(v.estimatedFee().amount().signum()).isNotNegative();
            }
        });
    }
}
