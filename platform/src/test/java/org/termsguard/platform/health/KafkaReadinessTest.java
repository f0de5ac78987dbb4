package org.termsguard.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaReadinessTest {

    /** Quarkus's {@code kafka.*} configuration as the Kubernetes Deployments set it (TLS listener, SCRAM user). */
    static final Map<String, Object> KUBERNETES = Map.of(
            "bootstrap.servers", "termsguard-kafka-bootstrap:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "ssl.truststore.location", "/kafka-ca/ca.p12",
            "ssl.truststore.type", "PKCS12",
            "ssl.truststore.password", "secret",
            "group.id", "not-for-an-admin-client");

    @Test
    void theReadinessClientConnectsLikeTheServicesOwnClients() {
        assertThat(KafkaReadiness.adminSettings(KUBERNETES, Duration.ofSeconds(2)))
                .containsEntry("bootstrap.servers", "termsguard-kafka-bootstrap:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", KUBERNETES.get("sasl.jaas.config"))
                .containsEntry("ssl.truststore.location", "/kafka-ca/ca.p12")
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("ssl.truststore.password", "secret")
                .containsEntry("client.id", "readiness")
                .containsEntry("request.timeout.ms", 2000)
                .containsEntry("default.api.timeout.ms", 2000)
                .doesNotContainKey("group.id");
    }
}
