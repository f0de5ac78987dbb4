package org.termsguard.policy.metering.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.termsguard.policy.PolicyConfig;
import org.termsguard.policy.metering.repository.EventLedger;

/**
 * Keeps the ledger's growth bounded: what it recorded longer ago than the de-duplication horizon is forgotten, a
 * chunk at a time (an indexed range on {@code processed_at}), so the table holds about horizon × event rate rows.
 */
@ApplicationScoped
public class LedgerPruner {

    private final io.vertx.mutiny.sqlclient.Pool database;
    private final PolicyConfig config;

    public LedgerPruner(io.vertx.mutiny.sqlclient.Pool database, PolicyConfig config) {
        this.database = database;
        this.config = config;
    }

    @Scheduled(
            every = "${termsguard.policy.ledger.prune-every:PT1H}",
            delayed = "${termsguard.policy.ledger.prune-every:PT1H}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        Instant before = Instant.now().minus(config.ledger().horizon());
        return pruneFrom(before, 0L)
                .invoke(forgotten -> {
                    if (forgotten > 0) {
                        Log.infof(
                                "Ledger: forgot %d events judged before %s (horizon %s)",
                                forgotten, before, config.ledger().horizon());
                    }
                })
                .onFailure()
                .invoke(e -> Log.warnf(e, "Ledger pruning failed; the next run tries again"))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Long> pruneFrom(Instant before, long sofar) {
        int chunk = config.ledger().pruneChunk();
        return EventLedger.forgetBefore(database, before, chunk)
                .chain(count ->
                        count < chunk ? Uni.createFrom().item(sofar + count) : pruneFrom(before, sofar + count));
    }
}
