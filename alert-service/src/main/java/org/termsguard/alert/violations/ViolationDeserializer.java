package org.termsguard.alert.violations;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import org.termsguard.contracts.violations.Violation;

public class ViolationDeserializer extends ObjectMapperDeserializer<Violation> {
    public ViolationDeserializer() {
        super(Violation.class);
    }
}
