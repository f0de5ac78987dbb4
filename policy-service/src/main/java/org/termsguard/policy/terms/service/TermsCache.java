package org.termsguard.policy.terms.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.termsguard.policy.terms.OwnerTimeline;
import org.termsguard.policy.terms.TermsSnapshot;
import org.termsguard.policy.terms.repository.TermsStore;

/**
 * Every owner's compiled terms timeline, loaded from the database on first use and dropped when
 * {@code terms-changes} says a new version exists, so judging an event costs no database call.
 *
 * <p>A load that began before a change must not put the old timeline back after the change dropped it: each owner
 * has a generation that {@link #invalidate} advances, and a load caches what it read only if the generation is
 * still the one it started under — checked and stored atomically, under the map's lock for that owner.
 */
@ApplicationScoped
public class TermsCache {

    private final TermsStore store;
    private final Map<String, OwnerTimeline> timelines = new ConcurrentHashMap<>();
    private final Map<String, Long> generations = new ConcurrentHashMap<>();

    public TermsCache(TermsStore store) {
        this.store = store;
    }

    public Uni<OwnerTimeline> timeline(String owner) {
        OwnerTimeline cached = timelines.get(owner);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        long generation = generations.getOrDefault(owner, 0L);
        return store.versions(owner).map(versions -> {
            OwnerTimeline timeline = new OwnerTimeline();
            for (TermsStore.Version version : versions) {
                timeline.add(new TermsSnapshot(version.version(), version.effectiveFrom(), version.document()));
            }
            timelines.compute(
                    owner, (key, current) -> generations.getOrDefault(owner, 0L) == generation ? timeline : current);
            return timeline;
        });
    }

    /** Loads whichever of {@code owners} are not cached yet, one query each, and answers all of them. */
    public Uni<Map<String, OwnerTimeline>> timelines(Collection<String> owners) {
        List<Uni<Map.Entry<String, OwnerTimeline>>> loads = owners.stream()
                .distinct()
                .map(owner -> timeline(owner).map(t -> Map.entry(owner, t)))
                .toList();
        if (loads.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Uni.join().all(loads).andFailFast().map(entries -> Map.ofEntries(entries.toArray(Map.Entry[]::new)));
    }

    public void invalidate(String owner) {
        timelines.compute(owner, (key, current) -> {
            generations.merge(owner, 1L, Long::sum);
            if (current != null) {
                Log.debugf("Dropped cached terms of %s", owner);
            }
            return null;
        });
    }
}
