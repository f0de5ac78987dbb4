package org.termsguard.ingest.producers.service;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import org.termsguard.ingest.producers.ApiKey;
import org.termsguard.ingest.producers.ProducerIdentity;

/**
 * Checks presented API keys. Stored keys are looked up by key id and cached for a short while (the
 * {@code api-keys} cache), so a busy producer costs no database round trip per request; a revoked key stops
 * working at once on the instance that revoked it and within the cache's expiry everywhere else.
 */
@ApplicationScoped
public class ApiKeyAuthenticator {

    /** What is cached per key id: enough to check a secret and scope a request, never the secret. */
    record StoredKey(String producerId, byte[] hash, Set<String> owners, boolean revoked) {}

    private final Pool database;
    private final Cache cache;

    public ApiKeyAuthenticator(Pool database, @CacheName("api-keys") Cache cache) {
        this.database = database;
        this.cache = cache;
    }

    /** The identity of a valid, unrevoked key; empty for anything else. */
    public Uni<Optional<ProducerIdentity>> authenticate(String presented) {
        Optional<ApiKey> key = ApiKey.parse(presented);
        if (key.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return cache.<String, Optional<StoredKey>>getAsync(key.get().keyId(), this::load)
                .map(stored -> stored.filter(s -> !s.revoked() && key.get().matches(s.hash()))
                        .map(s -> new ProducerIdentity(s.producerId(), key.get().keyId(), s.owners())));
    }

    public Uni<Void> forget(String keyId) {
        return cache.invalidate(keyId);
    }

    // The SQL client, not Hibernate: authentication runs on whichever thread the endpoint runs on, and the
    // client works from any of them.
    Uni<Optional<StoredKey>> load(String keyId) {
        return database.preparedQuery("select producer_id, key_hash, owners, revoked_at is not null as revoked"
                        + " from producer_key where id = $1")
                .execute(Tuple.of(keyId))
                .map(rows -> {
                    var found = rows.iterator();
                    if (!found.hasNext()) {
                        return Optional.empty();
                    }
                    Row row = found.next();
                    return Optional.of(new StoredKey(
                            row.getString("producer_id"),
                            row.getBuffer("key_hash").getBytes(),
                            Set.of(row.getArrayOfStrings("owners")),
                            row.getBoolean("revoked")));
                });
    }
}
