package org.termsguard.ingest.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.topics.Topics;
import org.termsguard.ingest.IngestConfig;
import org.termsguard.platform.problems.Problems;

/**
 * Publishes accepted events to {@code access-events} as CloudEvents in Kafka binary mode, and completes only when
 * the broker has acknowledged every one of them (acks=all, idempotent producer): that is what lets ingest answer
 * 202 honestly.
 *
 * <p>The Kafka producer is used directly rather than through a SmallRye emitter: a 10,000-event batch goes out
 * in one burst and its acknowledgements are awaited together, and the producer's own delivery timeout is set
 * below the request's, so a record the producer gave up on can never reach the topic after the 503.
 */
@ApplicationScoped
public class AccessEventPublisher {

    static final String SOURCE = "urn:termsguard:ingest-service";
    private static final byte[] SPEC_VERSION = bytes("1.0");
    private static final byte[] TYPE = bytes(AccessEvent.CLOUD_EVENT_TYPE);
    private static final byte[] SOURCE_BYTES = bytes(SOURCE);
    private static final byte[] JSON = bytes("application/json");

    private final Producer<String, byte[]> producer;
    private final ObjectWriter writer;
    private final IngestConfig config;
    private final Timer latency;

    public AccessEventPublisher(
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            IngestConfig config,
            ObjectMapper json,
            MeterRegistry metrics) {
        this.config = config;
        this.writer = json.writerFor(AccessEvent.class);
        this.producer =
                new KafkaProducer<>(producerConfig(kafka, config), new StringSerializer(), new ByteArraySerializer());
        this.latency = Timer.builder("termsguard.ingest.publish.latency")
                .description("From handing events to the Kafka producer to the broker's acknowledgement of all of them")
                .publishPercentileHistogram()
                .register(metrics);
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafka, IngestConfig config) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get("bootstrap.servers"));
        kafka.forEach((key, value) -> {
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                settings.put(key, value);
            }
        });
        long timeout = config.publishTimeout().toMillis();
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-access-events");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // The producer gives up on a record before the request does: a 503 never hides a record that could
        // still be delivered (metadata wait + delivery timeout stay within the publish timeout).
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout / 5);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) (timeout * 4 / 5));
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (timeout * 3 / 5));
        settings.putAll(config.producer());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return settings;
    }

    @PreDestroy
    void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }

    /**
     * Sends {@code events}; the {@link Uni} completes when all are acknowledged and fails with a 503 problem when
     * the broker does not acknowledge them in time.
     */
    public Uni<Void> publish(List<AccessEvent> events) {
        return Uni.createFrom()
                .completionStage(() -> sendAll(events))
                .ifNoItem()
                .after(config.publishTimeout().plusSeconds(1))
                .failWith(() -> unavailable("the broker did not acknowledge in time"))
                .onFailure(e -> !(e instanceof org.termsguard.platform.problems.ProblemException))
                .transform(e -> unavailable(e.getMessage()));
    }

    private CompletableFuture<Void> sendAll(List<AccessEvent> events) {
        CompletableFuture<Void> all = new CompletableFuture<>();
        AtomicInteger pending = new AtomicInteger(events.size());
        long started = System.nanoTime();
        for (AccessEvent event : events) {
            try {
                producer.send(record(event), (metadata, error) -> {
                    if (error != null) {
                        all.completeExceptionally(error);
                    } else if (pending.decrementAndGet() == 0) {
                        latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                        all.complete(null);
                    }
                });
            } catch (RuntimeException e) {
                all.completeExceptionally(e);
                break;
            }
        }
        return all;
    }

    private ProducerRecord<String, byte[]> record(AccessEvent event) {
        var headers = new RecordHeaders();
        headers.add("ce_specversion", SPEC_VERSION);
        headers.add("ce_id", bytes(event.eventId()));
        headers.add("ce_type", TYPE);
        headers.add("ce_source", SOURCE_BYTES);
        headers.add("ce_time", bytes(DateTimeFormatter.ISO_INSTANT.format(event.observedAt())));
        headers.add("ce_subject", bytes(event.owner()));
        headers.add("content-type", JSON);
        try {
            return new ProducerRecord<>(
                    Topics.ACCESS_EVENTS.name(), null, event.key(), writer.writeValueAsBytes(event), headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An access event could not be written as JSON", e);
        }
    }

    private RuntimeException unavailable(String why) {
        return Problems.unavailable(
                "Kafka did not acknowledge the events (" + why + "); nothing was accepted, retry later.",
                config.retryAfterSeconds());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
