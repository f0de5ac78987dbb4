package org.termsguard.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.termsguard.bench.system.BenchOwner;
import org.termsguard.contracts.events.OwnedEventId;
import org.termsguard.localstack.RunningStack;

/**
 * Compares sets of events, each (owner, eventId), from independent sources for one run: the client's (those ingest
 * answered 202), {@code access-events} read back (what the broker holds), policy's ledger ({@code processed_event}),
 * {@code violations} read back and alert-service's {@code violation} table. It holds when acknowledged ⊆ on the
 * topic = evaluated once; metered usage = the evaluated events (one record each), counted once; the violations on
 * the topic = the violations stored = the evaluated unlicensed events, once each; incident members = those
 * violations — and all of it within the run's bound after the last send.
 */
final class Oracle {

    /** What one fault run came to; {@link #holds()} is the verdict. */
    record Outcome(
            String fault,
            long sent,
            long distinct,
            long acknowledged,
            long onTopic,
            long evaluated,
            long lost,
            long acknowledgedNotOnTopic,
            long onTopicNotEvaluated,
            long evaluatedNotOnTopic,
            long evaluatedNotAcknowledged,
            long meteredExpected,
            long metered,
            long violationsExpected,
            long violationsOnTopic,
            long violationsTopicMismatch,
            long violations,
            long violationsMismatch,
            long duplicateViolations,
            long incidentMembers,
            boolean throughAlerts,
            String refusals,
            long slowestRefusalMs,
            long settledMs,
            Duration bound,
            String notes) {

        /** Nothing judged late: the run settled within its bound after the last send. */
        boolean stalled() {
            return settledMs < 0 || settledMs > bound.toMillis();
        }

        boolean holds() {
            return lost == 0
                    && acknowledgedNotOnTopic == 0
                    && onTopicNotEvaluated == 0
                    && evaluatedNotOnTopic == 0
                    && metered == meteredExpected
                    && violationsOnTopic == violationsExpected
                    && violationsTopicMismatch == 0
                    && violations == violationsExpected
                    && violationsMismatch == 0
                    && duplicateViolations == 0
                    && incidentMembers == violations
                    && !stalled();
        }
    }

    /** What the stores held before the run: licensed usage per owner, and where each topic ended. */
    record Baseline(Map<String, Long> licensedUsage, Map<TopicPartition, Long> topicEnds) {}

    private final String jdbc;

    Oracle(String host, int port) {
        this.jdbc = "jdbc:postgresql://" + host + ":" + port + "/";
    }

    /** Taken before the run's traffic starts; {@code bootstrap}: the broker the run's traffic goes to. */
    Baseline begin(List<String> owners, String bootstrap) throws SQLException {
        Map<String, Long> licensed = new HashMap<>();
        try (Connection policy = connect("policy")) {
            for (String owner : owners) {
                licensed.put(owner, licensedUsage(policy, owner));
            }
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (String topic : List.of("access-events", "violations")) {
            try {
                ends.putAll(TopicReader.ends(bootstrap, topic));
            } catch (RuntimeException e) {
                // Not created yet (a new cluster): read it from the beginning.
            }
        }
        return new Baseline(licensed, ends);
    }

    /**
     * Polls until every acknowledged event has gone all the way through, or {@code bound} after the last send
     * passes; then reads both topics back and judges. {@code throughAlerts} false: the run's violations went to a
     * broker alert-service does not read (F7's cluster), so alert-service's tables are not judged (their columns
     * repeat what is expected) — the {@code violations} topic still is.
     */
    Outcome settle(
            String fault,
            Traffic traffic,
            Baseline baseline,
            Duration bound,
            String notes,
            boolean throughAlerts,
            String bootstrap)
            throws SQLException, InterruptedException {
        long lastSend = traffic.lastSendNanos;
        long until = lastSend + bound.toNanos() + Duration.ofSeconds(30).toNanos();
        Snapshot s = snapshot(traffic, baseline, throughAlerts);
        while (System.nanoTime() < until && !s.complete(traffic.acknowledged)) {
            Thread.sleep(500);
            s = snapshot(traffic, baseline, throughAlerts);
        }
        String prefix = traffic.run + "-";
        Set<OwnedEventId> onTopic = TopicReader.events(
                bootstrap, "access-events", baseline.topicEnds(), "eventId", id -> id.startsWith(prefix));
        // What reached the topic without a 202 (the answer was lost in a fault) is judged too: wait for it as well.
        while (System.nanoTime() < until && !(s.complete(traffic.acknowledged) && s.evaluated.containsAll(onTopic))) {
            Thread.sleep(500);
            s = snapshot(traffic, baseline, throughAlerts);
        }
        long settledMs = s.complete(traffic.acknowledged) && s.evaluated.containsAll(onTopic)
                ? Math.max(0, (System.nanoTime() - lastSend) / 1_000_000)
                : -1;
        Set<OwnedEventId> violationsOnTopic = TopicReader.events(
                bootstrap, "violations", baseline.topicEnds(), "eventId", id -> id.startsWith(traffic.run + "-U-"));
        Set<OwnedEventId> evaluatedUnlicensed = unlicensed(s.evaluated);
        return new Outcome(
                fault,
                traffic.sent.get(),
                traffic.distinct.get(),
                traffic.acknowledged.size(),
                onTopic.size(),
                s.evaluated.size(),
                minus(traffic.acknowledged, s.evaluated),
                minus(traffic.acknowledged, onTopic),
                minus(onTopic, s.evaluated),
                minus(s.evaluated, onTopic),
                minus(s.evaluated, traffic.acknowledged),
                // Each event is one record: metered usage must be the evaluated events, each counted once.
                s.evaluated.size(),
                s.metered,
                evaluatedUnlicensed.size(),
                violationsOnTopic.size(),
                minus(violationsOnTopic, evaluatedUnlicensed) + minus(evaluatedUnlicensed, violationsOnTopic),
                s.stored.size(),
                minus(s.stored, evaluatedUnlicensed) + minus(evaluatedUnlicensed, s.stored),
                s.duplicateViolations,
                s.incidentMembers,
                throughAlerts,
                traffic.otherAnswers.toString(),
                traffic.slowestRefusalMs.get(),
                settledMs,
                bound,
                notes);
    }

    private static long minus(Set<OwnedEventId> a, Set<OwnedEventId> b) {
        return a.stream().filter(Predicate.not(b::contains)).count();
    }

    private static Set<OwnedEventId> unlicensed(Set<OwnedEventId> events) {
        Set<OwnedEventId> unlicensed = new HashSet<>();
        for (OwnedEventId event : events) {
            if (event.eventId().contains("-U-")) {
                unlicensed.add(event);
            }
        }
        return unlicensed;
    }

    private record Snapshot(
            Set<OwnedEventId> evaluated,
            long metered,
            Set<OwnedEventId> stored,
            long duplicateViolations,
            long incidentMembers) {

        boolean complete(Set<OwnedEventId> acknowledged) {
            return evaluated.containsAll(acknowledged)
                    && metered == evaluated.size()
                    && stored.equals(unlicensed(evaluated))
                    && incidentMembers == stored.size();
        }
    }

    private Snapshot snapshot(Traffic traffic, Baseline baseline, boolean throughAlerts) throws SQLException {
        String run = traffic.run;
        Set<OwnedEventId> evaluated = new HashSet<>();
        long metered = 0;
        try (Connection policy = connect("policy");
                PreparedStatement query =
                        policy.prepareStatement("select owner, event_id from processed_event where event_id like ?")) {
            // Every owner's rows of this run, not only the run's owners: an event judged under a wrong owner would
            // show as evaluated but never sent.
            query.setString(1, run + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    evaluated.add(new OwnedEventId(rows.getString(1), rows.getString(2)));
                }
            }
            for (String owner : traffic.owners) {
                metered +=
                        licensedUsage(policy, owner) - baseline.licensedUsage().getOrDefault(owner, 0L);
            }
            metered += single(
                    policy,
                    "select coalesce(sum(records), 0) from usage_counter where consumer like ?",
                    "u-" + run + "-%");
        }
        if (!throughAlerts) {
            Set<OwnedEventId> expected = unlicensed(evaluated);
            return new Snapshot(evaluated, metered, expected, 0, expected.size());
        }
        Set<OwnedEventId> stored = new HashSet<>();
        long rowCount = 0;
        try (Connection alert = connect("alert");
                PreparedStatement query = alert.prepareStatement(
                        "select owner, event_id, count(*) from violation where event_id like ? group by owner, event_id")) {
            query.setString(1, run + "-U-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.add(new OwnedEventId(rows.getString(1), rows.getString(2)));
                    rowCount += rows.getLong(3);
                }
            }
            long members = single(
                    alert,
                    "select coalesce(sum(violations), 0) from incident where consumer like ?",
                    "u-" + run + "-%");
            return new Snapshot(evaluated, metered, stored, rowCount - stored.size(), members);
        }
    }

    private static long licensedUsage(Connection policy, String owner) throws SQLException {
        return single(
                policy,
                "select coalesce(sum(records), 0) from usage_counter where owner = ? and consumer = ?",
                owner,
                BenchOwner.LICENSED);
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

    /** Reads a topic back from where it ended before the run, as an independent witness of what the broker holds. */
    static final class TopicReader {

        private TopicReader() {}

        static Map<TopicPartition, Long> ends(String bootstrap, String topic) {
            try (var consumer = consumer(bootstrap)) {
                List<TopicPartition> partitions = partitions(consumer, topic);
                return partitions.isEmpty() ? Map.of() : consumer.endOffsets(partitions, Duration.ofSeconds(10));
            }
        }

        /**
         * The distinct (owner, id) of the JSON values (CloudEvents binary mode: the value is the data) whose
         * {@code idField} matches, from {@code from} (the ends before the run; the beginning where absent).
         */
        static Set<OwnedEventId> events(
                String bootstrap,
                String topic,
                Map<TopicPartition, Long> from,
                String idField,
                Predicate<String> ofThisRun) {
            Set<OwnedEventId> found = new HashSet<>();
            try (var consumer = consumer(bootstrap)) {
                List<TopicPartition> partitions = partitions(consumer, topic);
                if (partitions.isEmpty()) {
                    return found;
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                for (TopicPartition partition : partitions) {
                    Long start = from.get(partition);
                    if (start != null) {
                        consumer.seek(partition, start);
                    }
                }
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
                long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                        && System.nanoTime() < until) {
                    for (var record : consumer.poll(Duration.ofMillis(500))) {
                        if (record.value() == null) {
                            continue;
                        }
                        try {
                            JsonNode value = RunningStack.JSON.readTree(record.value());
                            String id = value.path(idField).asText(null);
                            String owner = value.path("owner").asText(null);
                            if (id != null && owner != null && ofThisRun.test(id)) {
                                found.add(new OwnedEventId(owner, id));
                            }
                        } catch (java.io.IOException e) {
                            // Another fault's poison: not an event of this run.
                        }
                    }
                }
            }
            return found;
        }

        private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            return infos == null
                    ? List.of()
                    : infos.stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
        }

        private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
            config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
            return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
    }
}
