package org.termsguard.alert.incidents;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.termsguard.contracts.alerts.Alert;
import org.termsguard.contracts.violations.Severity;
import org.termsguard.contracts.violations.Violation;

/**
 * Violations of one owner, consumer and rule, counted whole: nothing is dropped to save noise. Timing fields
 * drive notifications the way Alertmanager's group timers do.
 */
public final class Incident {

    static final int SAMPLE_SIZE = 10;

    final String id;
    final IncidentKey key;
    Severity severity;
    IncidentStatus status;
    Instant firstSeen;
    Instant lastSeen;
    long violations;
    long events;
    long records;
    BigDecimal feeAmount;
    String feeCurrency;
    final List<String> sampleEventIds;
    boolean silenced;
    /** When a violation last arrived: the quiet period before auto-resolving counts from here. */
    Instant lastViolationAt;
    /** Violations counted when the last alert went out; more than that means there is news. */
    long notifiedViolations;

    Instant lastNotifiedAt;
    Instant nextActionAt;
    final Instant createdAt;
    Instant acknowledgedAt;
    String acknowledgedBy;
    Instant resolvedAt;
    String resolvedBy;

    Incident(
            String id,
            IncidentKey key,
            Severity severity,
            IncidentStatus status,
            Instant firstSeen,
            Instant lastSeen,
            long violations,
            long events,
            long records,
            BigDecimal feeAmount,
            String feeCurrency,
            List<String> sampleEventIds,
            boolean silenced,
            Instant lastViolationAt,
            long notifiedViolations,
            Instant lastNotifiedAt,
            Instant nextActionAt,
            Instant createdAt,
            Instant acknowledgedAt,
            String acknowledgedBy,
            Instant resolvedAt,
            String resolvedBy) {
        this.id = id;
        this.key = key;
        this.severity = severity;
        this.status = status;
        this.firstSeen = firstSeen;
        this.lastSeen = lastSeen;
        this.violations = violations;
        this.events = events;
        this.records = records;
        this.feeAmount = feeAmount;
        this.feeCurrency = feeCurrency;
        this.sampleEventIds = new ArrayList<>(sampleEventIds);
        this.silenced = silenced;
        this.lastViolationAt = lastViolationAt;
        this.notifiedViolations = notifiedViolations;
        this.lastNotifiedAt = lastNotifiedAt;
        this.nextActionAt = nextActionAt;
        this.createdAt = createdAt;
        this.acknowledgedAt = acknowledgedAt;
        this.acknowledgedBy = acknowledgedBy;
        this.resolvedAt = resolvedAt;
        this.resolvedBy = resolvedBy;
    }

    /** A new open incident, first notified after the route's group wait. */
    static Incident open(IncidentKey key, Violation first, Instant now, Instant firstNotification) {
        return new Incident(
                "inc-" + UUID.randomUUID(),
                key,
                first.severity(),
                IncidentStatus.OPEN,
                first.observedAt(),
                first.observedAt(),
                0,
                0,
                0,
                null,
                null,
                List.of(),
                false,
                now,
                0,
                null,
                firstNotification,
                now,
                null,
                null,
                null,
                null);
    }

    /** Counts one more violation; {@code newEvent} says whether its event is new to this incident. */
    void absorb(Violation violation, boolean newEvent, Instant now) {
        violations++;
        if (newEvent) {
            events++;
            records += violation.volume() == null || violation.volume().records() == null
                    ? 1
                    : violation.volume().records();
            if (sampleEventIds.size() < SAMPLE_SIZE) {
                sampleEventIds.add(violation.eventId());
            }
        }
        if (violation.severity().compareTo(severity) < 0) {
            severity = violation.severity();
        }
        if (violation.observedAt().isBefore(firstSeen)) {
            firstSeen = violation.observedAt();
        }
        if (violation.observedAt().isAfter(lastSeen)) {
            lastSeen = violation.observedAt();
        }
        var fee = violation.estimatedFee();
        if (fee != null && fee.amount() != null) {
            if (feeCurrency == null || feeCurrency.equals(fee.currency())) {
                feeCurrency = fee.currency();
                feeAmount = feeAmount == null ? fee.amount() : feeAmount.add(fee.amount());
            }
            // Fees in a second currency are not summed into the first; the violations keep them.
        }
        lastViolationAt = now;
    }

    public String id() {
        return id;
    }

    public IncidentKey key() {
        return key;
    }

    public IncidentStatus status() {
        return status;
    }

    public Severity severity() {
        return severity;
    }

    public long violations() {
        return violations;
    }

    public long events() {
        return events;
    }

    public long records() {
        return records;
    }

    public boolean silenced() {
        return silenced;
    }

    public Instant nextActionAt() {
        return nextActionAt;
    }

    public Alert.IncidentSummary summary(String noticeUrl) {
        return new Alert.IncidentSummary(
                id,
                key.owner(),
                key.consumer(),
                key.rule(),
                severity,
                status.token(),
                firstSeen,
                lastSeen,
                violations,
                events,
                records,
                feeAmount == null ? null : new Alert.Money(feeAmount, feeCurrency),
                List.copyOf(sampleEventIds),
                noticeUrl);
    }
}
