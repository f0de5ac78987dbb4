package org.termsguard.platform.messaging;

import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.termsguard.contracts.cloudevents.CloudEventsSender;
import org.termsguard.contracts.cloudevents.OutgoingCloudEvent;

/**
 * The services' CloudEvents producer: {@link CloudEventsSender} (acks=all, idempotent, Kafka binary mode) with its
 * acknowledgements as a {@link Uni}, and the connection settings taken over from Quarkus's {@code kafka.*}
 * configuration.
 */
public final class CloudEventsProducer implements AutoCloseable {

    private final CloudEventsSender sender;

    /**
     * @param source the {@code ce_source} of everything sent, e.g. {@code urn:termsguard:policy-service}
     * @param settings Kafka producer settings (bootstrap servers and any tuning); acks and idempotence are forced
     */
    public CloudEventsProducer(String source, Map<String, Object> settings) {
        this.sender = new CloudEventsSender(source, settings);
    }

    /** The Kafka settings of Quarkus's {@code kafka.*} configuration that a producer may take over. */
    public static Map<String, Object> connectionSettings(Map<String, Object> kafka) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get("bootstrap.servers"));
        kafka.forEach((key, value) -> {
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                settings.put(key, value);
            }
        });
        return settings;
    }

    /** Completes when the broker has acknowledged every event, fails on the first that it refuses. */
    public Uni<Void> send(List<OutgoingCloudEvent> events) {
        return Uni.createFrom().completionStage(() -> sender.send(events));
    }

    @Override
    public void close() {
        sender.close();
    }
}
