package org.termsguard.alert.silences.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.termsguard.alert.AlertConfig;
import org.termsguard.alert.silences.ActiveSilences;
import org.termsguard.alert.silences.CompiledSilence;
import org.termsguard.alert.silences.Silence;

/**
 * Silences in PostgreSQL; those not yet ended are kept in memory, compiled (refreshed on every change here and every
 * few seconds for changes made by other instances). A silence is compiled when it is first loaded and kept compiled
 * while it lasts, so the consumer only ever matches in memory.
 */
@ApplicationScoped
public class SilenceBook {

    /** An owner (or, for {@code owner} null, the platform admins' silences across owners) has the most allowed. */
    public static final class LimitReached extends RuntimeException {
        public LimitReached(String why) {
            super(why, null, false, false);
        }
    }

    private final Pool database;
    private final ObjectMapper json;
    private final int maxActivePerOwner;
    private volatile ActiveSilences current = ActiveSilences.NONE;

    public SilenceBook(Pool database, ObjectMapper json, AlertConfig config) {
        this.database = database;
        this.json = json;
        this.maxActivePerOwner = config.silences().maxActivePerOwner();
    }

    /** The silences not yet ended, compiled. */
    public ActiveSilences current() {
        return current;
    }

    @Scheduled(
            every = "${termsguard.alert.silence-refresh:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return database.preparedQuery(
                        "select id, matchers::text as matchers, starts_at, ends_at, author, comment, created_at from silence where ends_at > now() order by starts_at")
                .execute()
                .invoke(rows -> {
                    Map<String, CompiledSilence> known = current.all().stream()
                            .collect(Collectors.toMap(c -> c.silence().id(), Function.identity(), (a, b) -> a));
                    List<CompiledSilence> compiled = new ArrayList<>();
                    rows.forEach(row -> {
                        Silence silence = silence(row);
                        CompiledSilence before = known.get(silence.id());
                        if (before != null && before.silence().matchers().equals(silence.matchers())) {
                            compiled.add(before.with(silence));
                            return;
                        }
                        try {
                            compiled.add(CompiledSilence.compile(silence));
                        } catch (CompiledSilence.Refused refused) {
                            // Stored before patterns were checked with RE2J (java.util.regex took lookaround and
                            // backreferences): it mutes nothing rather than stop every other silence loading.
                            Log.warnf(
                                    "Silence %s is ignored: its matcher %d cannot be compiled (%s)",
                                    silence.id(), refused.matcher(), refused.getMessage());
                        }
                    });
                    current = new ActiveSilences(compiled);
                })
                .replaceWithVoid();
    }

    public Uni<List<Silence>> all() {
        return database.preparedQuery(
                        "select id, matchers::text as matchers, starts_at, ends_at, author, comment, created_at from silence order by created_at desc limit 1000")
                .execute()
                .map(rows -> {
                    List<Silence> silences = new ArrayList<>();
                    rows.forEach(row -> silences.add(silence(row)));
                    return silences;
                });
    }

    public Uni<Optional<Silence>> find(String id) {
        return database.preparedQuery(
                        "select id, matchers::text as matchers, starts_at, ends_at, author, comment, created_at from silence where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(silence(rows.iterator().next()))
                        : Optional.empty());
    }

    /**
     * Stores a silence unless its owner has {@code max-active-per-owner} silences not yet ended already (then fails
     * with {@link LimitReached}). The count and the insert hold a lock of that owner's only, so two requests cannot
     * both take the last place, and nobody else (the consumer included) waits on it.
     */
    public Uni<Silence> create(
            List<Silence.Matcher> matchers, Instant startsAt, Instant endsAt, String author, String comment) {
        Silence silence =
                new Silence("sil-" + UUID.randomUUID(), matchers, startsAt, endsAt, author, comment, Instant.now());
        String owner = Silence.ownerOf(matchers);
        return database.withTransaction(c -> c.preparedQuery(
                                "select pg_advisory_xact_lock(hashtext('termsguard.silence'), hashtext($1))")
                        .execute(Tuple.of(owner == null ? "" : "owner:" + owner))
                        .chain(() -> owner == null
                                ? c.preparedQuery("select count(*) from silence where ends_at > now()"
                                                + " and not (matchers @> cast(cast($1 as text) as jsonb))")
                                        .execute(Tuple.of(anyOwnerEquality()))
                                : c.preparedQuery("select count(*) from silence where ends_at > now()"
                                                + " and matchers @> cast(cast($1 as text) as jsonb)")
                                        .execute(Tuple.of(write(List.of(new Silence.Matcher("owner", owner, false))))))
                        .chain(counted -> {
                            long active = counted.iterator().next().getLong(0);
                            if (active >= maxActivePerOwner) {
                                throw new LimitReached((owner == null ? "Silences across owners" : owner)
                                        + " already has " + active + " silences not yet ended, the most allowed ("
                                        + maxActivePerOwner + "); expire one first.");
                            }
                            return c.preparedQuery(
                                            "insert into silence (id, matchers, starts_at, ends_at, author, comment)"
                                                    + " values ($1, cast(cast($2 as text) as jsonb), $3, $4, $5, $6)")
                                    .execute(Tuple.of(
                                            silence.id(),
                                            write(matchers),
                                            startsAt.atOffset(ZoneOffset.UTC),
                                            endsAt.atOffset(ZoneOffset.UTC),
                                            author,
                                            comment));
                        }))
                .call(this::refresh)
                .replaceWith(silence);
    }

    /** A JSON array any stored silence with an equality matcher on owner contains, whatever the owner. */
    private String anyOwnerEquality() {
        var matcher = json.valueToTree(new Silence.Matcher("owner", "", false));
        ((com.fasterxml.jackson.databind.node.ObjectNode) matcher).remove("value");
        return "[" + matcher + "]";
    }

    /** Ends a silence now; it stays listed, as history. */
    public Uni<Boolean> expire(String id) {
        return database.preparedQuery("update silence set ends_at = least(ends_at, now()) where id = $1")
                .execute(Tuple.of(id))
                .call(this::refresh)
                .map(rows -> rows.rowCount() == 1);
    }

    private Silence silence(Row row) {
        try {
            return new Silence(
                    row.getString("id"),
                    json.readValue(row.getString("matchers"), new TypeReference<List<Silence.Matcher>>() {}),
                    row.getOffsetDateTime("starts_at").toInstant(),
                    row.getOffsetDateTime("ends_at").toInstant(),
                    row.getString("author"),
                    row.getString("comment"),
                    row.getOffsetDateTime("created_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored silence cannot be read", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
