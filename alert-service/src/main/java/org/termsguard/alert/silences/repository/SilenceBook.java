package org.termsguard.alert.silences.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Optional;
import java.util.UUID;
import org.termsguard.alert.silences.Silence;

/**
 * Silences in PostgreSQL; those not yet ended are kept in memory (refreshed on every change here and every few
 * seconds for changes made by other instances).
 */
@ApplicationScoped
public class SilenceBook {

    private final Pool database;
    private final ObjectMapper json;
    private volatile List<Silence> current = List.of();

    public SilenceBook(Pool database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    public List<Silence> current() {
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
                    List<Silence> silences = new ArrayList<>();
                    rows.forEach(row -> silences.add(silence(row)));
                    current = List.copyOf(silences);
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

    public Uni<Silence> create(
            List<Silence.Matcher> matchers, Instant startsAt, Instant endsAt, String author, String comment) {
        Silence silence =
                new Silence("sil-" + UUID.randomUUID(), matchers, startsAt, endsAt, author, comment, Instant.now());
        return database.preparedQuery("insert into silence (id, matchers, starts_at, ends_at, author, comment)"
                        + " values ($1, cast(cast($2 as text) as jsonb), $3, $4, $5, $6)")
                .execute(Tuple.of(
                        silence.id(),
                        write(matchers),
                        startsAt.atOffset(ZoneOffset.UTC),
                        endsAt.atOffset(ZoneOffset.UTC),
                        author,
                        comment))
                .call(this::refresh)
                .replaceWith(silence);
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
