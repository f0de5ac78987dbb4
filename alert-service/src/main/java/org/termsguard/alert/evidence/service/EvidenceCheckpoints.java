package org.termsguard.alert.evidence.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.termsguard.alert.AlertConfig;
import org.termsguard.alert.evidence.Checkpoint;
import org.termsguard.alert.evidence.MerkleTree;
import org.termsguard.alert.evidence.NoteKey;
import org.termsguard.alert.evidence.NoteSigner;
import org.termsguard.alert.evidence.SignedNote;
import org.termsguard.alert.evidence.repository.EvidenceLog;

/**
 * Signs each owner's evidence log: every {@code checkpoint-interval}, an owner whose log has grown gets a C2SP
 * checkpoint of its whole tree (origin {@code <origin>/<owner>}), signed as a note with the log key. Each instance
 * keeps each owner's tree in memory, read from the stored leaves once and then extended, so proofs never re-read
 * the log.
 */
@ApplicationScoped
// Made at start-up, so that a missing or malformed log key stops the service at once with the reason.
@io.quarkus.runtime.Startup
public class EvidenceCheckpoints {

    private static final Logger LOG = Logger.getLogger(EvidenceCheckpoints.class);
    private static final int PAGE = 10_000;

    private final EvidenceLog log;
    private final CheckpointTimestamps timestamps;
    private final NoteSigner signer;
    private final String origin;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, MerkleTree> trees = new ConcurrentHashMap<>();

    public EvidenceCheckpoints(EvidenceLog log, CheckpointTimestamps timestamps, AlertConfig config) {
        this.log = log;
        this.timestamps = timestamps;
        this.origin = config.evidence().origin();
        String key = config.evidence()
                .logKey()
                .orElseThrow(() -> new IllegalStateException("No evidence log key is configured"
                        + " (termsguard.alert.evidence.log-key, C2SP signed-note's PRIVATE+KEY+... form)."));
        try {
            this.signer = NoteSigner.parse(key);
        } catch (IllegalArgumentException e) {
            // The message names the key's form, never the key.
            throw new IllegalStateException(
                    "termsguard.alert.evidence.log-key is not a C2SP signed-note Ed25519 private key: "
                            + e.getMessage(),
                    e);
        }
    }

    /** The verifier key of the checkpoints, as {@code /v1/evidence/log-key} serves it and notices print it. */
    public NoteKey verifierKey() {
        return signer.verifier();
    }

    /** An evidence bundle of {@code files}, its manifest signed with the log key. */
    public byte[] bundle(
            org.termsguard.alert.evidence.EvidenceBundle.Header header,
            List<org.termsguard.alert.evidence.EvidenceBundle.File> files) {
        return org.termsguard.alert.evidence.EvidenceBundle.write(header, files, signer);
    }

    /** The origin line of an owner's checkpoints. */
    public String originOf(String owner) {
        return origin + "/" + owner;
    }

    @Scheduled(
            every = "${termsguard.alert.evidence.checkpoint-interval:PT1M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return checkpointAll()
                .onFailure()
                .invoke(e -> LOG.warnf("Evidence checkpoints could not be made now: %s", e.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * A checkpoint for every owner whose log has grown, each stamped by the TSA when one is configured (and those a
     * TSA failed before stamped now); answers how many were signed.
     */
    public Uni<Integer> checkpointAll() {
        return timestamps.stampMissing().chain(log::grown).chain(grown -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (var entry : grown.entrySet()) {
                chain = chain.chain(done -> checkpoint(entry.getKey(), entry.getValue())
                        .call(timestamps::stamp)
                        .map(c -> done + 1));
            }
            return chain;
        });
    }

    private Uni<EvidenceLog.StoredCheckpoint> checkpoint(String owner, long size) {
        return read(owner, size, tree -> tree.root(size)).chain(root -> {
            String note = SignedNote.sign(new Checkpoint(originOf(owner), size, root).body(), signer);
            var stored = new EvidenceLog.StoredCheckpoint(owner, size, root, note, clock.instant());
            return log.store(stored).replaceWith(stored);
        });
    }

    /** {@code reading} applied to the owner's tree of at least {@code size} leaves, under the tree's lock. */
    public <T> Uni<T> read(String owner, long size, java.util.function.Function<MerkleTree, T> reading) {
        return tree(owner, size).map(tree -> {
            synchronized (tree) {
                return reading.apply(tree);
            }
        });
    }

    /**
     * The owner's tree with at least {@code size} leaves, read from the log where this instance has not seen them.
     * Leaves are visible only as a prefix of the log (each appending transaction holds the owner's log row), so
     * reading on from the tree's size never skips one.
     */
    private Uni<MerkleTree> tree(String owner, long size) {
        MerkleTree tree = trees.computeIfAbsent(owner, o -> new MerkleTree());
        synchronized (tree) {
            if (tree.size() >= size) {
                return Uni.createFrom().item(tree);
            }
        }
        long from;
        synchronized (tree) {
            from = tree.size();
        }
        return log.leafHashes(owner, from, PAGE).chain(hashes -> {
            synchronized (tree) {
                // Another reader may have extended the tree meanwhile: append only what it still lacks.
                long skip = tree.size() - from;
                List<byte[]> missing = hashes.subList((int) Math.min(skip, hashes.size()), hashes.size());
                missing.forEach(tree::append);
            }
            if (hashes.isEmpty()) {
                return Uni.createFrom()
                        .failure(new IllegalStateException(
                                "the evidence log of " + owner + " has " + from + " leaves, not " + size));
            }
            return tree(owner, size);
        });
    }
}
