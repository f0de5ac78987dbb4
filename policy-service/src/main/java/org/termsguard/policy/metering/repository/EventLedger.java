package org.termsguard.policy.metering.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.OwnedEventId;

/**
 * The ledger of judged events that makes at-least-once delivery count each event once. An event is its
 * (owner, eventId): the ids are the producers', and two owners' producers may choose the same one.
 */
public final class EventLedger {

    private EventLedger() {}

    /**
     * Records the events in the caller's transaction and answers the identities that were not recorded before:
     * only those may be metered and judged. A rolled-back transaction forgets them again, so a retry judges them.
     */
    public static Uni<Set<OwnedEventId>> recordNew(SqlConnection connection, List<AccessEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        String[] ids = events.stream().map(AccessEvent::eventId).toArray(String[]::new);
        String[] owners = events.stream().map(AccessEvent::owner).toArray(String[]::new);
        return connection
                .preparedQuery("insert into processed_event (event_id, owner)"
                        + " select * from unnest($1::varchar[], $2::varchar[])"
                        + " on conflict (owner, event_id) do nothing returning owner, event_id")
                .execute(Tuple.of(ids, owners))
                .map(rows -> {
                    Set<OwnedEventId> fresh = new HashSet<>();
                    rows.forEach(row -> fresh.add(new OwnedEventId(row.getString("owner"), row.getString("event_id"))));
                    return fresh;
                });
    }

    /** Forgets at most {@code limit} events recorded before {@code before}; answers how many. */
    public static Uni<Integer> forgetBefore(SqlClient client, Instant before, int limit) {
        return client.preparedQuery("delete from processed_event where ctid in (select ctid from processed_event"
                        + " where processed_at < $1 limit $2)")
                .execute(Tuple.of(before.atOffset(java.time.ZoneOffset.UTC), limit))
                .map(rows -> rows.rowCount());
    }
}
