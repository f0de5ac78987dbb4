package org.termsguard.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsAtStartupTest {

    @Test
    void theProvisioningClientConnectsLikeTheServicesOwnClients() {
        Map<String, Object> kafka = Map.of(
                "bootstrap.servers", "broker:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");

        assertThat(TopicsAtStartup.adminSettings(kafka, Duration.ofSeconds(30)))
                .containsAllEntriesOf(kafka)
                .containsEntry("default.api.timeout.ms", 30000);
    }
}
