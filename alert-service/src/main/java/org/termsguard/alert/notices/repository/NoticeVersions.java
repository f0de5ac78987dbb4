package org.termsguard.alert.notices.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Issued notices, each version frozen as sent (V9): never updated, only added to. */
@ApplicationScoped
public class NoticeVersions {

    /** One issued version; {@code markdown} and {@code html} are null in listings. */
    public record Version(
            String incidentId,
            int version,
            String owner,
            long treeSize,
            long events,
            List<Long> leafIndexes,
            String subject,
            String markdown,
            String html,
            Instant issuedAt,
            String issuedBy) {}

    private final Pool database;

    public NoticeVersions(Pool database) {
        this.database = database;
    }

    /**
     * Adds the next version of the incident's notice; empty when another was issued at the same moment (the caller
     * answers 409 and the client tries again).
     */
    public Uni<Optional<Integer>> add(Version next) {
        return database.preparedQuery("insert into notice_version (incident_id, version, owner, tree_size, events,"
                        + " leaf_indexes, subject, markdown, html, issued_at, issued_by) select $1, coalesce(max(version),"
                        + " 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10 from notice_version where incident_id = $1"
                        + " on conflict (incident_id, version) do nothing returning version")
                .execute(Tuple.from(Arrays.asList(
                        next.incidentId(),
                        next.owner(),
                        next.treeSize(),
                        next.events(),
                        next.leafIndexes().toArray(Long[]::new),
                        next.subject(),
                        next.markdown(),
                        next.html(),
                        next.issuedAt().atOffset(ZoneOffset.UTC),
                        next.issuedBy())))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(rows.iterator().next().getInteger(0))
                        : Optional.empty());
    }

    /** Every version of the incident's notice, oldest first, without texts or indexes. */
    public Uni<List<Version>> list(String incidentId) {
        return database.preparedQuery("select incident_id, version, owner, tree_size, events, subject, issued_at,"
                        + " issued_by from notice_version where incident_id = $1 order by version")
                .execute(Tuple.of(incidentId))
                .map(rows -> {
                    List<Version> versions = new ArrayList<>();
                    rows.forEach(r -> versions.add(new Version(
                            r.getString(0),
                            r.getInteger(1),
                            r.getString(2),
                            r.getLong(3),
                            r.getLong(4),
                            null,
                            r.getString(5),
                            null,
                            null,
                            r.getOffsetDateTime(6).toInstant(),
                            r.getString(7))));
                    return versions;
                });
    }

    /** One version whole; the newest when {@code version} is null. */
    public Uni<Optional<Version>> get(String incidentId, Integer version) {
        return database.preparedQuery("select incident_id, version, owner, tree_size, events, leaf_indexes, subject,"
                        + " markdown, html, issued_at, issued_by from notice_version where incident_id = $1 and"
                        + " ($2::int is null or version = $2) order by version desc limit 1")
                .execute(Tuple.of(incidentId, version))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(whole(rows.iterator().next()))
                        : Optional.empty());
    }

    private static Version whole(Row r) {
        return new Version(
                r.getString(0),
                r.getInteger(1),
                r.getString(2),
                r.getLong(3),
                r.getLong(4),
                List.of(r.getArrayOfLongs(5)),
                r.getString(6),
                r.getString(7),
                r.getString(8),
                r.getOffsetDateTime(9).toInstant(),
                r.getString(10));
    }
}
