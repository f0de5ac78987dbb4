package org.termsguard.ingest.events.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.termsguard.contracts.cloudevents.OutgoingCloudEvent;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.topics.Topics;
import org.termsguard.ingest.IngestConfig;
import org.termsguard.ingest.verification.service.CrawlerVerification;
import org.termsguard.platform.messaging.CloudEventsProducer;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;

/**
 * Publishes accepted events to {@code access-events} and completes only when the broker has acknowledged every
 * one of them (acks=all, idempotent producer): that is what lets ingest answer 202 honestly.
 *
 * <p>The producer's own delivery timeout is set below the request's, so a record the producer gave up on can
 * never reach the topic after the 503 that reported it.
 */
@ApplicationScoped
public class AccessEventPublisher {

    static final String SOURCE = "urn:termsguard:ingest-service";

    private final CloudEventsProducer producer;
    private final CrawlerVerification verification;
    private final ObjectWriter writer;
    private final IngestConfig config;
    private final Timer latency;

    public AccessEventPublisher(
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            IngestConfig config,
            ObjectMapper json,
            MeterRegistry metrics,
            CrawlerVerification verification) {
        this.config = config;
        this.verification = verification;
        this.writer = json.writerFor(AccessEvent.class);
        this.producer = new CloudEventsProducer(SOURCE, producerSettings(kafka, config));
        this.latency = Timer.builder("termsguard.ingest.publish.latency")
                .description("From handing events to the Kafka producer to the broker's acknowledgement of all of them")
                .publishPercentileHistogram()
                .register(metrics);
    }

    static Map<String, Object> producerSettings(Map<String, Object> kafka, IngestConfig config) {
        Map<String, Object> settings = CloudEventsProducer.connectionSettings(kafka);
        long timeout = config.publishTimeout().toMillis();
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-access-events");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // Metadata wait + delivery timeout stay within the publish timeout: the producer gives up first.
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout / 5);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) (timeout * 4 / 5));
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (timeout * 3 / 5));
        settings.putAll(config.producer());
        return settings;
    }

    @PreDestroy
    void close() {
        producer.close();
    }

    /**
     * Verifies {@code events}' crawler identity (every path publishes through here, so every event gets its
     * {@code evidence.verification}) and sends them; the {@link Uni} completes when all are acknowledged and fails
     * with a 503 problem when the broker does not acknowledge them in time.
     */
    public Uni<Void> publish(List<AccessEvent> events) {
        List<OutgoingCloudEvent> records =
                verification.verify(events).stream().map(this::record).toList();
        Timer.Sample sample = Timer.start();
        return producer.send(records)
                .ifNoItem()
                .after(config.publishTimeout().plusSeconds(1))
                .failWith(() -> unavailable("the broker did not acknowledge in time"))
                .onFailure(e -> !(e instanceof ProblemException))
                .transform(e -> unavailable(e.getMessage()))
                .invoke(() -> sample.stop(latency));
    }

    private OutgoingCloudEvent record(AccessEvent event) {
        try {
            return new OutgoingCloudEvent(
                    Topics.ACCESS_EVENTS.name(),
                    event.key(),
                    event.eventId(),
                    AccessEvent.CLOUD_EVENT_TYPE,
                    event.owner(),
                    event.observedAt(),
                    writer.writeValueAsBytes(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An access event could not be written as JSON", e);
        }
    }

    private RuntimeException unavailable(String why) {
        return Problems.unavailable(
                "Kafka did not acknowledge the events (" + why + "); nothing was accepted, retry later.",
                config.retryAfterSeconds());
    }
}
