package org.termsguard.bench.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.termsguard.contracts.topics.Topics;
import org.termsguard.localstack.RunningStack;
import org.termsguard.localstack.Service;

/**
 * End-to-end latency at a fixed offered rate (open loop: a batch every 10 ms whatever the answers, so a slow
 * pipeline cannot slow the load down and hide itself). For every event: from ingest's 202 (Kafka has it) to its
 * violation on {@code violations}; and for a probe twice a second, a consumer never seen before, from the 202 to the
 * {@code opened} alert on {@code alerts} (the bench owner's route has groupWait 0).
 */
final class EndToEndLatency {

    record Result(
            int offeredPerSecond,
            double achievedPerSecond,
            long events,
            long missing,
            double violationP50Ms,
            double violationP99Ms,
            long probes,
            double alertP50Ms,
            double alertP99Ms) {}

    private final String bootstrap;
    private final String producerKey;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4))
            .build();

    EndToEndLatency(String bootstrap, String producerKey) {
        this.bootstrap = bootstrap;
        this.producerKey = producerKey;
    }

    Result at(int perSecond, Duration duration) throws Exception {
        String run = "e2e" + perSecond + "-" + Long.toString(System.nanoTime(), 36);
        Map<String, Long> acked = new ConcurrentHashMap<>();
        Map<String, Long> violated = new ConcurrentHashMap<>();
        Map<String, Long> probesAcked = new ConcurrentHashMap<>();
        Map<String, Long> alerted = new ConcurrentHashMap<>();
        AtomicBoolean listening = new AtomicBoolean(true);
        Thread violations = listen(Topics.VIOLATIONS.name(), listening, (value, now) -> {
            String eventId = value.path("eventId").asText();
            if (eventId.startsWith(run)) {
                violated.putIfAbsent(eventId, now);
            }
        });
        Thread alerts = listen(Topics.ALERTS.name(), listening, (value, now) -> {
            String consumer = value.path("incident").path("consumer").asText();
            if (consumer.startsWith("probe-" + run)
                    && value.path("kind").asText().equals("opened")) {
                alerted.putIfAbsent(consumer, now);
            }
        });

        int perBatch = Math.max(1, perSecond / 100);
        AtomicLong sequence = new AtomicLong();
        AtomicLong probes = new AtomicLong();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        Instant at = Instant.now();
        clock.scheduleAtFixedRate(
                () -> {
                    StringBuilder body = new StringBuilder();
                    List<String> ids = new ArrayList<>(perBatch);
                    for (int i = 0; i < perBatch; i++) {
                        String id = run + "-" + sequence.incrementAndGet();
                        ids.add(id);
                        body.append(BenchOwner.event(id, "e2e-" + run, true, at))
                                .append('\n');
                    }
                    post("/v1/events/batch", "application/x-ndjson", body.toString(), () -> {
                        long now = System.nanoTime();
                        ids.forEach(id -> acked.put(id, now));
                    });
                },
                0,
                10,
                TimeUnit.MILLISECONDS);
        clock.scheduleAtFixedRate(
                () -> {
                    String consumer = "probe-" + run + "-" + probes.incrementAndGet();
                    String id = consumer + "-event";
                    post(
                            "/v1/events",
                            "application/json",
                            BenchOwner.event(id, consumer, true, at),
                            () -> probesAcked.put(consumer, System.nanoTime()));
                },
                5,
                500,
                TimeUnit.MILLISECONDS);
        Thread.sleep(duration.toMillis());
        clock.shutdown();
        clock.awaitTermination(30, TimeUnit.SECONDS);
        // Let the last events through: every acknowledged one must come out.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline
                && (!violated.keySet().containsAll(acked.keySet())
                        || !alerted.keySet().containsAll(probesAcked.keySet()))) {
            Thread.sleep(100);
        }
        listening.set(false);
        violations.join();
        alerts.join();

        Histogram toViolation = new Histogram(3);
        long missing = 0;
        for (var e : acked.entrySet()) {
            Long seen = violated.get(e.getKey());
            if (seen == null) {
                missing++;
            } else {
                toViolation.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(seen - e.getValue())));
            }
        }
        Histogram toAlert = new Histogram(3);
        for (var e : probesAcked.entrySet()) {
            Long seen = alerted.get(e.getKey());
            if (seen == null) {
                missing++;
            } else {
                toAlert.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(seen - e.getValue())));
            }
        }
        return new Result(
                perSecond,
                acked.size() / (duration.toNanos() / 1e9),
                acked.size(),
                missing,
                toViolation.getValueAtPercentile(50) / 1000.0,
                toViolation.getValueAtPercentile(99) / 1000.0,
                probesAcked.size(),
                toAlert.getValueAtPercentile(50) / 1000.0,
                toAlert.getValueAtPercentile(99) / 1000.0);
    }

    private void post(String path, String contentType, String body, Runnable onAccepted) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(Service.INGEST.url() + path))
                .header("Authorization", "Bearer " + producerKey)
                .header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenAccept(response -> {
            if (response.statusCode() == 202) {
                onAccepted.run();
            }
        });
    }

    interface Arrival {
        void seen(JsonNode value, long nanoTime);
    }

    /** Reads a topic from its end as it is now, noting when each record arrives. */
    private Thread listen(String topic, AtomicBoolean listening, Arrival arrival) throws InterruptedException {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        var ready = new java.util.concurrent.CountDownLatch(1);
        Thread thread = new Thread(() -> {
            try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                ready.countDown();
                while (listening.get()) {
                    for (var record : consumer.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        try {
                            arrival.seen(RunningStack.JSON.readTree(record.value()), now);
                        } catch (java.io.IOException e) {
                            // Not JSON: not one of ours.
                        }
                    }
                }
            }
        });
        thread.setDaemon(true);
        thread.start();
        ready.await(30, TimeUnit.SECONDS);
        return thread;
    }
}
