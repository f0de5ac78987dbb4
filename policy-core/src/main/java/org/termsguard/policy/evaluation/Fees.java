package org.termsguard.policy.evaluation;

import java.math.BigDecimal;
import org.termsguard.contracts.violations.Violation;
import org.termsguard.policy.terms.TermsDocument;

/** Prices per 1,000 records, in exact decimals. */
public final class Fees {

    private Fees() {}

    /**
     * {@code records} × {@code perThousand} / 1,000, exact, with at least cents shown: 50,000 at 0.84 is 42.00,
     * 1 at 0.84 is 0.00084 (nothing is rounded away; presentation may round).
     */
    public static BigDecimal perThousand(BigDecimal perThousand, long records) {
        BigDecimal amount = perThousand
                .multiply(BigDecimal.valueOf(records))
                .movePointLeft(3)
                .stripTrailingZeros();
        return amount.scale() < 2 ? amount.setScale(2) : amount;
    }

    /**
     * Use without a license at the owner's list price, worded the same wherever it is priced (a violation, the
     * usage report): "50,000 unlicensed records × 0.84 USD per 1,000 (x-corp's list price)".
     */
    public static Violation.Fee atListPrice(long records, TermsDocument.ListPrice price, String owner) {
        return new Violation.Fee(
                perThousand(price.perThousandRecords(), records),
                price.currency(),
                Evaluator.format(records) + " unlicensed records × "
                        + price.perThousandRecords().toPlainString() + " " + price.currency() + " per 1,000 ("
                        + owner + "'s list price)");
    }

    /** Use over a license's quota at its overage rate: "1 records over quota × 2.50 USD per 1,000 (license l overage rate)". */
    public static Violation.Fee overQuota(long over, TermsDocument.Money rate, String licenseId) {
        return new Violation.Fee(
                perThousand(rate.amount(), over),
                rate.currency(),
                Evaluator.format(over) + " records over quota × "
                        + rate.amount().toPlainString() + " " + rate.currency() + " per 1,000 (license " + licenseId
                        + " overage rate)");
    }
}
