package org.termsguard.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.termsguard.bench.system.BenchOwner;
import org.termsguard.contracts.cloudevents.CloudEventsSender;
import org.termsguard.contracts.cloudevents.OutgoingCloudEvent;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.violations.Violation;

/**
 * F9's poison: records that read fine — valid JSON of the right shape, in CloudEvents binary mode as the services
 * write them — but whose values PostgreSQL refuses for good. Ingest refuses such values at the front door, so they
 * are written straight to the topics, as a buggy or hostile producer with topic access would. Each kind has its
 * own consumer id (so its dead letters are counted by key, exactly) and the SQLSTATE class it must be refused with.
 */
final class RefusedRecords {

    /** One kind of refused record: on {@code topic}, dead-lettered with a reason starting {@code reasonPrefix}. */
    enum Kind {
        EVENT_ID_200("access-events", "event id of 200 characters (varchar(128))", "22001"),
        OWNER_200("access-events", "owner of 200 characters (varchar(63))", "22001"),
        OWNER_NUL("access-events", "owner with U+0000 (text cannot hold NUL)", "22021"),
        // A U+0000 in a violation is kept as U+FFFD (jsonb cannot hold it), so it is no longer a refused record.
        VIOLATION_ID_200("violations", "violation id of 200 characters (varchar(128))", "22001"),
        FEE_OVERFLOW("violations", "estimated fee of 10^20 USD (incident's numeric(24,8))", "22003");

        final String topic;
        final String description;
        final String expectedState;

        Kind(String topic, String description, String expectedState) {
            this.topic = topic;
            this.description = description;
            this.expectedState = expectedState;
        }

        /** policy's and alert's reasons for a record the database refused, SQLSTATE class 22 (data exception). */
        String reasonPrefix() {
            return (topic.equals("access-events") ? "cannot be judged" : "cannot be stored")
                    + ": the database refused it (SQLSTATE 22";
        }
    }

    /** Dead letters of one kind: how many were sent, and the letters found by reason (up to the SQLSTATE). */
    record Count(Kind kind, int sent, Map<String, Long> byReason) {

        long letters() {
            return byReason.values().stream().mapToLong(Long::longValue).sum();
        }

        boolean exact() {
            return letters() == sent && byReason.keySet().stream().allMatch(r -> r.startsWith(kind.reasonPrefix()));
        }
    }

    private final String bootstrap;
    private final String marker;
    private final int perKind;

    RefusedRecords(String bootstrap, String marker, int perKind) {
        this.bootstrap = bootstrap;
        this.marker = marker;
        this.perKind = perKind;
    }

    private String consumer(Kind kind) {
        return marker + "-" + kind.ordinal();
    }

    /** Sends {@code perKind} records of every kind, the kinds interleaved, {@code spacing} apart. */
    void send(Duration spacing) throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (CloudEventsSender producer = new CloudEventsSender("urn:termsguard:reliability-f9", settings)) {
            for (int i = 0; i < perKind; i++) {
                for (Kind kind : Kind.values()) {
                    producer.send(List.of(record(kind, i))).get(30, TimeUnit.SECONDS);
                    Thread.sleep(spacing.toMillis());
                }
            }
        }
    }

    private OutgoingCloudEvent record(Kind kind, int i) {
        Instant at = Instant.now();
        String consumer = consumer(kind);
        String id = marker + "-" + kind.ordinal() + "-" + i;
        String owner =
                switch (kind) {
                    case OWNER_200 -> pad(marker + "-o" + i + "-", 200);
                    case OWNER_NUL -> BenchOwner.OWNER + "\u0000" + i;
                    default -> BenchOwner.OWNER;
                };
        return switch (kind) {
            case EVENT_ID_200, OWNER_200, OWNER_NUL -> {
                String eventId = kind == Kind.EVENT_ID_200 ? pad(id + "-", 200) : id;
                // In the JSON the NUL is escaped (\u0000), as a JSON writer puts it: it must read fine.
                String jsonOwner = kind == Kind.OWNER_NUL ? owner.replace("\u0000", "\\u0000") : owner;
                String json = BenchOwner.event(jsonOwner, eventId, consumer, true, at);
                json = json.substring(0, json.length() - 1) + ",\"producer\":\"bench-load\",\"receivedAt\":\"" + at
                        + "\"}";
                yield new OutgoingCloudEvent(
                        "access-events",
                        owner + "/" + consumer,
                        eventId,
                        AccessEvent.CLOUD_EVENT_TYPE,
                        owner,
                        at,
                        json.getBytes(StandardCharsets.UTF_8));
            }
            case VIOLATION_ID_200, FEE_OVERFLOW ->
                new OutgoingCloudEvent(
                        "violations",
                        owner + "/" + consumer,
                        violationId(kind, id),
                        Violation.CLOUD_EVENT_TYPE,
                        owner,
                        at,
                        violation(violationId(kind, id), id, owner, consumer, kind, at)
                                .getBytes(StandardCharsets.UTF_8));
        };
    }

    private static String violationId(Kind kind, String id) {
        return kind == Kind.VIOLATION_ID_200 ? pad("v-" + id, 200) : "v-" + id;
    }

    private static String pad(String text, int length) {
        return text + "x".repeat(Math.max(0, length - text.length()));
    }

    /** A violation as policy-service publishes it (see alert-service's tests' {@code Violations}). */
    private static String violation(
            String violationId, String eventId, String owner, String consumer, Kind kind, Instant at) {
        String userAgent = "GPTBot/1.2";
        String fee = kind == Kind.FEE_OVERFLOW ? "100000000000000000000.00" : "0.08";
        return ("{\"violationId\":\"%s\",\"eventId\":\"%s\",\"owner\":\"%s\",\"consumer\":\"%s\",\"rule\":\"no-license\","
                        + "\"severity\":\"critical\",\"termsVersion\":1,\"licenseId\":null,"
                        + "\"clause\":\"terms version 1 require a license for ai-train\","
                        + "\"explanation\":\"%s used 100 records of %s's data for ai-train (declared).\","
                        + "\"purpose\":\"ai-train\",\"purposeSource\":\"declared\",\"volume\":{\"records\":100,\"bytes\":null},"
                        + "\"observedAt\":\"%s\",\"evaluatedAt\":\"%s\","
                        + "\"estimatedFee\":{\"amount\":%s,\"currency\":\"USD\",\"basis\":\"100 unlicensed records\"},"
                        + "\"event\":{\"eventId\":\"%s\",\"observedAt\":\"%s\",\"owner\":\"%s\",\"consumer\":\"%s\","
                        + "\"channel\":\"crawler\",\"resource\":{\"kind\":\"page\",\"uri\":\"https://www.bench.example/r/pics\"},"
                        + "\"purpose\":\"ai-train\",\"volume\":{\"records\":100,\"bytes\":null},"
                        + "\"evidence\":{\"apiClientId\":null,\"userAgent\":\"%s\",\"clientIp\":\"203.0.113.7\","
                        + "\"requestId\":null,\"identity\":\"claimed\"},\"producer\":\"cdn\",\"receivedAt\":\"%s\"}}")
                .formatted(
                        violationId,
                        eventId,
                        owner,
                        consumer,
                        consumer,
                        owner,
                        at,
                        at,
                        fee,
                        eventId,
                        at,
                        owner,
                        consumer,
                        userAgent,
                        at);
    }

    /**
     * The dead letters of every kind on its topic's {@code .dlq}, by reason, polled until each kind has all its
     * letters or {@code patience} passes (then what was found: a shortfall shows as not exact).
     */
    List<Count> deadLetters(Duration patience) throws InterruptedException {
        long until = System.nanoTime() + patience.toNanos();
        List<Count> counts;
        while (true) {
            counts = new ArrayList<>();
            Map<String, Map<Kind, Map<String, Long>>> byTopic = new LinkedHashMap<>();
            for (String topic : List.of("access-events", "violations")) {
                byTopic.put(topic, read(topic + ".dlq"));
            }
            for (Kind kind : Kind.values()) {
                counts.add(new Count(kind, perKind, byTopic.get(kind.topic).getOrDefault(kind, Map.of())));
            }
            boolean all = counts.stream().allMatch(c -> c.letters() >= c.sent());
            if (all || System.nanoTime() > until) {
                return counts;
            }
            Thread.sleep(1000);
        }
    }

    private Map<Kind, Map<String, Long>> read(String topic) {
        Map<Kind, Map<String, Long>> found = new LinkedHashMap<>();
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return found;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    Kind kind = kindOf(record.key());
                    var header = record.headers().lastHeader("dead-letter-reason");
                    if (kind == null || header == null) {
                        continue;
                    }
                    found.computeIfAbsent(kind, k -> new TreeMap<>())
                            .merge(reasonClass(new String(header.value(), StandardCharsets.UTF_8)), 1L, Long::sum);
                }
            }
        }
        return found;
    }

    private Kind kindOf(String key) {
        if (key == null) {
            return null;
        }
        for (Kind kind : Kind.values()) {
            if (key.endsWith("/" + consumer(kind))) {
                return kind;
            }
        }
        return null;
    }

    /** A reason up to and including its SQLSTATE, e.g. {@code cannot be stored: … (SQLSTATE 22P05)}. */
    static String reasonClass(String reason) {
        int state = reason.indexOf("(SQLSTATE ");
        if (state >= 0) {
            int close = reason.indexOf(')', state);
            return close > 0 ? reason.substring(0, close + 1) : reason;
        }
        return reason.length() > 100 ? reason.substring(0, 100) + "…" : reason;
    }
}
