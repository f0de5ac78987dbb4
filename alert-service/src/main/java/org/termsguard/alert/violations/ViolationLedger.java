package org.termsguard.alert.violations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.termsguard.contracts.violations.Violation;

/** Keeps every violation once, whatever the number of deliveries. */
@ApplicationScoped
public class ViolationLedger {

    private final ObjectMapper json;

    public ViolationLedger(ObjectMapper json) {
        this.json = json;
    }

    /** Stores {@code batch} in the current transaction and answers the ids that were new. */
    public Uni<Set<String>> keepNew(List<Violation> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        int size = batch.size();
        String[] ids = new String[size],
                events = new String[size],
                owners = new String[size],
                consumers = new String[size],
                rules = new String[size],
                severities = new String[size],
                observed = new String[size],
                payloads = new String[size];
        for (int i = 0; i < size; i++) {
            Violation v = batch.get(i);
            ids[i] = v.violationId();
            events[i] = v.eventId();
            owners[i] = v.owner();
            consumers[i] = v.consumer();
            rules[i] = json.convertValue(v.rule(), String.class);
            severities[i] = json.convertValue(v.severity(), String.class);
            observed[i] = v.observedAt().toString();
            payloads[i] = write(v);
        }
        // Hibernate Reactive binds only plain arrays reliably; PostgreSQL casts the text to timestamptz and jsonb.
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                """
                                insert into violation (violation_id, event_id, owner, consumer, rule, severity,
                                                       observed_at, payload)
                                select * from unnest(cast(:ids as varchar[]), cast(:events as varchar[]),
                                    cast(:owners as varchar[]), cast(:consumers as varchar[]),
                                    cast(:rules as varchar[]), cast(:severities as varchar[]),
                                    cast(cast(:observed as varchar[]) as timestamptz[]),
                                    cast(cast(:payloads as varchar[]) as jsonb[]))
                                on conflict do nothing
                                returning violation_id""",
                                String.class)
                        .setParameter("ids", ids)
                        .setParameter("events", events)
                        .setParameter("owners", owners)
                        .setParameter("consumers", consumers)
                        .setParameter("rules", rules)
                        .setParameter("severities", severities)
                        .setParameter("observed", observed)
                        .setParameter("payloads", payloads)
                        .getResultList())
                .map(inserted -> new HashSet<>(new ArrayList<>(inserted)));
    }

    private String write(Violation violation) {
        try {
            return json.writeValueAsString(violation);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Violation " + violation.violationId() + " cannot be written", e);
        }
    }
}
