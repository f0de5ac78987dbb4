package org.termsguard.alert.incidents.rest;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import org.termsguard.alert.incidents.Incident;
import org.termsguard.alert.incidents.repository.IncidentStore;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;
import org.termsguard.platform.security.OwnerAccess;

/** An incident as the caller may see it: another owner's incident looks like none at all (404, not 403). */
@RequestScoped
public class ReadableIncidents {

    private final IncidentStore store;
    private final OwnerAccess access;

    public ReadableIncidents(IncidentStore store, OwnerAccess access) {
        this.store = store;
        this.access = access;
    }

    public Uni<Incident> find(String id) {
        return store.find(id).map(found -> {
            Incident incident =
                    found.orElseThrow(() -> new ProblemException(Problems.notFound("No incident " + id + ".")));
            if (!access.mayRead(incident.key().owner())) {
                // Its existence is not disclosed.
                throw new ProblemException(Problems.notFound("No incident " + id + "."));
            }
            return incident;
        });
    }
}
