package org.termsguard.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.termsguard.bench.system.BenchOwner;
import org.termsguard.localstack.RunningStack;

/**
 * F5's oracle: notices due = delivered + dead-lettered. Every incident of the run is due one notice at the flaky
 * receiver; each must end delivered or failed (none pending), exactly as the receiver's behaviour for its id
 * dictates and after exactly as many attempts as the receiver saw, and every failed one must be on
 * {@code alerts.dlq}; every attempt's HMAC-SHA256 signature must verify under the route's secret (recomputed by
 * the receiver). Retries must back off without being starved: the wait before attempt n, as the receiver sees it,
 * may not exceed the sender's timeout plus the backoff cap of attempt n-1, two delivery ticks and 2 s.
 */
final class NoticeOracle {

    /** What F5 came to; {@link #holds()} is the verdict. */
    record Outcome(
            long incidents,
            long due,
            long delivered,
            long deadLettered,
            long pending,
            long onDlq,
            long attempts,
            boolean allSigned,
            long badSignatures,
            Map<String, Long> byBehaviour,
            Map<Integer, Double> meanWaitBeforeAttemptMs,
            List<String> mismatches) {

        boolean holds() {
            return due == incidents
                    && incidents > 0
                    && pending == 0
                    && delivered + deadLettered == due
                    && onDlq == deadLettered
                    && allSigned
                    && badSignatures == 0
                    && mismatches.isEmpty();
        }
    }

    private record Row(long id, String alertId, String status, int attempts) {}

    private final String jdbc;
    private final String bootstrapServers;
    private final int maxAttempts;
    private final Duration timeout;
    private final Duration backoffBase;
    private final Duration backoffMax;

    NoticeOracle(
            String jdbc,
            String bootstrapServers,
            int maxAttempts,
            Duration timeout,
            Duration backoffBase,
            Duration backoffMax) {
        this.jdbc = jdbc;
        this.bootstrapServers = bootstrapServers;
        this.maxAttempts = maxAttempts;
        this.timeout = timeout;
        this.backoffBase = backoffBase;
        this.backoffMax = backoffMax;
    }

    /** The longest acceptable wait before {@code attempt}, see the class comment (ticks are 1 s). */
    long longestWaitMillis(int attempt) {
        long cap = Math.min(backoffMax.toMillis(), backoffBase.toMillis() << (attempt - 2));
        return timeout.toMillis() + cap + 2 * 1000 + 2000;
    }

    /** Polls until every notice to {@code target} for the run's incidents is finished, or the deadline passes. */
    Outcome settle(String run, String target, FlakyReceiver receiver, Duration deadline)
            throws SQLException, InterruptedException {
        long until = System.nanoTime() + deadline.toNanos();
        long incidents;
        List<Row> rows;
        while (true) {
            try (Connection alert = DriverManager.getConnection(jdbc + "alert", "postgres", "postgres")) {
                incidents = incidents(alert, run);
                rows = deliveries(alert, target);
            }
            boolean finished = rows.stream().noneMatch(r -> r.status().equals("pending"));
            if ((finished && rows.size() == incidents) || System.nanoTime() > until) {
                break;
            }
            Thread.sleep(500);
        }
        List<String> mismatches = new ArrayList<>();
        Map<String, Long> byBehaviour = new TreeMap<>();
        Set<String> failedAlerts = new HashSet<>();
        long attempts = 0;
        for (Row row : rows) {
            FlakyReceiver.Behaviour behaviour = FlakyReceiver.Behaviour.of(row.id());
            byBehaviour.merge(behaviour.name(), 1L, Long::sum);
            boolean delivers = behaviour.deliversAt > 0;
            String expected = delivers ? "delivered" : "failed";
            int expectedAttempts = delivers ? behaviour.deliversAt : maxAttempts;
            attempts += row.attempts();
            if (!row.status().equals(expected)
                    || row.attempts() != expectedAttempts
                    || receiver.attempts(row.id()) != expectedAttempts
                    || receiver.delivered(row.id()) != (delivers ? 1 : 0)) {
                mismatches.add(String.format(
                        "delivery %d (%s): %s after %d attempts, receiver saw %d and accepted %d; expected %s after %d",
                        row.id(),
                        behaviour,
                        row.status(),
                        row.attempts(),
                        receiver.attempts(row.id()),
                        receiver.delivered(row.id()),
                        expected,
                        expectedAttempts));
            }
            List<FlakyReceiver.Request> seen = receiver.requests.getOrDefault(row.id(), List.of());
            for (int i = 1; i < seen.size(); i++) {
                long waited = seen.get(i).atMillis() - seen.get(i - 1).atMillis();
                if (waited > longestWaitMillis(seen.get(i).attempt())) {
                    mismatches.add(String.format(
                            "delivery %d (%s): attempt %d came %d ms after the one before; at most %d expected",
                            row.id(),
                            behaviour,
                            seen.get(i).attempt(),
                            waited,
                            longestWaitMillis(seen.get(i).attempt())));
                }
            }
            if (row.status().equals("failed")) {
                failedAlerts.add(row.alertId());
            }
        }
        // A failed delivery's alerts.dlq letter goes out from the outbox (DeadLetterRelay, every 2 s): wait for it, to
        // the same deadline, rather than count the letters the moment the last delivery failed.
        long onDlq = onDeadLetterTopic(failedAlerts);
        while (onDlq < failedAlerts.size()
                && System.nanoTime() < until + Duration.ofSeconds(20).toNanos()) {
            Thread.sleep(500);
            onDlq = onDeadLetterTopic(failedAlerts);
        }
        boolean allSigned =
                receiver.requests.values().stream().flatMap(List::stream).allMatch(FlakyReceiver.Request::signed);
        long badSignatures = receiver.requests.values().stream()
                .flatMap(List::stream)
                .filter(r -> !r.signatureValid())
                .count();
        return new Outcome(
                incidents,
                rows.size(),
                rows.stream().filter(r -> r.status().equals("delivered")).count(),
                failedAlerts.size(),
                rows.stream().filter(r -> r.status().equals("pending")).count(),
                onDlq,
                attempts,
                allSigned,
                badSignatures,
                byBehaviour,
                meanWaits(receiver),
                mismatches);
    }

    private static long incidents(Connection alert, String run) throws SQLException {
        try (PreparedStatement query =
                alert.prepareStatement("select count(*) from incident where owner = ? and consumer like ?")) {
            query.setString(1, BenchOwner.OWNER);
            query.setString(2, "u-" + run + "-%");
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static List<Row> deliveries(Connection alert, String target) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement query = alert.prepareStatement(
                "select id, alert_id, status, attempts from delivery where target = ? order by id")) {
            query.setString(1, target);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3), result.getInt(4)));
                }
            }
        }
        return rows;
    }

    /** The mean time between an attempt and the one before it, by attempt number, as the receiver saw them. */
    private static Map<Integer, Double> meanWaits(FlakyReceiver receiver) {
        Map<Integer, long[]> sums = new TreeMap<>();
        for (List<FlakyReceiver.Request> seen : receiver.requests.values()) {
            for (int i = 1; i < seen.size(); i++) {
                long[] sum = sums.computeIfAbsent(seen.get(i).attempt(), a -> new long[2]);
                sum[0] += seen.get(i).atMillis() - seen.get(i - 1).atMillis();
                sum[1]++;
            }
        }
        Map<Integer, Double> means = new TreeMap<>();
        sums.forEach((attempt, sum) -> means.put(attempt, (double) sum[0] / sum[1]));
        return means;
    }

    /** How many of {@code alertIds} have a record on {@code alerts.dlq}, read to the topic's end. */
    private long onDeadLetterTopic(Set<String> alertIds) {
        if (alertIds.isEmpty()) {
            return 0;
        }
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Set<String> found = new HashSet<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("alerts.dlq").stream()
                    .map(p -> new TopicPartition("alerts.dlq", p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        JsonNode letter = RunningStack.JSON.readTree(record.value());
                        String alertId = letter.path("data")
                                .path("alertId")
                                .asText(letter.path("alertId").asText());
                        if (alertIds.contains(alertId)) {
                            found.add(alertId);
                        }
                    } catch (java.io.IOException e) {
                        // Not a dead letter of ours.
                    }
                }
            }
        }
        return found.size();
    }
}
