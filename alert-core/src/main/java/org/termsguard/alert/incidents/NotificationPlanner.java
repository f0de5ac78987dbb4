package org.termsguard.alert.incidents;

import java.time.Instant;
import java.util.Optional;
import org.termsguard.alert.routes.Route;
import org.termsguard.contracts.alerts.Alert;

/**
 * Decides, for one incident at one moment, which alert is due (if any) and when to look again — Alertmanager's
 * group timers, per incident:
 *
 * <ul>
 *   <li>{@code resolved} once {@code resolveAfter} has passed without a new violation;
 *   <li>{@code opened} once {@code groupWait} has passed since the incident opened;
 *   <li>{@code updated} when violations arrived since the last alert and {@code groupInterval} has passed since it
 *       (so at most one update per group interval);
 *   <li>{@code repeated} every {@code repeatInterval} while open and unacknowledged.
 * </ul>
 */
public final class NotificationPlanner {

    public record Plan(Optional<Alert.Kind> due, Instant nextActionAt) {}

    public Plan plan(Incident incident, Route route, Instant now) {
        if (incident.status() == IncidentStatus.RESOLVED) {
            return new Plan(Optional.empty(), null);
        }
        Instant resolveAt = incident.lastViolationAt().plus(route.resolveAfter());
        if (!now.isBefore(resolveAt)) {
            return new Plan(Optional.of(Alert.Kind.RESOLVED), null);
        }
        if (incident.lastNotifiedAt() == null) {
            Instant openAt = incident.createdAt().plus(route.groupWait());
            return !now.isBefore(openAt)
                    ? new Plan(Optional.of(Alert.Kind.OPENED), earliest(resolveAt, now.plus(route.groupInterval())))
                    : new Plan(Optional.empty(), earliest(openAt, resolveAt));
        }
        Instant updateAt = incident.lastNotifiedAt().plus(route.groupInterval());
        boolean news = incident.hasNews();
        if (news && !now.isBefore(updateAt)) {
            return new Plan(Optional.of(Alert.Kind.UPDATED), earliest(resolveAt, now.plus(route.groupInterval())));
        }
        if (incident.status() == IncidentStatus.OPEN) {
            Instant repeatAt = incident.lastNotifiedAt().plus(route.repeatInterval());
            if (!now.isBefore(repeatAt)) {
                return new Plan(Optional.of(Alert.Kind.REPEATED), earliest(resolveAt, now.plus(route.groupInterval())));
            }
            return new Plan(Optional.empty(), earliest(resolveAt, news ? updateAt : repeatAt));
        }
        return new Plan(Optional.empty(), news ? earliest(resolveAt, updateAt) : resolveAt);
    }

    /** Records that {@code kind} went out now, and when to look at the incident again. */
    public void notified(Incident incident, Alert.Kind kind, Instant now, Route route) {
        incident.notified(kind, now, "auto: quiet for " + route.resolveAfter());
        if (kind != Alert.Kind.RESOLVED) {
            incident.waitUntil(plan(incident, route, now).nextActionAt());
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
