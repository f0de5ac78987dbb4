package org.termsguard.bench.system;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.termsguard.contracts.cloudevents.CloudEventsSender;
import org.termsguard.contracts.cloudevents.OutgoingCloudEvent;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.topics.Topics;
import org.termsguard.localstack.RunningStack;
import org.termsguard.localstack.Service;

/**
 * policy-service's drain rate: with the service stopped, {@code access-events} gets a backlog (the ingest phases'
 * events, topped up directly) (records exactly as
 * ingest-service writes them: CloudEvents binary mode, key owner/consumer); the service is started again with its own
 * command line, and the rate is the backlog over the time from its first commit to zero lag — metering every
 * event, one in ten a violation.
 */
final class PipelineDrain {

    record Result(long events, long violating, double eventsPerSecond, double seconds) {}

    private static final String GROUP = "policy-service";

    private PipelineDrain() {}

    /**
     * @param command how to start policy-service again (it was stopped with {@link RunningStack#stop}); whatever
     *     reached {@code access-events} meanwhile (the ingest phases) is part of the backlog too
     */
    static Result measure(RunningStack stack, List<String> command, long events) throws Exception {
        long violating = preload(stack.bootstrapServers(), events);
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            Map<TopicPartition, Long> end = endOffsets(admin);
            long target = end.values().stream().mapToLong(Long::longValue).sum();
            long before = committed(admin);
            Thread starter = new Thread(() -> {
                try {
                    stack.start(Service.POLICY, command);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            starter.start();
            long startedAt = 0;
            long atStart = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (System.nanoTime() < deadline) {
                long now = System.nanoTime();
                long committed = committed(admin);
                if (startedAt == 0 && committed > before) {
                    startedAt = now;
                    atStart = committed;
                }
                if (committed >= target) {
                    starter.join();
                    double seconds = (now - startedAt) / 1e9;
                    return new Result(target - before, violating, (target - atStart) / seconds, seconds);
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("policy-service did not drain the backlog within 30 minutes");
        }
    }

    private static long preload(String bootstrap, long events) throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        String run = Long.toString(System.nanoTime(), 36);
        Instant at = Instant.now();
        long violating = 0;
        try (CloudEventsSender producer = new CloudEventsSender("urn:termsguard:bench", settings)) {
            List<OutgoingCloudEvent> chunk = new ArrayList<>(10_000);
            for (long i = 0; i < events; i++) {
                boolean violation = i % 10 == 0;
                String consumer = violation ? "unlicensed-" + (i % 200) : BenchOwner.LICENSED;
                violating += violation ? 1 : 0;
                String id = "drain-" + run + "-" + i;
                String json = BenchOwner.event(id, consumer, violation, at);
                json = json.substring(0, json.length() - 1) + ",\"producer\":\"bench-load\",\"receivedAt\":\"" + at
                        + "\"}";
                chunk.add(new OutgoingCloudEvent(
                        Topics.ACCESS_EVENTS.name(),
                        Topics.pairKey(BenchOwner.OWNER, consumer),
                        id,
                        AccessEvent.CLOUD_EVENT_TYPE,
                        BenchOwner.OWNER,
                        at,
                        json.getBytes(StandardCharsets.UTF_8)));
                if (chunk.size() == 10_000 || i == events - 1) {
                    producer.send(List.copyOf(chunk)).get(2, java.util.concurrent.TimeUnit.MINUTES);
                    chunk.clear();
                }
            }
        }
        return violating;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        var partitions = admin.describeTopics(List.of(Topics.ACCESS_EVENTS.name()))
                .allTopicNames()
                .get()
                .get(Topics.ACCESS_EVENTS.name())
                .partitions();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(
                        p -> new TopicPartition(Topics.ACCESS_EVENTS.name(), p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static long committed(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata()
                .get();
        return offsets.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(Topics.ACCESS_EVENTS.name()) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset())
                .sum();
    }
}
