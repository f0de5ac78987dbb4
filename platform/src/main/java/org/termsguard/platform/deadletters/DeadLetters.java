package org.termsguard.platform.deadletters;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.termsguard.platform.messaging.CloudEventsProducer;

/**
 * Sends records a consumer cannot use to {@code <topic>.dlq}, with the original bytes and the reason in headers,
 * so that one bad record never stops or poisons the rest of its batch. Header names follow SmallRye's
 * dead-letter strategy, so one tool reads both.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    private final Producer<byte[], byte[]> producer;

    public DeadLetters(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.producer =
                new KafkaProducer<>(producerSettings(kafka), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Quarkus's {@code kafka.*} connection settings, security included, with acks=all and idempotence. */
    static Map<String, Object> producerSettings(Map<String, Object> kafka) {
        Map<String, Object> settings = CloudEventsProducer.connectionSettings(kafka);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "dead-letters");
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return settings;
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** The records of a batch that can be used, and those whose value could not be read. */
    public record Triage<T>(List<KafkaRecord<String, T>> readable, List<KafkaRecord<String, T>> unreadable) {}

    /** Splits {@code batch} by whether each record's value was deserialized. */
    public static <T> Triage<T> triage(KafkaRecordBatch<String, T> batch) {
        List<KafkaRecord<String, T>> readable =
                new ArrayList<>(batch.getRecords().size());
        List<KafkaRecord<String, T>> unreadable = new ArrayList<>();
        for (KafkaRecord<String, T> record : batch.getRecords()) {
            boolean failed =
                    record.getHeaders().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON)
                            != null;
            (record.getPayload() == null || failed ? unreadable : readable).add(record);
        }
        return new Triage<>(readable, unreadable);
    }

    /** Sends each unreadable record's original bytes to its dead-letter topic; completes when the broker has all. */
    public <T> Uni<Void> divert(List<KafkaRecord<String, T>> unreadable) {
        if (unreadable.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sent = new ArrayList<>(unreadable.size());
        for (KafkaRecord<String, T> record : unreadable) {
            Headers headers = record.getHeaders();
            Header reason = headers.lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON);
            Header data = headers.lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_DATA);
            sent.add(send(
                    record,
                    data == null ? null : data.value(),
                    "unreadable value: " + (reason == null ? "empty" : text(reason))));
        }
        return Uni.join().all(sent).andFailFast().replaceWithVoid();
    }

    /** Sends one record's original bytes to {@code <topic>.dlq}; completes when the broker has it. */
    public Uni<Void> send(KafkaRecord<String, ?> record, byte[] value, String reason) {
        Headers headers = new RecordHeaders();
        for (Header header : record.getHeaders()) {
            if (!header.key().startsWith("deserialization-failure-")) {
                headers.add(header);
            }
        }
        headers.add(REASON, bytes(reason));
        headers.add(TOPIC, bytes(record.getTopic()));
        headers.add(PARTITION, bytes(Integer.toString(record.getPartition())));
        record.getMetadata(IncomingKafkaRecordMetadata.class)
                .ifPresent(incoming -> headers.add(OFFSET, bytes(Long.toString(incoming.getOffset()))));
        byte[] key = record.getKey() == null ? null : bytes(record.getKey());
        var letter = new ProducerRecord<>(record.getTopic() + ".dlq", null, key, value, headers);
        // send() may block on metadata, so it runs on a worker thread, not on the caller's event loop.
        return Uni.createFrom()
                .<Void>emitter(emitter -> producer.send(letter, (metadata, error) -> {
                    if (error == null) {
                        emitter.complete(null);
                    } else {
                        emitter.fail(error);
                    }
                }))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Header header) {
        return header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
