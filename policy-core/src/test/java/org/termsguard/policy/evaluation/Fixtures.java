package org.termsguard.policy.evaluation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.Channel;
import org.termsguard.contracts.events.Identity;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.policy.terms.LicenseStatus;
import org.termsguard.policy.terms.QuotaPeriod;
import org.termsguard.policy.terms.TermsDocument;
import org.termsguard.policy.terms.TermsDocument.License;

/** DESIGN.md's x-corp and its Microsoft enterprise license, as test data. */
final class Fixtures {

    static final Instant APRIL_FIRST = Instant.parse("2023-04-01T00:00:00Z");
    static final Instant MARCH_END = Instant.parse("2024-03-31T23:59:59Z");

    private Fixtures() {}

    static TermsDocument.DefaultTerms xCorpDefaults() {
        return new TermsDocument.DefaultTerms(
                List.of(Purpose.DISPLAY, Purpose.SEARCH),
                List.of(Purpose.AI_TRAIN, Purpose.AI_INPUT, Purpose.AI_INDEX, Purpose.ANALYTICS),
                new TermsDocument.ListPrice(new BigDecimal("0.84"), "USD"));
    }

    static License enterprise(long quota) {
        return license(
                "ms-enterprise-2023",
                "microsoft",
                List.of(Purpose.DISPLAY, Purpose.ANALYTICS),
                quota,
                APRIL_FIRST,
                MARCH_END,
                LicenseStatus.ACTIVE);
    }

    static License license(
            String id,
            String licensee,
            List<Purpose> purposes,
            Long quota,
            Instant from,
            Instant until,
            LicenseStatus status) {
        return new License(
                id,
                licensee,
                "enterprise",
                purposes,
                new TermsDocument.Scope(List.of("posts", "tweets"), List.of("https://api.x.example/2/")),
                quota == null ? null : new TermsDocument.Quota(quota, QuotaPeriod.MONTH),
                new TermsDocument.Price(new BigDecimal("42000.00"), "USD", "P1M"),
                new TermsDocument.Money(new BigDecimal("0.84"), "USD"),
                from,
                until,
                status);
    }

    static TermsDocument xCorp(List<License> licenses, List<TermsDocument.Alias> aliases, String robotsTxt) {
        return new TermsDocument("x-corp", "X Corp.", "legal@x.example", xCorpDefaults(), robotsTxt, licenses, aliases);
    }

    static AccessEvent event(String consumer, Purpose purpose, long records, Instant at) {
        return new AccessEvent(
                "e-" + at.toEpochMilli() + "-" + records + "-" + consumer,
                at,
                "x-corp",
                consumer,
                Channel.API,
                new AccessEvent.Resource("tweets", "https://api.x.example/2/tweets/search/all"),
                purpose,
                new AccessEvent.Volume(records, null),
                new AccessEvent.Evidence("ms-ads-7731", null, "203.0.113.7", "r-88", Identity.CLAIMED),
                "gateway-1",
                at.plusSeconds(1));
    }

    /** Counters in memory, as the consumer keeps them within a batch. */
    static final class MemoryMeter implements Meter {
        final Map<UsageKey, Long> counters = new HashMap<>();

        @Override
        public long add(UsageKey key, long records) {
            long before = counters.getOrDefault(key, 0L);
            counters.put(key, before + records);
            return before;
        }
    }
}
