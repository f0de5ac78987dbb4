package org.termsguard.policy.metering.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.termsguard.policy.evaluation.UsageKey;
import org.termsguard.policy.terms.QuotaPeriod;

/** Usage counters in PostgreSQL, read and added to a batch at a time. */
@ApplicationScoped
public class UsageCounters {

    /** One counter as stored. */
    public record Counter(UsageKey key, long records) {}

    private final Pool database;

    public UsageCounters(Pool database) {
        this.database = database;
    }

    /** The current value of each of {@code keys} (0 for a counter that does not exist yet). */
    public static Uni<Map<UsageKey, Long>> load(SqlClient client, Collection<UsageKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Columns columns = new Columns(keys, null);
        return client.preparedQuery("select u.owner, u.consumer, u.license_id, u.period, u.period_start, u.records"
                        + " from usage_counter u join unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[],"
                        + " $5::date[]) as k(owner, consumer, license_id, period, period_start)"
                        + " using (owner, consumer, license_id, period, period_start)")
                .execute(columns.tuple())
                .map(rows -> {
                    Map<UsageKey, Long> values = new HashMap<>();
                    rows.forEach(row -> values.put(key(row), row.getLong("records")));
                    return values;
                });
    }

    /** Adds {@code deltas} atomically; concurrent adders never lose each other's records. */
    public static Uni<Void> add(SqlClient client, Map<UsageKey, Long> deltas) {
        if (deltas.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Columns columns = new Columns(deltas.keySet(), deltas);
        return client.preparedQuery("insert into usage_counter (owner, consumer, license_id, period, period_start,"
                        + " records) select * from unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[],"
                        + " $5::date[], $6::int8[]) on conflict (owner, consumer, license_id, period, period_start)"
                        + " do update set records = case when usage_counter.records > 9223372036854775807 - excluded.records"
                        // Saturating, as Records.add is: a sum past 2^63-1 stays there instead of failing the batch.
                        + " then 9223372036854775807 else usage_counter.records + excluded.records end,"
                        + " updated_at = now()")
                .execute(columns.tuple())
                .replaceWithVoid();
    }

    /** Every counter of {@code owner} in the period that starts at {@code start}. */
    public Uni<List<Counter>> ofPeriod(String owner, QuotaPeriod period, LocalDate start) {
        return database.preparedQuery("select owner, consumer, license_id, period, period_start, records"
                        + " from usage_counter where owner = $1 and period = $2 and period_start = $3"
                        + " order by consumer, license_id")
                .execute(Tuple.of(owner, period.iso(), start))
                .map(rows -> {
                    List<Counter> counters = new ArrayList<>();
                    rows.forEach(row -> counters.add(new Counter(key(row), row.getLong("records"))));
                    return counters;
                });
    }

    /** Current values, read outside any batch (the dry run). */
    public Uni<Map<UsageKey, Long>> current(Collection<UsageKey> keys) {
        return load(database, keys);
    }

    private static UsageKey key(Row row) {
        return new UsageKey(
                row.getString("owner"),
                row.getString("consumer"),
                row.getString("license_id"),
                QuotaPeriod.valueOf(
                        switch (row.getString("period")) {
                            case "P1D" -> "DAY";
                            case "P1Y" -> "YEAR";
                            default -> "MONTH";
                        }),
                row.getLocalDate("period_start"));
    }

    /** Keys (and deltas) as one array per column, for unnest. */
    private record Columns(Collection<UsageKey> keys, Map<UsageKey, Long> deltas) {
        Tuple tuple() {
            int size = keys.size();
            String[] owners = new String[size],
                    consumers = new String[size],
                    licenses = new String[size],
                    periods = new String[size];
            LocalDate[] starts = new LocalDate[size];
            Long[] records = new Long[size];
            int i = 0;
            for (UsageKey key : keys) {
                owners[i] = key.owner();
                consumers[i] = key.consumer();
                licenses[i] = key.licenseId();
                periods[i] = key.period().iso();
                starts[i] = key.periodStart();
                records[i] = deltas == null ? 0L : deltas.get(key);
                i++;
            }
            Tuple tuple = Tuple.of(owners, consumers, licenses, periods, starts);
            return deltas == null ? tuple : tuple.addArrayOfLong(records);
        }
    }
}
