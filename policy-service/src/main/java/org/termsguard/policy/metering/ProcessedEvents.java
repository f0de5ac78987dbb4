package org.termsguard.policy.metering;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The ledger of judged event ids that makes at-least-once delivery count each event once. */
@ApplicationScoped
public class ProcessedEvents {

    /**
     * Records {@code eventIds} in the current transaction and answers those that were not recorded before:
     * only they may be metered and judged.
     */
    public Uni<Set<String>> recordNew(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "insert into processed_event (event_id) select unnest(cast(:ids as varchar[]))"
                                        + " on conflict do nothing returning event_id",
                                String.class)
                        .setParameter("ids", eventIds.toArray(String[]::new))
                        .getResultList())
                .map(List::copyOf)
                .map(inserted -> inserted.stream().collect(Collectors.toUnmodifiableSet()));
    }

    public Uni<Long> count() {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("select count(*) from processed_event", Long.class)
                        .getSingleResult());
    }
}
