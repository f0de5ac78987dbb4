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
 * Violations of one owner, consumer and rule, counted whole: nothing is dropped to save noise. Its life is a state
 * machine — open → acknowledged → resolved, or open → resolved; never reopened (a new incident starts) — whose
 * timing fields drive notifications the way Alertmanager's group timers do ({@link NotificationPlanner}).
 *
 * <p>Only the transitions below change it; the repository stores and restores it as a {@link Snapshot}.
 */
public final class Incident {

    static final int SAMPLE_SIZE = 10;

    /**
     * An incident as stored: every field, for the repository to save and {@link #restore} to load.
     *
     * @param lastViolationAt when a violation last arrived: the quiet period before auto-resolving counts from here
     * @param notifiedViolations violations counted when the last alert went out; more than that means there is news
     */
    public record Snapshot(
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
        public Snapshot {
            sampleEventIds = List.copyOf(sampleEventIds);
        }
    }

    private final String id;
    private final IncidentKey key;
    private final Instant createdAt;
    private final List<String> sampleEventIds;
    private Severity severity;
    private IncidentStatus status;
    private Instant firstSeen;
    private Instant lastSeen;
    private long violations;
    private long events;
    private long records;
    private BigDecimal feeAmount;
    private String feeCurrency;
    private boolean silenced;
    private Instant lastViolationAt;
    private long notifiedViolations;
    private Instant lastNotifiedAt;
    private Instant nextActionAt;
    private Instant acknowledgedAt;
    private String acknowledgedBy;
    private Instant resolvedAt;
    private String resolvedBy;

    private Incident(Snapshot s) {
        this.id = s.id();
        this.key = s.key();
        this.severity = s.severity();
        this.status = s.status();
        this.firstSeen = s.firstSeen();
        this.lastSeen = s.lastSeen();
        this.violations = s.violations();
        this.events = s.events();
        this.records = s.records();
        this.feeAmount = s.feeAmount();
        this.feeCurrency = s.feeCurrency();
        this.sampleEventIds = new ArrayList<>(s.sampleEventIds());
        this.silenced = s.silenced();
        this.lastViolationAt = s.lastViolationAt();
        this.notifiedViolations = s.notifiedViolations();
        this.lastNotifiedAt = s.lastNotifiedAt();
        this.nextActionAt = s.nextActionAt();
        this.createdAt = s.createdAt();
        this.acknowledgedAt = s.acknowledgedAt();
        this.acknowledgedBy = s.acknowledgedBy();
        this.resolvedAt = s.resolvedAt();
        this.resolvedBy = s.resolvedBy();
    }

    /** An incident as the repository stored it. */
    public static Incident restore(Snapshot snapshot) {
        return new Incident(snapshot);
    }

    public Snapshot snapshot() {
        return new Snapshot(
                id,
                key,
                severity,
                status,
                firstSeen,
                lastSeen,
                violations,
                events,
                records,
                feeAmount,
                feeCurrency,
                sampleEventIds,
                silenced,
                lastViolationAt,
                notifiedViolations,
                lastNotifiedAt,
                nextActionAt,
                createdAt,
                acknowledgedAt,
                acknowledgedBy,
                resolvedAt,
                resolvedBy);
    }

    /** A new open incident, first notified after the route's group wait. */
    static Incident open(IncidentKey key, Violation first, Instant now, Instant firstNotification) {
        return new Incident(new Snapshot(
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
                null));
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
        if (nextActionAt == null) {
            nextActionAt = now;
        }
    }

    /** Whether a silence mutes it now: a muted incident is still counted, only its alerts are held. */
    void mute(boolean muted) {
        silenced = muted;
    }

    /** Acknowledged by hand: repeats stop, news still alerts (its alert is recorded by {@link #notified}). */
    public void acknowledge(String who, Instant now) {
        requireLive();
        status = IncidentStatus.ACKNOWLEDGED;
        acknowledgedAt = now;
        acknowledgedBy = who;
    }

    /** Resolved by hand: the resolution takes effect when its alert is recorded by {@link #notified}. */
    public void resolveBy(String who) {
        requireLive();
        resolvedBy = who;
    }

    /** Nothing is due before {@code next} ({@code null}: never again). */
    public void waitUntil(Instant next) {
        nextActionAt = next;
    }

    /** Records that an alert of {@code kind} went out now; a {@code resolved} alert ends the incident. */
    void notified(Alert.Kind kind, Instant now, String autoResolution) {
        lastNotifiedAt = now;
        notifiedViolations = violations;
        if (kind == Alert.Kind.RESOLVED) {
            status = IncidentStatus.RESOLVED;
            resolvedAt = now;
            resolvedBy = resolvedBy == null ? autoResolution : resolvedBy;
            nextActionAt = null;
        }
    }

    private void requireLive() {
        if (status == IncidentStatus.RESOLVED) {
            throw new IllegalStateException("incident " + id + " is resolved; a resolved incident never changes");
        }
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

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastViolationAt() {
        return lastViolationAt;
    }

    public Instant lastNotifiedAt() {
        return lastNotifiedAt;
    }

    /** Whether violations arrived since the last alert. */
    public boolean hasNews() {
        return violations > notifiedViolations;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    public String acknowledgedBy() {
        return acknowledgedBy;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public String resolvedBy() {
        return resolvedBy;
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
