package org.termsguard.platform.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void theDeadLetterProducerConnectsLikeTheServicesOwnClients() {
        Map<String, Object> kafka = Map.of(
                "bootstrap.servers", "termsguard-kafka-bootstrap:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.location", "/kafka-ca/ca.p12");

        assertThat(DeadLetters.producerSettings(kafka))
                .containsAllEntriesOf(kafka)
                .containsEntry("client.id", "dead-letters")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true);
    }
}
