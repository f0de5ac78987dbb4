package org.termsguard.policy.imports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.policy.terms.QuotaPeriod;

/**
 * What the constraints and refinements of one rule say, as far as Termsguard's terms can hold it (ODRL 2.2
 * Information Model §2.5.3 and §2.5.4): the purposes it narrows to or excludes, a quota, a validity, resource kinds
 * and a payment. Whatever cannot be held is kept in {@link #unmapped} as the clause and the reason, so the rule's
 * reader decides what a rule limited by it comes to.
 *
 * @param purposes the purposes the constraints allow, ordered as {@link Purpose}; null when none constrains the
 *     purpose (every purpose of the action)
 * @param excluded purposes the constraints rule out ({@code neq}, {@code isNoneOf})
 * @param count the upper bound of a {@code count}, inclusive; null when there is none
 * @param period the {@code timeInterval} of a count or a price; null when there is none
 * @param from the start of the validity, inclusive; null when there is none
 * @param until the end of the validity, inclusive; null when there is none
 * @param kinds the resource kinds ({@code tg:resourceKind}) the rule is limited to, in document order
 * @param amount the {@code payAmount}; null when there is none
 * @param currency the ISO 4217 code of the payment's {@code unit}; null when there is none or it is not a currency
 * @param unmapped each constraint that could not be held: the constraint as written and, in parentheses, why
 */
record Limits(
        Set<Purpose> purposes,
        Set<Purpose> excluded,
        Long count,
        QuotaPeriod period,
        Instant from,
        Instant until,
        List<String> kinds,
        BigDecimal amount,
        String currency,
        List<String> unmapped) {

    Limits {
        purposes = purposes == null ? null : frozen(purposes);
        excluded = frozen(excluded);
        kinds = List.copyOf(kinds);
        unmapped = List.copyOf(unmapped);
    }

    /** Whether these limits say nothing but which purposes are allowed: a logical {@code or} can join only such. */
    boolean onlyPurposes() {
        return purposes != null
                && excluded.isEmpty()
                && count == null
                && period == null
                && from == null
                && until == null
                && kinds.isEmpty()
                && amount == null
                && unmapped.isEmpty();
    }

    private static Set<Purpose> frozen(Set<Purpose> purposes) {
        Set<Purpose> copy = EnumSet.noneOf(Purpose.class);
        copy.addAll(purposes);
        return Collections.unmodifiableSet(copy);
    }

    /**
     * Gathers limits one constraint at a time, in document order: purpose constraints intersect, exclusions add up,
     * a later bound replaces an earlier one of the same kind. Used by one reading and then built.
     */
    static final class Builder {
        private Set<Purpose> purposes;
        private final Set<Purpose> excluded = EnumSet.noneOf(Purpose.class);
        private Long count;
        private QuotaPeriod period;
        private Instant from;
        private Instant until;
        private final List<String> kinds = new ArrayList<>();
        private BigDecimal amount;
        private String currency;
        private final List<String> unmapped = new ArrayList<>();

        /** Keeps only the purposes also in {@code allowed}; the first purpose constraint sets them. */
        Builder narrowTo(Set<Purpose> allowed) {
            if (purposes == null) {
                purposes = EnumSet.noneOf(Purpose.class);
                purposes.addAll(allowed);
            } else {
                purposes.retainAll(allowed);
            }
            return this;
        }

        Builder exclude(Set<Purpose> purposes) {
            excluded.addAll(purposes);
            return this;
        }

        Builder count(long count) {
            this.count = count;
            return this;
        }

        Builder period(QuotaPeriod period) {
            this.period = period;
            return this;
        }

        Builder from(Instant from) {
            this.from = from;
            return this;
        }

        Builder until(Instant until) {
            this.until = until;
            return this;
        }

        Builder kinds(List<String> kinds) {
            this.kinds.addAll(kinds);
            return this;
        }

        /** @param currency null when the unit is not a currency Termsguard knows */
        Builder payment(BigDecimal amount, String currency) {
            this.amount = amount;
            this.currency = currency;
            return this;
        }

        /** @param constraint the constraint as written, then why it cannot be held, in parentheses */
        Builder unmapped(String constraint) {
            unmapped.add(constraint);
            return this;
        }

        Limits build() {
            return new Limits(purposes, excluded, count, period, from, until, kinds, amount, currency, unmapped);
        }
    }
}
