package org.termsguard.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.termsguard.bench.system.BenchOwner;

/**
 * Compares sets of event ids at every stage for one run: acknowledged by ingest (202) ⊆ evaluated once by policy
 * ({@code processed_event}) ; metered usage = the evaluated events, counted once each ; violations stored by
 * alert-service = the evaluated unlicensed events, once each ; incident members = those violations.
 */
final class Oracle {

    /** What one fault run came to; {@link #holds()} is the verdict. */
    record Outcome(
            String fault,
            long sent,
            long acknowledged,
            long evaluated,
            long lost,
            long evaluatedNotAcknowledged,
            long meteredExpected,
            long metered,
            long violationsExpected,
            long violations,
            long duplicateViolations,
            long incidentMembers,
            boolean throughAlerts,
            String refusals,
            long slowestRefusalMs,
            String notes) {

        boolean holds() {
            return lost == 0
                    && metered == meteredExpected
                    && violations == violationsExpected
                    && duplicateViolations == 0
                    && incidentMembers == violations;
        }
    }

    private final String jdbc;

    Oracle(String host, int port) {
        this.jdbc = "jdbc:postgresql://" + host + ":" + port + "/";
    }

    long licensedUsage() throws SQLException {
        try (Connection policy = connect("policy")) {
            return single(
                    policy,
                    "select coalesce(sum(records), 0) from usage_counter where owner = ? and consumer = ?",
                    BenchOwner.OWNER,
                    BenchOwner.LICENSED);
        }
    }

    /** Polls until every acknowledged event has gone all the way through, or the deadline passes; then judges. */
    Outcome settle(String fault, Traffic traffic, long licensedBefore, Duration deadline, String notes)
            throws SQLException, InterruptedException {
        return settle(fault, traffic, licensedBefore, deadline, notes, true);
    }

    /**
     * {@code throughAlerts} false: the run's violations went to a broker alert-service does not read (F7's
     * cluster), so only evaluation and metering are judged; the alert columns then repeat what is expected.
     */
    Outcome settle(
            String fault, Traffic traffic, long licensedBefore, Duration deadline, String notes, boolean throughAlerts)
            throws SQLException, InterruptedException {
        long until = System.nanoTime() + deadline.toNanos();
        Snapshot s = snapshot(traffic, licensedBefore, throughAlerts);
        while (System.nanoTime() < until && !s.complete(traffic.acknowledged)) {
            Thread.sleep(500);
            s = snapshot(traffic, licensedBefore, throughAlerts);
        }
        Set<String> lost = new HashSet<>(traffic.acknowledged);
        lost.removeAll(s.evaluated);
        Set<String> extra = new HashSet<>(s.evaluated);
        extra.removeAll(traffic.acknowledged);
        long evaluatedUnlicensed =
                s.evaluated.stream().filter(id -> id.contains("-U-")).count();
        return new Outcome(
                fault,
                traffic.sent.get(),
                traffic.acknowledged.size(),
                s.evaluated.size(),
                lost.size(),
                extra.size(),
                // Each event is one record: metered usage must be the evaluated events, each counted once.
                s.evaluated.size(),
                s.licensedUsage + s.unlicensedUsage,
                evaluatedUnlicensed,
                s.violations,
                s.duplicateViolations,
                s.incidentMembers,
                throughAlerts,
                traffic.otherAnswers.toString(),
                traffic.slowestRefusalMs.get(),
                notes);
    }

    private record Snapshot(
            Set<String> evaluated,
            long licensedUsage,
            long unlicensedUsage,
            long violations,
            long duplicateViolations,
            long incidentMembers) {

        boolean complete(Set<String> acknowledged) {
            long unlicensed =
                    evaluated.stream().filter(id -> id.contains("-U-")).count();
            return evaluated.containsAll(acknowledged)
                    && licensedUsage + unlicensedUsage == evaluated.size()
                    && violations == unlicensed
                    && incidentMembers == violations;
        }
    }

    private Snapshot snapshot(Traffic traffic, long licensedBefore, boolean throughAlerts) throws SQLException {
        String run = traffic.run;
        Set<String> evaluated = new HashSet<>();
        long licensed;
        long unlicensed;
        try (Connection policy = connect("policy");
                PreparedStatement query =
                        policy.prepareStatement("select event_id from processed_event where event_id like ?")) {
            query.setString(1, run + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    evaluated.add(rows.getString(1));
                }
            }
            licensed = single(
                            policy,
                            "select coalesce(sum(records), 0) from usage_counter where owner = ? and consumer = ?",
                            BenchOwner.OWNER,
                            BenchOwner.LICENSED)
                    - licensedBefore;
            unlicensed = single(
                    policy,
                    "select coalesce(sum(records), 0) from usage_counter where owner = ? and consumer like ?",
                    BenchOwner.OWNER,
                    "u-" + run + "-%");
        }
        if (!throughAlerts) {
            long unlicensedEvaluated =
                    evaluated.stream().filter(id -> id.contains("-U-")).count();
            return new Snapshot(evaluated, licensed, unlicensed, unlicensedEvaluated, 0, unlicensedEvaluated);
        }
        try (Connection alert = connect("alert")) {
            long violations =
                    single(alert, "select count(distinct event_id) from violation where event_id like ?", run + "-U-%");
            long rows = single(alert, "select count(*) from violation where event_id like ?", run + "-U-%");
            long members = single(
                    alert,
                    "select coalesce(sum(violations), 0) from incident where owner = ? and consumer like ?",
                    BenchOwner.OWNER,
                    "u-" + run + "-%");
            return new Snapshot(evaluated, licensed, unlicensed, violations, rows - violations, members);
        }
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbc + database, "postgres", "postgres");
    }

    private static long single(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
