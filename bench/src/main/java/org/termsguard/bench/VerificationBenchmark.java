package org.termsguard.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.termsguard.contracts.events.Verification;
import org.termsguard.contracts.events.Verification.Verdict;
import org.termsguard.ingest.verification.BuiltInSources;
import org.termsguard.ingest.verification.IpRangeSnapshot;
import org.termsguard.ingest.verification.Observation;
import org.termsguard.ingest.verification.SnapshotHistories;
import org.termsguard.ingest.verification.SnapshotHistory;
import org.termsguard.ingest.verification.Verifier;
import org.termsguard.ingest.verification.WebBotAuth;

/**
 * What crawler-identity verification costs ingest per event (the issue on crawler identity: list lookups ≤ 1 µs).
 * Every built-in source is loaded with the operators' lists as shipped (Google's 307 prefixes, ChatGPT-User's 217, …),
 * Google's with two versions so that the as-of selection has a choice. The addresses cycle through 16 clients, half
 * inside a list and half outside, IPv4 and IPv6, as text (ingest parses each event's address).
 *
 * <ul>
 *   <li>{@code listLookup}: the version in force at {@code observedAt} and the prefix holding the address (or none).
 *   <li>{@code verifyListed}, {@code verifyContradicted}: a whole {@link Verifier#verify} — user-agent matching,
 *       every list of the claimed operator, the basis and the reasons — for a GPTBot claim from inside and from outside
 *       OpenAI's list.
 *   <li>{@code verifyBrowser}: a browser user agent, which is checked against every list (a crawler hiding behind one).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class VerificationBenchmark {

    private static final String GPTBOT_UA =
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)";
    private static final String BROWSER_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
    private static final Instant AT = Instant.parse("2026-11-01T00:00:00Z");
    private static final String[] CLIENTS = {
        "66.249.66.1", "66.249.79.10", "203.0.113.9", "198.51.100.23",
        "2001:4860:4801:10::7", "2001:db8::1", "192.0.2.44", "34.100.182.100",
        "66.249.64.3", "8.8.8.8", "2001:4860:4801:2a::1", "2a00:1450:4001::1",
        "35.247.243.240", "10.0.0.1", "66.249.68.65", "1.1.1.1"
    };

    private SnapshotHistories histories;
    private SnapshotHistory<IpRangeSnapshot> google;
    private Verifier verifier;
    private int next;

    @Setup
    public void load() throws Exception {
        histories = new SnapshotHistories();
        for (var source : BuiltInSources.all()) {
            Optional<byte[]> document = BuiltInSources.seedDocument(source.sourceId());
            if (document.isPresent()) {
                histories.ipRanges(source.sourceId()).add(IpRangeSnapshot.parse(document.get(), Optional.empty(), AT));
            }
        }
        google = histories.ipRanges("google-googlebot");
        // An older version of Google's list, so that finding the one in force is a real choice.
        google.add(IpRangeSnapshot.parse(
                "{\"prefixes\":[{\"ipv4Prefix\":\"66.249.64.0/19\"}]}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Optional.of(Instant.parse("2024-01-01T00:00:00Z")),
                AT));
        verifier = new Verifier(BuiltInSources.all(), histories, new WebBotAuth(Duration.ofMinutes(1)));
        check(verifier.verify(Observation.of(GPTBOT_UA, "20.171.206.12", AT)), Verdict.LISTED);
        check(verifier.verify(Observation.of(GPTBOT_UA, "203.0.113.9", AT)), Verdict.CONTRADICTED);
        int inside = 0;
        for (int i = 0; i < CLIENTS.length; i++) {
            inside += listLookup() == null ? 0 : 1;
        }
        if (inside == 0 || inside == CLIENTS.length) {
            throw new IllegalStateException("the clients must be partly inside Google's list, not " + inside);
        }
    }

    private static void check(Verification verification, Verdict expected) {
        if (verification.verdict() != expected) {
            throw new IllegalStateException("expected " + expected + ", got " + verification);
        }
    }

    private String client() {
        next = (next + 1) & 15;
        return CLIENTS[next];
    }

    @Benchmark
    public String listLookup() {
        return google.inForceAt(AT)
                .orElseThrow()
                .snapshot()
                .prefixHolding(client())
                .orElse(null);
    }

    @Benchmark
    public Verification verifyListed() {
        return verifier.verify(Observation.of(GPTBOT_UA, "20.171.206.12", AT));
    }

    @Benchmark
    public Verification verifyContradicted() {
        return verifier.verify(Observation.of(GPTBOT_UA, client(), AT));
    }

    @Benchmark
    public Verification verifyBrowser() {
        return verifier.verify(Observation.of(BROWSER_UA, client(), AT));
    }
}
