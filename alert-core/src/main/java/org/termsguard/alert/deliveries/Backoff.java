package org.termsguard.alert.deliveries;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): attempt n waits a
 * random time up to min(max, base × 2^(n-1)), so retries of many failed deliveries do not arrive together.
 */
public record Backoff(Duration base, Duration max, RandomGenerator random) {

    public Duration after(int attempt) {
        long cap = Math.min(max.toMillis(), base.toMillis() << Math.min(attempt - 1, 30));
        return Duration.ofMillis(cap <= 0 ? 0 : 1 + random.nextLong(cap));
    }
}
