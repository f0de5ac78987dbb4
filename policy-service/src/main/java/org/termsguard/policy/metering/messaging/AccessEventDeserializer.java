package org.termsguard.policy.metering.messaging;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import org.termsguard.contracts.events.AccessEvent;

public class AccessEventDeserializer extends ObjectMapperDeserializer<AccessEvent> {
    public AccessEventDeserializer() {
        super(AccessEvent.class);
    }
}
