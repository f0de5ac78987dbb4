package org.termsguard.policy.evaluation;

/** Usage counters as the evaluator sees them while it judges events one after another. */
public interface Meter {

    /** Adds {@code records} to the counter and answers what it held before. */
    long add(UsageKey key, long records);
}
