package org.termsguard.alert.evidence.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.erdtman.jcs.JsonCanonicalizer;
import org.termsguard.alert.evidence.MerkleTree;
import org.termsguard.alert.violations.ViolationLedger;
import org.termsguard.contracts.violations.Violation;

/**
 * Each owner's append-only evidence log in PostgreSQL: one leaf per event that became part of an incident, its index
 * dense and in append order, its RFC 8785 canonical JSON and leaf hash stored as hashed; and the signed checkpoints.
 */
@ApplicationScoped
public class EvidenceLog {

    /** A leaf as stored. */
    public record Leaf(long index, String eventId, String canonicalJson, byte[] leafHash) {}

    /** A signed checkpoint as stored. */
    public record StoredCheckpoint(String owner, long treeSize, byte[] rootHash, String note, Instant signedAt) {}

    /** A checkpoint's RFC 3161 reply, when it has one. */
    public record Stamp(byte[] reply, Instant time) {}

    private final ObjectMapper json;
    private final Pool database;

    public EvidenceLog(ObjectMapper json, Pool database) {
        this.json = json;
        this.database = database;
    }

    /**
     * Appends the events of {@code fresh} violations not yet in their owner's log, in the caller's transaction (the
     * one that stores the violations and groups them into incidents), owner by owner in a fixed order so that two
     * transactions never wait on each other's logs.
     */
    public Uni<Void> append(SqlClient client, List<Violation> fresh) {
        Map<String, Map<String, String>> byOwner = new TreeMap<>();
        for (Violation v : fresh) {
            if (v.event() == null) {
                continue;
            }
            byOwner.computeIfAbsent(v.owner(), o -> new LinkedHashMap<>())
                    .computeIfAbsent(v.eventId(), id -> canonical(v));
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var owner : byOwner.entrySet()) {
            chain = chain.chain(() -> appendFor(client, owner.getKey(), owner.getValue()));
        }
        return chain;
    }

    private Uni<Void> appendFor(SqlClient client, String owner, Map<String, String> events) {
        // Every violation of one event has the event's owner and consumer, so one partition, one consumer at a time,
        // sees it: the check below cannot race with another transaction adding the same event.
        return client.preparedQuery("select event_id from evidence_leaf where owner = $1 and event_id = any($2)")
                .execute(Tuple.of(owner, events.keySet().toArray(String[]::new)))
                .chain(rows -> {
                    Set<String> known = new HashSet<>();
                    rows.forEach(r -> known.add(r.getString(0)));
                    List<Map.Entry<String, String>> added = events.entrySet().stream()
                            .filter(e -> !known.contains(e.getKey()))
                            .toList();
                    if (added.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return client.preparedQuery("insert into evidence_log (owner, size) values ($1, $2) on conflict"
                                    + " (owner) do update set size = evidence_log.size + excluded.size returning size")
                            .execute(Tuple.of(owner, (long) added.size()))
                            .chain(sized -> insert(
                                    client, owner, sized.iterator().next().getLong(0) - added.size(), added));
                });
    }

    private static Uni<Void> insert(SqlClient client, String owner, long first, List<Map.Entry<String, String>> added) {
        int n = added.size();
        Long[] indexes = new Long[n];
        String[] ids = new String[n];
        String[] canonical = new String[n];
        io.vertx.core.buffer.Buffer[] hashes = new io.vertx.core.buffer.Buffer[n];
        for (int i = 0; i < n; i++) {
            indexes[i] = first + i;
            ids[i] = added.get(i).getKey();
            canonical[i] = added.get(i).getValue();
            hashes[i] = io.vertx.core.buffer.Buffer.buffer(
                    MerkleTree.leafHash(canonical[i].getBytes(StandardCharsets.UTF_8)));
        }
        return client.preparedQuery("insert into evidence_leaf (owner, leaf_index, event_id, canonical_json, leaf_hash)"
                        + " select $1, l.i, l.id, l.json, l.hash from unnest($2::bigint[], $3::varchar[], $4::text[],"
                        + " $5::bytea[]) as l(i, id, json, hash)")
                .execute(Tuple.of(owner, indexes, ids, canonical, hashes))
                .replaceWithVoid();
    }

    /** The event as the violation stores it (NUL kept as U+FFFD, as in the violation table), in RFC 8785 form. */
    private String canonical(Violation violation) {
        try {
            String text = json.writeValueAsString(ViolationLedger.withoutNul(json.valueToTree(violation.event())));
            return new JsonCanonicalizer(text).getEncodedString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the event of " + violation.violationId() + " cannot be written", e);
        } catch (IOException e) {
            throw new IllegalStateException("the event of " + violation.violationId() + " cannot be canonicalized", e);
        }
    }

    /** Each owner whose log has grown past its newest checkpoint, with the log's size. */
    public Uni<Map<String, Long>> grown() {
        return database.query("select l.owner, l.size from evidence_log l where l.size > coalesce((select"
                        + " max(c.tree_size) from evidence_checkpoint c where c.owner = l.owner), 0) order by l.owner")
                .execute()
                .map(rows -> {
                    Map<String, Long> grown = new LinkedHashMap<>();
                    rows.forEach(r -> grown.put(r.getString(0), r.getLong(1)));
                    return grown;
                });
    }

    /** The leaf hashes from {@code from} on, at most {@code limit}, in index order. */
    public Uni<List<byte[]>> leafHashes(String owner, long from, int limit) {
        return database.preparedQuery("select leaf_hash from evidence_leaf where owner = $1 and leaf_index >= $2 order"
                        + " by leaf_index limit $3")
                .execute(Tuple.of(owner, from, limit))
                .map(rows -> {
                    List<byte[]> hashes = new ArrayList<>();
                    rows.forEach(r -> hashes.add(r.getBuffer(0).getBytes()));
                    return hashes;
                });
    }

    /** The leaf of an event, if the owner's log has it. */
    public Uni<Optional<Leaf>> leafOf(String owner, String eventId) {
        return database.preparedQuery("select leaf_index, event_id, canonical_json, leaf_hash from evidence_leaf where"
                        + " owner = $1 and event_id = $2")
                .execute(Tuple.of(owner, eventId))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(leaf(rows.iterator().next()))
                        : Optional.empty());
    }

    private static Leaf leaf(Row r) {
        return new Leaf(
                r.getLong(0), r.getString(1), r.getString(2), r.getBuffer(3).getBytes());
    }

    /** Stores a checkpoint; the same size twice (another instance, the same deterministic note) is kept once. */
    public Uni<Void> store(StoredCheckpoint checkpoint) {
        return database.preparedQuery("insert into evidence_checkpoint (owner, tree_size, root_hash, note, signed_at)"
                        + " values ($1, $2, $3, $4, $5) on conflict (owner, tree_size) do nothing")
                .execute(Tuple.of(
                        checkpoint.owner(),
                        checkpoint.treeSize(),
                        io.vertx.core.buffer.Buffer.buffer(checkpoint.rootHash()),
                        checkpoint.note(),
                        checkpoint.signedAt().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The owner's newest checkpoint, or the one of exactly {@code treeSize} leaves when given. */
    public Uni<Optional<StoredCheckpoint>> checkpoint(String owner, Long treeSize) {
        return database.preparedQuery(
                        "select owner, tree_size, root_hash, note, signed_at from evidence_checkpoint"
                                + " where owner = $1 and ($2::bigint is null or tree_size = $2) order by tree_size desc limit 1")
                .execute(Tuple.of(owner, treeSize))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.empty();
                    }
                    return Optional.of(stored(rows.iterator().next()));
                });
    }

    /** Records a checkpoint's verified RFC 3161 reply. */
    public Uni<Void> stamp(String owner, long treeSize, Stamp stamp) {
        return database.preparedQuery("update evidence_checkpoint set tsa_reply = $3, tsa_time = $4, tsa_error = null"
                        + " where owner = $1 and tree_size = $2 and tsa_reply is null")
                .execute(Tuple.of(
                        owner,
                        treeSize,
                        io.vertx.core.buffer.Buffer.buffer(stamp.reply()),
                        stamp.time().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** Records why a checkpoint could not be stamped (it is tried again later). */
    public Uni<Void> stampFailed(String owner, long treeSize, String error) {
        return database.preparedQuery("update evidence_checkpoint set tsa_error = $3 where owner = $1 and tree_size ="
                        + " $2 and tsa_reply is null")
                .execute(Tuple.of(owner, treeSize, error.length() > 2000 ? error.substring(0, 2000) : error))
                .replaceWithVoid();
    }

    /** Checkpoints without a token yet, oldest first. */
    public Uni<List<StoredCheckpoint>> unstamped(int limit) {
        return database.preparedQuery("select owner, tree_size, root_hash, note, signed_at from evidence_checkpoint"
                        + " where tsa_reply is null order by signed_at limit $1")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<StoredCheckpoint> found = new ArrayList<>();
                    rows.forEach(r -> found.add(stored(r)));
                    return found;
                });
    }

    /** The RFC 3161 reply of the owner's checkpoint of {@code treeSize} leaves (the newest when null), if stamped. */
    public Uni<Optional<Stamp>> stampOf(String owner, Long treeSize) {
        return database.preparedQuery("select tsa_reply, tsa_time from evidence_checkpoint where owner = $1 and"
                        + " ($2::bigint is null or tree_size = $2) and tsa_reply is not null order by tree_size desc"
                        + " limit 1")
                .execute(Tuple.of(owner, treeSize))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(new Stamp(
                                rows.iterator().next().getBuffer(0).getBytes(),
                                rows.iterator().next().getOffsetDateTime(1).toInstant()))
                        : Optional.empty());
    }

    private static StoredCheckpoint stored(Row r) {
        return new StoredCheckpoint(
                r.getString(0),
                r.getLong(1),
                r.getBuffer(2).getBytes(),
                r.getString(3),
                r.getOffsetDateTime(4).toInstant());
    }

    /**
     * Where an incident's events are in the owner's log.
     *
     * @param events how many of the incident's events are leaves
     * @param firstLeaf the lowest leaf index among them, null when none
     * @param lastLeaf the highest, null when none
     * @param covered how many of them a tree of {@code treeSize} leaves holds
     */
    public record Coverage(long events, Long firstLeaf, Long lastLeaf, long covered) {}

    public Uni<Coverage> coverageOf(String owner, String incidentId, long treeSize) {
        return database.preparedQuery("select count(distinct l.event_id), min(l.leaf_index), max(l.leaf_index),"
                        + " count(distinct l.event_id) filter (where l.leaf_index < $3) from violation v join"
                        + " evidence_leaf l on l.owner = v.owner and l.event_id = v.event_id where v.owner = $1 and"
                        + " v.incident_id = $2")
                .execute(Tuple.of(owner, incidentId, treeSize))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new Coverage(r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3));
                });
    }

    /** The leaves at {@code indexes}, in index order. */
    public Uni<List<Leaf>> leavesAt(String owner, List<Long> indexes) {
        return database.preparedQuery("select leaf_index, event_id, canonical_json, leaf_hash from evidence_leaf where"
                        + " owner = $1 and leaf_index = any($2) order by leaf_index")
                .execute(Tuple.of(owner, indexes.toArray(Long[]::new)))
                .map(rows -> {
                    List<Leaf> leaves = new ArrayList<>(indexes.size());
                    rows.forEach(r -> leaves.add(leaf(r)));
                    return leaves;
                });
    }

    /** The version of the owner's terms that judged each of the incident's events, by version, events ascending. */
    public Uni<Map<Long, List<String>>> termsVersionsOf(String owner, String incidentId, List<String> eventIds) {
        return database.preparedQuery("select distinct (payload->>'termsVersion')::bigint, event_id from violation"
                        + " where owner = $1 and incident_id = $2 and event_id = any($3) order by 1, 2")
                .execute(Tuple.of(owner, incidentId, eventIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<Long, List<String>> versions = new TreeMap<>();
                    rows.forEach(r -> versions.computeIfAbsent(r.getLong(0), v -> new ArrayList<>())
                            .add(r.getString(1)));
                    return versions;
                });
    }

    /** The leaf index of each of an incident's events, ascending. */
    public Uni<List<Long>> leafIndexesOf(String owner, String incidentId) {
        return database.preparedQuery("select distinct l.leaf_index from violation v join evidence_leaf l on l.owner ="
                        + " v.owner and l.event_id = v.event_id where v.owner = $1 and v.incident_id = $2 order by 1")
                .execute(Tuple.of(owner, incidentId))
                .map(rows -> {
                    List<Long> indexes = new ArrayList<>();
                    rows.forEach(r -> indexes.add(r.getLong(0)));
                    return indexes;
                });
    }
}
