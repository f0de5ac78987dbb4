package org.termsguard.policy.evaluation;

import java.math.BigDecimal;

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
}
