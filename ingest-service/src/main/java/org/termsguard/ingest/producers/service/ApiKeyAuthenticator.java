package org.termsguard.ingest.producers.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.termsguard.ingest.IngestConfig;
import org.termsguard.ingest.producers.ApiKey;
import org.termsguard.ingest.producers.ProducerIdentity;
import org.termsguard.platform.problems.Problems;

/**
 * Checks presented API keys against the database on every request, by key id (the primary key), so a revocation
 * is exact at its commit on every instance: a request whose lookup starts after the revoking transaction
 * committed reads {@code revoked_at} (PostgreSQL's read committed takes a fresh snapshot per statement), whichever
 * instance revoked the key.
 *
 * <p>Why no cache of valid keys: any cache that remembers a key as valid is told of a revocation only after the
 * commit — an invalidation inside the revoking transaction (what this class once did) runs before the commit and
 * a concurrent request can put the old row straight back; a {@code LISTEN/NOTIFY} message arrives some time after
 * the commit and is lost while the listening connection is down. Either leaves a window in which a revoked key
 * still works. One indexed lookup costs far less than the broker acknowledgement each request waits for anyway.
 * If the database cannot answer, the request is refused with 503 (fail closed), never let through on old state.
 */
@ApplicationScoped
public class ApiKeyAuthenticator {

    /** Longest wait for the key lookup before the request gets 503; a slow database must not pile requests up. */
    static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);

    /** What is read per key id: enough to check a secret and scope a request, never the secret. */
    record StoredKey(String producerId, byte[] hash, Set<String> owners, boolean revoked) {}

    private final Pool database;
    private final int retryAfterSeconds;

    public ApiKeyAuthenticator(Pool database, IngestConfig config) {
        this.database = database;
        this.retryAfterSeconds = config.retryAfterSeconds();
    }

    /** The identity of a valid, unrevoked key; empty for anything else. */
    public Uni<Optional<ProducerIdentity>> authenticate(String presented) {
        Optional<ApiKey> key = ApiKey.parse(presented);
        if (key.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return load(key.get().keyId())
                .ifNoItem()
                .after(LOOKUP_TIMEOUT)
                .failWith(() -> new IllegalStateException("the key lookup took over " + LOOKUP_TIMEOUT))
                .onFailure()
                .transform(e -> Problems.unavailable(
                        "The API key cannot be checked now (the database did not answer); retry later.",
                        retryAfterSeconds))
                .map(stored -> stored.filter(s -> !s.revoked() && key.get().matches(s.hash()))
                        .map(s -> new ProducerIdentity(s.producerId(), key.get().keyId(), s.owners())));
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
