package org.termsguard.ingest.verification.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.termsguard.ingest.verification.SourceKind;
import org.termsguard.ingest.verification.VerificationSource;

/** Verification sources and every snapshot of their published documents, in PostgreSQL. */
@ApplicationScoped
public class VerificationStore {

    /** One stored snapshot: the document as published, the time it is in force from, and its place in the order. */
    public record StoredSnapshot(long seq, String sourceId, SourceKind kind, byte[] document, Instant validFrom) {}

    /**
     * What {@link #addSnapshot} did.
     *
     * @param created false when the same document in force from the same time was there already
     */
    public record Stored(long seq, boolean created) {}

    private final Pool database;

    public VerificationStore(Pool database) {
        this.database = database;
    }

    private static final String INSERT = "insert into verification_source (id, operator, consumer, tokens, kind, url,"
            + " hostname_suffixes, refresh, built_in) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    /** Creates or replaces the source; answers whether it is new. A built-in source keeps its flag when replaced. */
    public Uni<Boolean> saveSource(VerificationSource source) {
        return database.preparedQuery(INSERT
                        + " on conflict (id) do update set operator = excluded.operator,"
                        + " consumer = excluded.consumer, tokens = excluded.tokens, kind = excluded.kind,"
                        + " url = excluded.url, hostname_suffixes = excluded.hostname_suffixes,"
                        + " refresh = excluded.refresh, updated_at = now()"
                        + " returning (xmax = 0) as inserted")
                .execute(row(source, false))
                .map(rows -> rows.iterator().next().getBoolean("inserted"));
    }

    /** Inserts a built-in source only if no source of that id exists, so an operator's edit of it stands. */
    public Uni<Boolean> seedSource(VerificationSource source) {
        return database.preparedQuery(INSERT + " on conflict (id) do nothing")
                .execute(row(source, true))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Tuple row(VerificationSource source, boolean builtIn) {
        return Tuple.from(new Object[] {
            source.sourceId(),
            source.operator(),
            source.consumer(),
            source.tokens().toArray(String[]::new),
            source.kind().token(),
            source.url() == null ? null : source.url().toString(),
            source.hostnameSuffixes().toArray(String[]::new),
            source.refresh() == null ? null : source.refresh().toString(),
            builtIn
        });
    }

    public Uni<List<VerificationSource>> sources() {
        return database.query("select id, operator, consumer, tokens, kind, url, hostname_suffixes, refresh"
                        + " from verification_source order by id")
                .execute()
                .map(rows -> {
                    List<VerificationSource> sources = new ArrayList<>();
                    for (Row row : rows) {
                        sources.add(source(row));
                    }
                    return sources;
                });
    }

    public Uni<Stored> addSnapshot(String sourceId, String sha256, Instant validFrom, byte[] document) {
        return database.preparedQuery("insert into verification_snapshot (source_id, sha256, valid_from, document)"
                        + " values ($1, $2, $3, $4) on conflict (source_id, sha256, valid_from) do nothing"
                        + " returning seq")
                .execute(Tuple.of(sourceId, sha256, validFrom.atOffset(ZoneOffset.UTC), Buffer.buffer(document)))
                .flatMap(rows -> rows.iterator().hasNext()
                        ? Uni.createFrom()
                                .item(new Stored(rows.iterator().next().getLong("seq"), true))
                        : database.preparedQuery("select seq from verification_snapshot"
                                        + " where source_id = $1 and sha256 = $2 and valid_from = $3")
                                .execute(Tuple.of(sourceId, sha256, validFrom.atOffset(ZoneOffset.UTC)))
                                .map(found -> new Stored(found.iterator().next().getLong("seq"), false)));
    }

    /** Whether the source has any snapshot yet. */
    public Uni<Boolean> hasSnapshots(String sourceId) {
        return database.preparedQuery("select 1 from verification_snapshot where source_id = $1 limit 1")
                .execute(Tuple.of(sourceId))
                .map(rows -> rows.iterator().hasNext());
    }

    /** Every snapshot added after {@code seq}, in the order added. */
    public Uni<List<StoredSnapshot>> snapshotsAfter(long seq) {
        return database.preparedQuery("select s.seq, s.source_id, v.kind, s.document, s.valid_from"
                        + " from verification_snapshot s join verification_source v on v.id = s.source_id"
                        + " where s.seq > $1 order by s.seq")
                .execute(Tuple.of(seq))
                .map(rows -> {
                    List<StoredSnapshot> snapshots = new ArrayList<>();
                    for (Row row : rows) {
                        snapshots.add(new StoredSnapshot(
                                row.getLong("seq"),
                                row.getString("source_id"),
                                SourceKind.fromToken(row.getString("kind")).orElseThrow(),
                                row.getBuffer("document").getBytes(),
                                row.getOffsetDateTime("valid_from").toInstant()));
                    }
                    return snapshots;
                });
    }

    private static VerificationSource source(Row row) {
        String url = row.getString("url");
        String refresh = row.getString("refresh");
        return new VerificationSource(
                row.getString("id"),
                row.getString("operator"),
                row.getString("consumer"),
                List.of(row.getArrayOfStrings("tokens")),
                SourceKind.fromToken(row.getString("kind")).orElseThrow(),
                url == null ? null : URI.create(url),
                List.of(row.getArrayOfStrings("hostname_suffixes")),
                refresh == null ? null : Duration.parse(refresh));
    }
}
