package org.termsguard.policy.imports;

import java.math.BigDecimal;
import org.termsguard.policy.terms.QuotaPeriod;

/**
 * A {@code compensate} duty or remedy as read (ODRL 2.2 Vocabulary: compensate, payAmount, unit): an amount in a
 * currency, optionally per period, and what Termsguard's {@code tg:per} says it is charged for.
 *
 * @param period the {@code timeInterval} of a recurring price; null when there is none
 * @param per the {@code tg:per} ({@link OdrlIris#PER_THOUSAND}, {@link OdrlIris#PER_THOUSAND_OVER_QUOTA}); null for
 *     the price of the license itself
 * @param text the compensation as the report quotes it: {@code 25000.00 EUR per 1000 records}
 */
record Compensation(BigDecimal amount, String currency, QuotaPeriod period, String per, String text) {}
