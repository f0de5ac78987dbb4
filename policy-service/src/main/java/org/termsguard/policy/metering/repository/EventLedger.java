package org.termsguard.policy.metering.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.termsguard.contracts.events.AccessEvent;

/** The ledger of judged event ids that makes at-least-once delivery count each event once. */
public final class EventLedger {

    private EventLedger() {}

    /**
     * Records the events in the caller's transaction and answers the ids that were not recorded before: only
     * those may be metered and judged. A rolled-back transaction forgets them again, so a retry judges them.
     */
    public static Uni<Set<String>> recordNew(SqlConnection connection, List<AccessEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        String[] ids = events.stream().map(AccessEvent::eventId).toArray(String[]::new);
        String[] owners = events.stream().map(AccessEvent::owner).toArray(String[]::new);
        return connection
                .preparedQuery(
                        "insert into processed_event (event_id, owner)"
                                + " select * from unnest($1::varchar[], $2::varchar[]) on conflict do nothing returning event_id")
                .execute(Tuple.of(ids, owners))
                .map(rows -> {
                    Set<String> fresh = new HashSet<>();
                    rows.forEach(row -> fresh.add(row.getString(0)));
                    return fresh;
                });
    }
}
