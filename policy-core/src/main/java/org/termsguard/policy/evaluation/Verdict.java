package org.termsguard.policy.evaluation;

import java.time.Instant;
import java.util.List;
import org.termsguard.contracts.events.Identity;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.contracts.violations.PurposeSource;
import org.termsguard.contracts.violations.Rule;
import org.termsguard.contracts.violations.Violation;

/**
 * What the evaluator decided about one event and why: which terms version and license judged it, how consumer
 * and purpose were worked out, every rule with its outcome, and the violations.
 */
public record Verdict(
        String eventId,
        String owner,
        long termsVersion,
        Instant termsEffectiveFrom,
        String consumer,
        String consumerSource,
        Identity identity,
        Purpose purpose,
        PurposeSource purposeSource,
        String licenseId,
        UsageKey meteredAs,
        long recordsBefore,
        List<Check> checks,
        List<Violation> violations) {

    public enum Outcome {
        PASSED,
        FAILED,
        NOT_APPLICABLE
    }

    /** One rule as applied to this event. */
    public record Check(Rule rule, Outcome outcome, String reason) {}
}
