package org.termsguard.policy.metering.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.termsguard.contracts.cloudevents.OutgoingCloudEvent;
import org.termsguard.contracts.terms.TermsChanged;
import org.termsguard.contracts.topics.Topics;
import org.termsguard.contracts.violations.Violation;
import org.termsguard.platform.messaging.CloudEventsProducer;

/** Publishes violations and terms changes, each call completing once the broker has everything. */
@ApplicationScoped
public class ViolationPublisher {

    static final String SOURCE = "urn:termsguard:policy-service";

    private final CloudEventsProducer producer;
    private final ObjectWriter violations;
    private final ObjectWriter changes;

    public ViolationPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, ObjectMapper json) {
        Map<String, Object> settings = CloudEventsProducer.connectionSettings(kafka);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "policy-publisher");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        this.producer = new CloudEventsProducer(SOURCE, settings);
        this.violations = json.writerFor(Violation.class);
        this.changes = json.writerFor(TermsChanged.class);
    }

    @PreDestroy
    void close() {
        producer.close();
    }

    public Uni<Void> publish(List<Violation> batch) {
        return producer.send(batch.stream()
                .map(v -> new OutgoingCloudEvent(
                        Topics.VIOLATIONS.name(),
                        v.key(),
                        v.violationId(),
                        Violation.CLOUD_EVENT_TYPE,
                        v.owner(),
                        v.observedAt(),
                        write(violations, v)))
                .toList());
    }

    public Uni<Void> publish(TermsChanged change) {
        return producer.send(List.of(new OutgoingCloudEvent(
                Topics.TERMS_CHANGES.name(),
                change.owner(),
                change.owner() + "/" + change.termsVersion(),
                TermsChanged.CLOUD_EVENT_TYPE,
                change.owner(),
                change.changedAt(),
                write(changes, change))));
    }

    private static byte[] write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A message could not be written as JSON", e);
        }
    }
}
