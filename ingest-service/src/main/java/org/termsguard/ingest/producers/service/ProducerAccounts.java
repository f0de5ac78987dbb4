package org.termsguard.ingest.producers.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.termsguard.ingest.producers.ApiKey;
import org.termsguard.ingest.producers.repository.Producer;
import org.termsguard.ingest.producers.repository.ProducerKey;
import org.termsguard.ingest.producers.repository.ProducerKeyRepository;
import org.termsguard.ingest.producers.repository.ProducerRepository;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;

/** Creates producers, issues their keys (shown once) and revokes them. */
@ApplicationScoped
public class ProducerAccounts {

    /** A key as issued: the only time its secret is ever seen. */
    public record IssuedKey(String producerId, String keyId, String apiKey, List<String> owners) {}

    /** A key as listed: never with its secret. */
    public record KeySummary(String keyId, List<String> owners, Instant createdAt, Instant revokedAt) {}

    public record ProducerSummary(String producerId, String name, Instant createdAt, List<KeySummary> keys) {}

    private final ProducerRepository producers;
    private final ProducerKeyRepository keys;

    public ProducerAccounts(ProducerRepository producers, ProducerKeyRepository keys) {
        this.producers = producers;
        this.keys = keys;
    }

    @WithTransaction
    public Uni<IssuedKey> create(String producerId, String name, List<String> owners) {
        return producers.findById(producerId).flatMap(existing -> {
            if (existing != null) {
                throw new ProblemException(Problems.conflict("Producer " + producerId
                        + " exists; issue it another key with POST /v1/producers/" + producerId + "/keys."));
            }
            return producers.persist(new Producer(producerId, name)).flatMap(p -> issue(producerId, owners));
        });
    }

    @WithTransaction
    public Uni<IssuedKey> issueKey(String producerId, List<String> owners) {
        return producers.findById(producerId).flatMap(existing -> {
            if (existing == null) {
                throw new ProblemException(Problems.notFound("No producer " + producerId + "."));
            }
            return issue(producerId, owners);
        });
    }

    /**
     * Revokes a key. Nothing is cached to invalidate: {@link ApiKeyAuthenticator} reads the key on every request, so
     * the key stops working on every instance the moment this transaction commits, and not before.
     */
    @WithTransaction
    public Uni<Void> revoke(String producerId, String keyId) {
        if (!ApiKey.KEY_ID.matcher(keyId).matches()) {
            // Not a key id at all (the database would refuse some, e.g. a NUL byte, with an error).
            return Uni.createFrom()
                    .failure(new ProblemException(
                            Problems.notFound("Producer " + producerId + " has no key " + keyId + ".")));
        }
        return keys.findById(keyId).flatMap(key -> {
            if (key == null || !key.producerId.equals(producerId)) {
                throw new ProblemException(Problems.notFound("Producer " + producerId + " has no key " + keyId + "."));
            }
            if (key.revokedAt == null) {
                key.revokedAt = Instant.now();
                Log.infof("Revoked key %s of producer %s", keyId, producerId);
            }
            return Uni.createFrom().voidItem();
        });
    }

    @WithSession
    public Uni<List<ProducerSummary>> list() {
        return producers.listAll().flatMap(all -> keys.listAll().map(allKeys -> all.stream()
                .map(p -> new ProducerSummary(
                        p.id,
                        p.name,
                        p.createdAt,
                        allKeys.stream()
                                .filter(k -> k.producerId.equals(p.id))
                                .map(k -> new KeySummary(k.id, List.copyOf(k.owners), k.createdAt, k.revokedAt))
                                .toList()))
                .toList()));
    }

    private Uni<IssuedKey> issue(String producerId, List<String> owners) {
        ApiKey apiKey = ApiKey.generate();
        ProducerKey key = new ProducerKey();
        key.id = apiKey.keyId();
        key.producerId = producerId;
        key.keyHash = apiKey.hash();
        key.owners = List.copyOf(owners);
        return keys.persist(key).map(saved -> {
            Log.infof("Issued key %s to producer %s for owners %s", apiKey.keyId(), producerId, owners);
            return new IssuedKey(producerId, apiKey.keyId(), apiKey.value(), List.copyOf(owners));
        });
    }
}
