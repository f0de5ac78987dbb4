package org.termsguard.contracts.violations;

import java.math.BigDecimal;
import java.time.Instant;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.Purpose;

/**
 * One rule broken by one event: the {@code data} of a CloudEvent of type {@value #CLOUD_EVENT_TYPE} on the
 * {@code violations} topic, key {@code owner/consumer}. Its JSON Schema is {@code schemas/violation.schema.json}.
 *
 * @param termsVersion the version of the owner's terms that judged the event (the one in force at observedAt)
 * @param licenseId the license whose grant was broken; null when there is none
 * @param clause the exact grant or term that was broken, quoted for the notice
 * @param explanation one human sentence with the numbers
 */
public record Violation(
        String violationId,
        String eventId,
        String owner,
        String consumer,
        Rule rule,
        Severity severity,
        long termsVersion,
        String licenseId,
        String clause,
        String explanation,
        Purpose purpose,
        PurposeSource purposeSource,
        AccessEvent.Volume volume,
        Instant observedAt,
        Instant evaluatedAt,
        Fee estimatedFee,
        AccessEvent event) {

    public static final String CLOUD_EVENT_TYPE = "termsguard.violation.detected";

    /** Money is decimal with its currency, never floating point. */
    public record Fee(BigDecimal amount, String currency, String basis) {}

    public String key() {
        return org.termsguard.contracts.topics.Topics.pairKey(owner, consumer);
    }
}
