package org.termsguard.alert.incidents;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.termsguard.alert.routes.Route;
import org.termsguard.alert.silences.Silence;
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
     * @return the incidents that changed, and for each violation the incident it joined
     */
    public Result group(
            List<Violation> violations,
            Map<IncidentKey, Incident> live,
            Set<Membership> counted,
            Function<String, Route> routes,
            Collection<Silence> silences,
            Instant now) {
        Map<String, Incident> touched = new LinkedHashMap<>();
        Map<OwnedViolationId, String> incidentOf = new LinkedHashMap<>();
        java.util.HashSet<Membership> members = new java.util.HashSet<>(counted);
        for (Violation violation : violations) {
            IncidentKey key = IncidentKey.of(violation.owner(), violation.consumer(), violation.rule());
            Incident incident = live.computeIfAbsent(
                    key,
                    k -> Incident.open(
                            k, violation, now, now.plus(routes.apply(k.owner()).groupWait())));
            boolean newEvent = members.add(new Membership(incident.id(), violation.eventId()));
            incident.absorb(violation, newEvent, now);
            incident.mute(silences.stream().anyMatch(s -> s.mutes(key, incident.severity(), now)));
            touched.put(incident.id(), incident);
            incidentOf.put(OwnedViolationId.of(violation), incident.id());
        }
        return new Result(List.copyOf(touched.values()), incidentOf);
    }

    public record Result(List<Incident> changed, Map<OwnedViolationId, String> incidentOfViolation) {}
}
