package org.termsguard.policy.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.termsguard.policy.evaluation.Fixtures.APRIL_FIRST;
import static org.termsguard.policy.evaluation.Fixtures.enterprise;
import static org.termsguard.policy.evaluation.Fixtures.xCorp;
import static org.termsguard.policy.evaluation.Fixtures.xCorpDefaults;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.termsguard.contracts.crawlers.CrawlerRegistry;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.Channel;
import org.termsguard.contracts.events.Identity;
import org.termsguard.contracts.events.OwnedEventId;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.policy.metering.FreshEvents;
import org.termsguard.policy.terms.TermsDocument;
import org.termsguard.policy.terms.TermsSnapshot;

/**
 * Metering is exact for any mix of retries (issue #16): producers re-send events (the same owner and eventId),
 * copies land in one consumed batch or in later ones, two owners' producers use the same ids, and volumes reach
 * the extremes. The batches go through what policy-service runs — the ledger's insert (modelled as the set of
 * identities it holds: {@code on conflict do nothing returning}), {@link FreshEvents}, the {@link Evaluator} and a
 * meter that adds like {@code BatchEvaluation}'s — and every counter must equal the oracle's sum over the distinct
 * events, saturating at 2^63−1 like {@link Records}, never negative.
 */
class ExactMeteringProperties {

    private static final Instant AT = Instant.parse("2023-04-12T09:30:00Z");
    private static final List<String> OWNERS = List.of("x-corp", "reddit");
    private static final long[] VOLUMES = {
        0, 1, 1_000, 999_999_999_999L, 1_000_000_000_000L, Long.MAX_VALUE / 2, Long.MAX_VALUE
    };

    private final Evaluator evaluator =
            new Evaluator(CrawlerRegistry.bundled(), Clock.fixed(AT.plusSeconds(60), ZoneOffset.UTC));
    private final Map<String, TermsSnapshot> terms = Map.of(
            "x-corp",
            new TermsSnapshot(1, APRIL_FIRST, xCorp(List.of(enterprise(5_000_000)), List.of(), null)),
            "reddit",
            new TermsSnapshot(
                    1,
                    APRIL_FIRST,
                    new TermsDocument(
                            "reddit", "Reddit", "legal@reddit.example", xCorpDefaults(), null, List.of(), List.of())));

    /** One distinct event: who sent it, its id, and its volume, the same in every copy. */
    record Sent(String owner, int id, int volume) {
        AccessEvent event() {
            return new AccessEvent(
                    "e-" + id,
                    AT,
                    owner,
                    "microsoft",
                    Channel.API,
                    new AccessEvent.Resource("tweets", "https://api.x.example/2/tweets"),
                    Purpose.ANALYTICS,
                    new AccessEvent.Volume(VOLUMES[volume], null),
                    new AccessEvent.Evidence(null, null, null, null, Identity.CLAIMED),
                    "gateway",
                    AT);
        }
    }

    /** Random traffic from a seed: few ids and two owners, so re-sends and cross-owner collisions are the rule. */
    private static List<Sent> traffic(Random random) {
        List<Sent> sent = new ArrayList<>();
        for (int i = 1 + random.nextInt(60); i > 0; i--) {
            sent.add(new Sent(
                    OWNERS.get(random.nextInt(OWNERS.size())), random.nextInt(8), random.nextInt(VOLUMES.length)));
        }
        return sent;
    }

    /**
     * 500 generated cases, each from its own seed so that a failure names the seed that reproduces it. (Property
     * tests by hand rather than with jqwik: jqwik 1.10's output asks AI agents not to use it.)
     */
    @TestFactory
    Stream<DynamicTest> countersEqualTheOraclesSum() {
        return IntStream.range(0, 500)
                .mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
                    Random random = new Random(seed);
                    List<Integer> order = new ArrayList<>();
                    for (int i = random.nextInt(61); i > 0; i--) {
                        order.add(random.nextInt(60));
                    }
                    countersEqualTheOraclesSum(traffic(random), order, 1 + random.nextInt(12));
                }));
    }

    private void countersEqualTheOraclesSum(List<Sent> distinctish, List<Integer> order, int batchSize) {
        // The first volume drawn for an (owner, id) is that event's; every later draw of the pair is a re-send.
        Map<OwnedEventId, AccessEvent> events = new HashMap<>();
        for (Sent s : distinctish) {
            events.putIfAbsent(new OwnedEventId(s.owner(), "e-" + s.id()), s.event());
        }
        List<AccessEvent> pool = new ArrayList<>(events.values());
        List<AccessEvent> stream = new ArrayList<>(pool);
        for (int pick : order) {
            stream.add(pool.get(pick % pool.size()));
        }

        Set<OwnedEventId> ledger = new HashSet<>();
        Map<UsageKey, Long> counters = new HashMap<>();
        Meter meter = (key, records) -> {
            long before = counters.getOrDefault(key, 0L);
            counters.put(key, Records.add(before, records));
            return before;
        };
        for (int from = 0; from < stream.size(); from += batchSize) {
            List<AccessEvent> batch = stream.subList(from, Math.min(stream.size(), from + batchSize));
            Set<OwnedEventId> unseen = new LinkedHashSet<>();
            for (AccessEvent event : batch) {
                if (ledger.add(OwnedEventId.of(event))) {
                    unseen.add(OwnedEventId.of(event));
                }
            }
            for (AccessEvent event : FreshEvents.select(batch, unseen).fresh()) {
                evaluator.evaluate(event, terms.get(event.owner()), meter);
            }
        }

        Map<String, Long> oracle = new HashMap<>();
        events.values().forEach(e -> oracle.merge(e.owner(), e.volume().recordsOrOne(), Records::add));
        Map<String, Long> metered = new HashMap<>();
        counters.forEach((key, records) -> metered.merge(key.owner(), records, Records::add));
        assertThat(metered).isEqualTo(oracle);
        assertThat(counters.values()).allSatisfy(records -> assertThat(records).isNotNegative());
    }

    @TestFactory
    Stream<DynamicTest> recordSumsSaturateInsteadOfWrapping() {
        Random random = new Random(16);
        long[] edges = {0, 1, Long.MAX_VALUE / 2, Long.MAX_VALUE / 2 + 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        List<long[]> cases = new ArrayList<>();
        for (long a : edges) {
            for (long b : edges) {
                cases.add(new long[] {a, b});
            }
        }
        for (int i = 0; i < 1000; i++) {
            cases.add(new long[] {random.nextLong() >>> 1, random.nextLong() >>> 1});
        }
        return cases.stream()
                .map(pair -> DynamicTest.dynamicTest(pair[0] + " + " + pair[1], () -> {
                    BigInteger exact = BigInteger.valueOf(pair[0]).add(BigInteger.valueOf(pair[1]));
                    long expected =
                            exact.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
                    assertThat(Records.add(pair[0], pair[1])).isEqualTo(expected);
                }));
    }
}
