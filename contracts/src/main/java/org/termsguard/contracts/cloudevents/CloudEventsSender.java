package org.termsguard.contracts.cloudevents;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends CloudEvents 1.0 in Kafka binary mode ({@code ce_*} headers, JSON value) and reports when the broker has
 * acknowledged all of a group of them. acks=all and idempotence are always on: a send that completes is on every
 * in-sync replica, and the producer's retries never duplicate a record.
 *
 * <p>The plain Kafka producer is used rather than a SmallRye emitter so that a large group goes out in one burst
 * with its acknowledgements awaited together, and so each caller controls the delivery timeout. Plain Java, so that
 * the benchmarks write exactly what ingest-service writes; the services use it through the platform's
 * {@code CloudEventsProducer}.
 */
public final class CloudEventsSender implements AutoCloseable {

    private static final byte[] SPEC_VERSION = bytes("1.0");
    private static final byte[] JSON = bytes("application/json");

    private final Producer<String, byte[]> producer;
    private final byte[] source;

    /**
     * @param source the {@code ce_source} of everything sent, e.g. {@code urn:termsguard:policy-service}
     * @param settings Kafka producer settings (bootstrap servers and any tuning); acks and idempotence are forced
     */
    public CloudEventsSender(String source, Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.source = bytes(source);
    }

    /** Completes when the broker has acknowledged every event, fails on the first that it refuses. */
    public CompletableFuture<Void> send(List<OutgoingCloudEvent> events) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return sendAll(events);
    }

    private CompletableFuture<Void> sendAll(List<OutgoingCloudEvent> events) {
        CompletableFuture<Void> all = new CompletableFuture<>();
        AtomicInteger pending = new AtomicInteger(events.size());
        for (OutgoingCloudEvent event : events) {
            if (all.isCompletedExceptionally()) {
                // The first failure decides; without the broker each further send would wait max.block.ms for
                // metadata, holding the caller for events × max.block.ms (seen as a 20 s hang killing the broker).
                break;
            }
            try {
                producer.send(record(event), (metadata, error) -> {
                    if (error != null) {
                        all.completeExceptionally(error);
                    } else if (pending.decrementAndGet() == 0) {
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

    private ProducerRecord<String, byte[]> record(OutgoingCloudEvent event) {
        var headers = new RecordHeaders();
        headers.add("ce_specversion", SPEC_VERSION);
        headers.add("ce_id", bytes(event.id()));
        headers.add("ce_type", bytes(event.type()));
        headers.add("ce_source", source);
        headers.add("ce_time", bytes(DateTimeFormatter.ISO_INSTANT.format(event.time())));
        if (event.subject() != null) {
            headers.add("ce_subject", bytes(event.subject()));
        }
        headers.add("content-type", JSON);
        return new ProducerRecord<>(event.topic(), null, event.key(), event.json(), headers);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
