package org.termsguard.policy.terms.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;
import org.termsguard.policy.terms.TermsDocument;

/**
 * The versions of every owner's terms in PostgreSQL. Appending locks the owner's row, so concurrent changes to
 * one owner get consecutive versions instead of a conflict.
 */
@ApplicationScoped
public class TermsStore {

    /** One stored version. */
    public record Version(
            String owner,
            long version,
            Instant effectiveFrom,
            TermsDocument document,
            String change,
            String changedBy,
            Instant createdAt) {}

    private final Pool database;
    private final ObjectMapper json;

    public TermsStore(Pool database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    public Uni<List<Version>> versions(String owner) {
        return database.preparedQuery("select owner, version, effective_from, document::text as document, change,"
                        + " changed_by, created_at from terms_version where owner = $1 order by version")
                .execute(Tuple.of(owner))
                .map(rows -> {
                    List<Version> versions = new ArrayList<>();
                    rows.forEach(row -> versions.add(version(row)));
                    return versions;
                });
    }

    /**
     * Appends a version made by {@code change} from the latest document (null when the owner has none yet).
     * {@code effectiveFrom} may not lie before the latest version's: the past is append-only, and a change that
     * would rewrite what judged earlier events is refused with 409.
     */
    public Uni<Version> append(
            String owner, Instant effectiveFrom, String description, String changedBy, Change change) {
        return database.withTransaction(connection -> lockOwner(connection, owner)
                .chain(() -> latest(connection, owner))
                .chain(latest -> {
                    if (latest.isPresent()
                            && effectiveFrom.isBefore(latest.get().effectiveFrom())) {
                        throw new ProblemException(Problems.conflict("effectiveFrom " + effectiveFrom
                                + " is before version " + latest.get().version() + " (effective "
                                + latest.get().effectiveFrom() + "); the past is append-only."));
                    }
                    TermsDocument document =
                            change.apply(latest.map(Version::document).orElse(null));
                    long next = latest.map(v -> v.version() + 1).orElse(1L);
                    return connection
                            .preparedQuery("insert into terms_version (owner, version, effective_from,"
                                    + " document, change, changed_by) values ($1, $2, $3, cast(cast($4 as text) as jsonb), $5, $6)"
                                    + " returning created_at")
                            .execute(Tuple.from(List.of(
                                    owner,
                                    next,
                                    effectiveFrom.atOffset(ZoneOffset.UTC),
                                    write(document),
                                    abbreviate(description),
                                    changedBy)))
                            .chain(() -> connection
                                    .preparedQuery(
                                            "update owner set display_name = $2, notice_contact = $3 where id = $1")
                                    .execute(Tuple.of(owner, document.displayName(), document.noticeContact())))
                            .chain(() -> connection
                                    .preparedQuery("insert into terms_change_outbox (owner, version, effective_from,"
                                            + " description) values ($1, $2, $3, $4)")
                                    .execute(Tuple.of(
                                            owner,
                                            next,
                                            effectiveFrom.atOffset(ZoneOffset.UTC),
                                            abbreviate(description))))
                            .map(done -> new Version(
                                    owner, next, effectiveFrom, document, description, changedBy, Instant.now()));
                }));
    }

    /** What a change does to the latest document. */
    @FunctionalInterface
    public interface Change {
        TermsDocument apply(TermsDocument latest);
    }

    private Uni<Void> lockOwner(SqlConnection connection, String owner) {
        return connection
                .preparedQuery("insert into owner (id, display_name) values ($1, $1) on conflict do nothing")
                .execute(Tuple.of(owner))
                .chain(() -> connection
                        .preparedQuery("select id from owner where id = $1 for update")
                        .execute(Tuple.of(owner)))
                .replaceWithVoid();
    }

    private Uni<Optional<Version>> latest(SqlConnection connection, String owner) {
        return connection
                .preparedQuery("select owner, version, effective_from, document::text as document, change,"
                        + " changed_by, created_at from terms_version where owner = $1 order by version desc limit 1")
                .execute(Tuple.of(owner))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(version(rows.iterator().next()))
                        : Optional.empty());
    }

    private Version version(Row row) {
        try {
            return new Version(
                    row.getString("owner"),
                    row.getLong("version"),
                    row.getOffsetDateTime("effective_from").toInstant(),
                    json.readValue(row.getString("document"), TermsDocument.class),
                    row.getString("change"),
                    row.getString("changed_by"),
                    row.getOffsetDateTime("created_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Terms version " + row.getLong("version") + " of " + row.getString("owner") + " cannot be read: "
                            + e.getOriginalMessage(),
                    e);
        }
    }

    private String write(TermsDocument document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Terms of " + document.owner() + " cannot be written", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 512 ? text : text.substring(0, 509) + "...";
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A terms change committed but not yet known to be on {@code terms-changes}. */
    public record PendingChange(String owner, long version, Instant effectiveFrom, String description) {}

    /** Changes older than {@code olderThan} whose message is not known to have gone out. */
    public Uni<List<PendingChange>> pendingChanges(Instant olderThan) {
        return database.preparedQuery("select owner, version, effective_from, description from terms_change_outbox"
                        + " where created_at < $1 order by created_at limit 100")
                .execute(Tuple.of(olderThan.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<PendingChange> pending = new java.util.ArrayList<>();
                    rows.forEach(row -> pending.add(new PendingChange(
                            row.getString("owner"),
                            row.getLong("version"),
                            row.getOffsetDateTime("effective_from").toInstant(),
                            row.getString("description"))));
                    return pending;
                });
    }

    /** The broker has the change's message: the outbox forgets it. */
    public Uni<Void> sent(String owner, long version) {
        return database.preparedQuery("delete from terms_change_outbox where owner = $1 and version = $2")
                .execute(Tuple.of(owner, version))
                .replaceWithVoid();
    }
}
