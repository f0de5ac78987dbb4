package org.termsguard.alert.incidents.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.termsguard.contracts.alerts.Alert;
import org.termsguard.contracts.cloudevents.OutgoingCloudEvent;
import org.termsguard.contracts.topics.Topics;
import org.termsguard.platform.messaging.CloudEventsProducer;

/** Publishes alerts to {@code alerts} and failed deliveries to {@code alerts.dlq}, acknowledged by the broker. */
@ApplicationScoped
public class AlertPublisher {

    static final String SOURCE = "urn:termsguard:alert-service";

    private final CloudEventsProducer producer;
    private final ObjectMapper json;

    public AlertPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, ObjectMapper json) {
        Map<String, Object> settings = CloudEventsProducer.connectionSettings(kafka);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "alert-publisher");
        this.producer = new CloudEventsProducer(SOURCE, settings);
        this.json = json;
    }

    @PreDestroy
    void close() {
        producer.close();
    }

    public Uni<Void> publish(List<Alert> alerts) {
        return producer.send(alerts.stream()
                .map(a -> new OutgoingCloudEvent(
                        Topics.ALERTS.name(),
                        a.incident().owner(),
                        a.alertId(),
                        Alert.CLOUD_EVENT_TYPE,
                        a.incident().owner(),
                        a.at(),
                        bytes(a)))
                .toList());
    }

    /** A delivery that failed for good, for ops to replay or inspect. */
    public Uni<Void> deadLetter(String owner, String alertId, String payload, String why) {
        return producer.send(List.of(new OutgoingCloudEvent(
                Topics.ALERTS.deadLetter().name(),
                owner,
                alertId + "/" + Instant.now().toEpochMilli(),
                "termsguard.alert.undeliverable",
                owner,
                Instant.now(),
                bytes(Map.of("alertId", alertId, "reason", why, "payload", payload)))));
    }

    public byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
