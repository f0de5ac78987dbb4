package org.termsguard.contracts.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.termsguard.contracts.violations.Rule;
import org.termsguard.contracts.violations.Severity;

/**
 * An incident's state change: the {@code data} of a CloudEvent of type {@value #CLOUD_EVENT_TYPE} on the
 * {@code alerts} topic, key {@code owner}, and the body of Termsguard's own webhooks. Schema:
 * {@code schemas/alert.schema.json}; ops teams read it with any Kafka tool.
 *
 * @param alertId unique per alert; receivers may use it to drop a redelivery
 * @param silenced a silence matched: the alert is on the topic but no receiver was notified
 */
public record Alert(String alertId, Kind kind, Instant at, boolean silenced, IncidentSummary incident) {

    public static final String CLOUD_EVENT_TYPE = "termsguard.alert";

    public enum Kind {
        @JsonProperty("opened")
        OPENED,
        @JsonProperty("updated")
        UPDATED,
        @JsonProperty("repeated")
        REPEATED,
        @JsonProperty("acknowledged")
        ACKNOWLEDGED,
        @JsonProperty("resolved")
        RESOLVED
    }

    /** Where an incident stands when the alert is sent. */
    public record IncidentSummary(
            String incidentId,
            String owner,
            String consumer,
            Rule rule,
            Severity severity,
            String status,
            Instant firstSeen,
            Instant lastSeen,
            long violations,
            long events,
            long records,
            Money estimatedFee,
            List<String> sampleEventIds,
            String noticeUrl) {}

    public record Money(BigDecimal amount, String currency) {}
}
