package org.termsguard.policy.terms;

import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * All versions of one owner's terms along time. An event is judged by the version in force at its observedAt,
 * not today's: back-filled logs from last April meet last April's contracts.
 */
public final class OwnerTimeline {

    private final NavigableMap<Instant, TermsSnapshot> byEffectiveFrom = new TreeMap<>();
    private TermsSnapshot latest;

    /** Versions must come in version order; effectiveFrom never decreases (the past is append-only). */
    public void add(TermsSnapshot snapshot) {
        if (latest != null && snapshot.version() <= latest.version()) {
            throw new IllegalArgumentException("Version " + snapshot.version() + " after " + latest.version());
        }
        byEffectiveFrom.put(snapshot.effectiveFrom(), snapshot);
        latest = snapshot;
    }

    /** The version in force at {@code instant}; empty before the first one took effect. */
    public Optional<TermsSnapshot> at(Instant instant) {
        return Optional.ofNullable(byEffectiveFrom.floorEntry(instant)).map(Map.Entry::getValue);
    }

    public Optional<TermsSnapshot> latest() {
        return Optional.ofNullable(latest);
    }
}
