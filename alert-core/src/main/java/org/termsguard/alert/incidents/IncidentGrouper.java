package org.termsguard.alert.incidents;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.termsguard.alert.routes.Route;
import org.termsguard.alert.silences.ActiveSilences;
import org.termsguard.contracts.violations.Violation;

/**
 * Groups violations into incidents by (owner, consumer, rule): a violation joins the live incident of its key or
 * opens a new one; a resolved incident is never reopened — a new one starts.
 */
public final class IncidentGrouper {

    /** An event already counted in an incident. */
    public record Membership(String incidentId, String eventId) {}

    /**
     * @param live the open and acknowledged incidents of the keys involved; new incidents are added to it
     * @param counted events the incidents already count, so that one event breaking a rule twice (80 % and 100 %
     *     warnings) counts once
     * @param silences compiled already, so grouping matches in memory and in linear time: it runs inside the
     *     consumer's transaction, which every owner's violations wait on
     * @return the incidents that changed, and for each violation the incident it joined
     */
    public Result group(
            List<Violation> violations,
            Map<IncidentKey, Incident> live,
            Set<Membership> counted,
            Function<String, Route> routes,
            ActiveSilences silences,
            Instant now) {
        Map<String, Incident> touched = new LinkedHashMap<>();
        Map<OwnedViolationId, String> incidentOf = new LinkedHashMap<>();
        java.util.HashSet<Membership> members = new java.util.HashSet<>(counted);
        // A batch often holds many violations of one incident: its silences are matched once per severity.
        Map<Muting, Boolean> muted = new java.util.HashMap<>();
        for (Violation violation : violations) {
            IncidentKey key = IncidentKey.of(violation.owner(), violation.consumer(), violation.rule());
            Incident incident = live.computeIfAbsent(
                    key,
                    k -> Incident.open(
                            k, violation, now, now.plus(routes.apply(k.owner()).groupWait())));
            boolean newEvent = members.add(new Membership(incident.id(), violation.eventId()));
            incident.absorb(violation, newEvent, now);
            incident.mute(muted.computeIfAbsent(
                    new Muting(key, incident.severity()), m -> silences.mutes(m.key(), m.severity(), now)));
            touched.put(incident.id(), incident);
            incidentOf.put(OwnedViolationId.of(violation), incident.id());
        }
        return new Result(List.copyOf(touched.values()), incidentOf);
    }

    private record Muting(IncidentKey key, org.termsguard.contracts.violations.Severity severity) {}

    public record Result(List<Incident> changed, Map<OwnedViolationId, String> incidentOfViolation) {}
}
