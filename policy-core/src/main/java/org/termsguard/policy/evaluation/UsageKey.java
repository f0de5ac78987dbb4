package org.termsguard.policy.evaluation;

import java.time.LocalDate;
import org.termsguard.policy.terms.QuotaPeriod;

/**
 * One usage counter: records of {@code owner}'s data used by {@code consumer} under {@code licenseId} in one
 * calendar period. Unlicensed use is counted under {@link #UNLICENSED} per month.
 */
public record UsageKey(String owner, String consumer, String licenseId, QuotaPeriod period, LocalDate periodStart) {

    public static final String UNLICENSED = "";
    public static final String UNKNOWN_CONSUMER = "?";

    public String periodLabel() {
        return period.label(periodStart);
    }
}
