package org.termsguard.policy.terms.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.termsguard.policy.terms.repository.TermsStore;

/**
 * Issue #16: "a cached terms snapshot can never stay stale after a change". A load that read the old versions
 * and finished after the change's invalidation used to put them back, to be served until the next change.
 */
class TermsCacheTest {

    /** The store's loads, held open so that the test decides when each one answers. */
    static final class HeldLoads extends TermsStore {
        final List<UniEmitter<? super List<Version>>> pending = new ArrayList<>();

        HeldLoads() {
            super(null, null);
        }

        @Override
        public Uni<List<Version>> versions(String owner) {
            return Uni.createFrom().emitter(pending::add);
        }
    }

    @Test
    void aLoadThatBeganBeforeAChangeDoesNotPutTheOldTermsBack() {
        HeldLoads store = new HeldLoads();
        TermsCache cache = new TermsCache(store);
        var stale = cache.timeline("x-corp").subscribe().asCompletionStage();
        cache.invalidate("x-corp"); // the change commits while the first load is in flight
        store.pending.get(0).complete(List.of());
        stale.join();

        cache.timeline("x-corp").subscribe().asCompletionStage();
        assertThat(store.pending).as("the next read loads the terms again").hasSize(2);
    }

    @Test
    void aLoadWithNoChangeMeanwhileIsCached() {
        HeldLoads store = new HeldLoads();
        TermsCache cache = new TermsCache(store);
        var first = cache.timeline("x-corp").subscribe().asCompletionStage();
        store.pending.get(0).complete(List.of());
        first.join();

        cache.timeline("x-corp").subscribe().asCompletionStage().join();
        assertThat(store.pending).as("served from the cache").hasSize(1);
    }
}
