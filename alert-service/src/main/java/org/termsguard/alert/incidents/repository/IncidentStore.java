package org.termsguard.alert.incidents.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.termsguard.alert.incidents.Incident;
import org.termsguard.alert.incidents.IncidentGrouper;
import org.termsguard.alert.incidents.IncidentKey;
import org.termsguard.alert.incidents.IncidentStatus;
import org.termsguard.contracts.violations.Rule;
import org.termsguard.contracts.violations.Severity;

/** Incidents in PostgreSQL, through the reactive SQL client so a batch's grouping is one transaction. */
@ApplicationScoped
public class IncidentStore {

    static final String COLUMNS =
            "id, owner, consumer, rule, severity, status, first_seen, last_seen, violations, events,"
                    + " records, fee_amount, fee_currency, sample_event_ids, silenced, last_violation_at, notified_violations,"
                    + " last_notified_at, next_action_at, created_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by";

    /** Filters of the ops API; null means any. */
    public record Query(
            Collection<String> owners,
            String consumer,
            String rule,
            String status,
            String severity,
            Instant from,
            Instant to,
            int limit,
            int offset) {}

    private final Pool database;

    public IncidentStore(Pool database) {
        this.database = database;
    }

    public Pool database() {
        return database;
    }

    /** The live incidents of {@code keys}, locked for the caller's transaction. */
    public static Uni<Map<IncidentKey, Incident>> live(SqlClient client, Collection<IncidentKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        String[] owners = keys.stream().map(IncidentKey::owner).toArray(String[]::new);
        String[] consumers = keys.stream().map(IncidentKey::consumer).toArray(String[]::new);
        String[] rules = keys.stream().map(k -> k.rule().token()).toArray(String[]::new);
        return client.preparedQuery("select " + COLUMNS + " from incident i join unnest($1::varchar[], $2::varchar[],"
                        + " $3::varchar[]) as k(owner, consumer, rule) using (owner, consumer, rule)"
                        + " where status <> 'resolved' for update of i")
                .execute(Tuple.of(owners, consumers, rules))
                .map(rows -> {
                    Map<IncidentKey, Incident> live = new HashMap<>();
                    rows.forEach(row -> {
                        Incident incident = incident(row);
                        live.put(incident.key(), incident);
                    });
                    return live;
                });
    }

    /** Which of {@code eventIds} the incidents already count. */
    public static Uni<Set<IncidentGrouper.Membership>> counted(
            SqlClient client, Collection<String> incidentIds, Collection<String> eventIds) {
        if (incidentIds.isEmpty() || eventIds.isEmpty()) {
            return Uni.createFrom().item(new HashSet<>());
        }
        return client.preparedQuery("select distinct incident_id, event_id from violation"
                        + " where incident_id = any($1) and event_id = any($2)")
                .execute(Tuple.of(incidentIds.toArray(String[]::new), eventIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<IncidentGrouper.Membership> counted = new HashSet<>();
                    rows.forEach(r -> counted.add(new IncidentGrouper.Membership(r.getString(0), r.getString(1))));
                    return counted;
                });
    }

    public static Uni<Void> save(SqlClient client, Collection<Incident> incidents) {
        if (incidents.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>(incidents.size());
        for (Incident incident : incidents) {
            Incident.Snapshot i = incident.snapshot();
            batch.add(Tuple.from(Arrays.asList(
                    i.id(),
                    i.key().owner(),
                    i.key().consumer(),
                    i.key().rule().token(),
                    token(i.severity()),
                    i.status().token(),
                    utc(i.firstSeen()),
                    utc(i.lastSeen()),
                    i.violations(),
                    i.events(),
                    i.records(),
                    i.feeAmount(),
                    i.feeCurrency(),
                    i.sampleEventIds().toArray(String[]::new),
                    i.silenced(),
                    utc(i.lastViolationAt()),
                    i.notifiedViolations(),
                    utc(i.lastNotifiedAt()),
                    utc(i.nextActionAt()),
                    utc(i.createdAt()),
                    utc(i.acknowledgedAt()),
                    i.acknowledgedBy(),
                    utc(i.resolvedAt()),
                    i.resolvedBy())));
        }
        return client.preparedQuery("insert into incident (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
                        + " $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)"
                        + " on conflict (id) do update set severity = excluded.severity, status = excluded.status,"
                        + " first_seen = excluded.first_seen, last_seen = excluded.last_seen,"
                        + " violations = excluded.violations, events = excluded.events, records = excluded.records,"
                        + " fee_amount = excluded.fee_amount, fee_currency = excluded.fee_currency,"
                        + " sample_event_ids = excluded.sample_event_ids, silenced = excluded.silenced,"
                        + " last_violation_at = excluded.last_violation_at,"
                        + " notified_violations = excluded.notified_violations,"
                        + " last_notified_at = excluded.last_notified_at, next_action_at = excluded.next_action_at,"
                        + " acknowledged_at = excluded.acknowledged_at, acknowledged_by = excluded.acknowledged_by,"
                        + " resolved_at = excluded.resolved_at, resolved_by = excluded.resolved_by")
                .executeBatch(batch)
                .replaceWithVoid();
    }

    /** Incidents whose next action is due, locked; other instances skip them. */
    public static Uni<List<Incident>> due(SqlClient client, Instant now, int limit) {
        return client.preparedQuery("select " + COLUMNS + " from incident where status <> 'resolved'"
                        + " and next_action_at <= $1 order by next_action_at limit $2 for update skip locked")
                .execute(Tuple.of(utc(now), limit))
                .map(IncidentStore::incidents);
    }

    public static Uni<Optional<Incident>> lock(SqlClient client, String id) {
        return client.preparedQuery("select " + COLUMNS + " from incident where id = $1 for update")
                .execute(Tuple.of(id))
                .map(rows -> incidents(rows).stream().findFirst());
    }

    public Uni<Optional<Incident>> find(String id) {
        return database.preparedQuery("select " + COLUMNS + " from incident where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> incidents(rows).stream().findFirst());
    }

    public Uni<List<Incident>> list(Query query) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from incident where true");
        List<Object> args = new ArrayList<>();
        if (query.owners() != null) {
            args.add(query.owners().toArray(String[]::new));
            sql.append(" and owner = any($").append(args.size()).append(')');
        }
        filter(sql, args, "consumer", query.consumer());
        filter(sql, args, "rule", query.rule());
        filter(sql, args, "status", query.status());
        filter(sql, args, "severity", query.severity());
        if (query.from() != null) {
            args.add(utc(query.from()));
            sql.append(" and last_seen >= $").append(args.size());
        }
        if (query.to() != null) {
            args.add(utc(query.to()));
            sql.append(" and first_seen < $").append(args.size());
        }
        args.add(query.limit());
        sql.append(" order by last_violation_at desc, id limit $").append(args.size());
        args.add(query.offset());
        sql.append(" offset $").append(args.size());
        return database.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(IncidentStore::incidents);
    }

    /**
     * Where an event stands in the evidence chain's order: its instant as the database holds it (microseconds, and
     * the nanoseconds below them apart, V6) and its id.
     */
    public record ChainPosition(OffsetDateTime observedAt, int subMicros, String eventId) {}

    /** An event of an incident as judged, with its position in the chain. */
    public record EvidenceRow(ChainPosition position, String eventJson) {}

    /** A page of an incident's events in chain order; {@code more} when events may follow {@link #last()}. */
    public record EvidenceRows(List<EvidenceRow> rows, boolean more) {
        public ChainPosition last() {
            return rows.isEmpty() ? null : rows.get(rows.size() - 1).position();
        }
    }

    private static final String EVIDENCE =
            "select distinct on (observed_at, observed_sub_micros, event_id collate \"C\")"
                    + " observed_at, observed_sub_micros, event_id, (payload -> 'event')::text from violation"
                    + " where incident_id = $1";

    /**
     * The events of an incident after {@code after} (null: from the first) in the chain's own order, one per event id
     * (an event that broke the rule twice counts once), at most {@code limit} of them. The database's order is the
     * chain's exactly (V6), so a page ends at its limit whatever the events' times: an incident whose events all
     * share a second is paged like any other.
     */
    public Uni<EvidenceRows> evidenceAfter(String incidentId, ChainPosition after, int limit) {
        // Exactly the index's order, so each page is an index range read to its limit. Which of an event's violations
        // gives the event does not matter: each carries the same event.
        String order = " order by observed_at, observed_sub_micros, event_id collate \"C\" limit $";
        Uni<RowSet<Row>> page = after == null
                ? database.preparedQuery(EVIDENCE + order + "2").execute(Tuple.of(incidentId, limit + 1))
                : database.preparedQuery(EVIDENCE
                                + " and (observed_at, observed_sub_micros, event_id collate \"C\") > ($2, $3, $4)"
                                + order + "5")
                        .execute(Tuple.from(java.util.Arrays.asList(
                                incidentId,
                                after.observedAt(),
                                (short) after.subMicros(),
                                after.eventId(),
                                limit + 1)));
        return page.map(rows -> {
            List<EvidenceRow> found = new ArrayList<>();
            rows.forEach(r -> found.add(new EvidenceRow(
                    new ChainPosition(r.getOffsetDateTime(0), r.getShort(1), r.getString(2)), r.getString(3))));
            return found.size() <= limit
                    ? new EvidenceRows(found, false)
                    : new EvidenceRows(new ArrayList<>(found.subList(0, limit)), true);
        });
    }

    /** How many of an incident's events each identity confidence has (claimed, verified, ...). */
    public Uni<Map<String, Long>> identitiesOf(String incidentId) {
        return database.preparedQuery("select coalesce(payload -> 'event' -> 'evidence' ->> 'identity', 'claimed'),"
                        + " count(distinct event_id) from violation where incident_id = $1 group by 1 order by 1"
                        + " limit 20")
                .execute(Tuple.of(incidentId))
                .map(rows -> {
                    Map<String, Long> counts = new java.util.TreeMap<>();
                    rows.forEach(r -> counts.put(r.getString(0), r.getLong(1)));
                    return counts;
                });
    }

    /**
     * How many of an incident's events each crawler-identity verdict has ({@code evidence.verification.verdict}:
     * signed, listed, dns, claimed, contradicted, unverifiable; {@code none} for events ingest published before it
     * verified identities).
     */
    public Uni<Map<String, Long>> verdictsOf(String incidentId) {
        return database.preparedQuery(
                        "select coalesce(payload -> 'event' -> 'evidence' -> 'verification' ->> 'verdict',"
                                + " 'none'), count(distinct event_id) from violation where incident_id = $1 group by 1"
                                + " order by 1 limit 20")
                .execute(Tuple.of(incidentId))
                .map(rows -> {
                    Map<String, Long> counts = new java.util.TreeMap<>();
                    rows.forEach(r -> counts.put(r.getString(0), r.getLong(1)));
                    return counts;
                });
    }

    /** The violations of an incident, oldest first, as received. */
    public Uni<List<String>> violationsOf(String incidentId, int limit) {
        // The chain's order, which the index has: the first violations without sorting all of a large incident's.
        return database.preparedQuery("select payload::text from violation where incident_id = $1"
                        + " order by observed_at, observed_sub_micros, event_id collate \"C\" limit $2")
                .execute(Tuple.of(incidentId, limit))
                .map(rows -> {
                    List<String> payloads = new ArrayList<>();
                    rows.forEach(r -> payloads.add(r.getString(0)));
                    return payloads;
                });
    }

    private static void filter(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null && !value.isBlank()) {
            args.add(value);
            sql.append(" and ").append(column).append(" = $").append(args.size());
        }
    }

    private static List<Incident> incidents(RowSet<Row> rows) {
        List<Incident> incidents = new ArrayList<>();
        rows.forEach(row -> incidents.add(incident(row)));
        return incidents;
    }

    static Incident incident(Row r) {
        return Incident.restore(new Incident.Snapshot(
                r.getString("id"),
                new IncidentKey(r.getString("owner"), r.getString("consumer"), rule(r.getString("rule"))),
                Severity.valueOf(r.getString("severity").toUpperCase(Locale.ROOT)),
                IncidentStatus.of(r.getString("status")),
                instant(r, "first_seen"),
                instant(r, "last_seen"),
                r.getLong("violations"),
                r.getLong("events"),
                r.getLong("records"),
                r.getBigDecimal("fee_amount"),
                r.getString("fee_currency"),
                Arrays.asList(r.getArrayOfStrings("sample_event_ids")),
                r.getBoolean("silenced"),
                instant(r, "last_violation_at"),
                r.getLong("notified_violations"),
                instant(r, "last_notified_at"),
                instant(r, "next_action_at"),
                instant(r, "created_at"),
                instant(r, "acknowledged_at"),
                r.getString("acknowledged_by"),
                instant(r, "resolved_at"),
                r.getString("resolved_by")));
    }

    static Rule rule(String token) {
        return Rule.valueOf(token.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    static String token(Severity severity) {
        return severity.name().toLowerCase(Locale.ROOT);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
