package org.termsguard.policy.evaluation;

/**
 * Sums of record counts that never wrap. Counts are never negative, and a sum past 2^63−1 stays there: it is far
 * past any quota, so every rule still decides as it would with the exact sum, and nothing throws into a retry loop.
 */
public final class Records {

    private Records() {}

    public static long add(long a, long b) {
        long sum = a + b;
        // Overflow iff both operands have the sign opposite to the result (Hacker's Delight §2-13).
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }
}
