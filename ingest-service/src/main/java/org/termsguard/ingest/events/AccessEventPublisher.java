package org.termsguard.ingest.events;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.ZoneOffset;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.termsguard.contracts.events.AccessEvent;

/**
 * Publishes accepted events to {@code access-events}. The returned {@link Uni} completes only when the broker has
 * acknowledged the record (acks=all, idempotent producer), which is what lets ingest answer 202 honestly.
 */
@ApplicationScoped
public class AccessEventPublisher {

    public static final String CHANNEL = "access-events";
    static final URI SOURCE = URI.create("urn:termsguard:ingest-service");

    private final MutinyEmitter<AccessEvent> emitter;

    public AccessEventPublisher(@Channel(CHANNEL) MutinyEmitter<AccessEvent> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(AccessEvent event) {
        var cloudEvent = OutgoingCloudEventMetadata.<AccessEvent>builder()
                .withId(event.eventId())
                .withType(AccessEvent.CLOUD_EVENT_TYPE)
                .withSource(SOURCE)
                .withSubject(event.owner())
                .withTimestamp(event.receivedAt().atZone(ZoneOffset.UTC))
                .build();
        var kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.key())
                .build();
        return emitter.sendMessage(Message.of(event).addMetadata(cloudEvent).addMetadata(kafka));
    }
}
