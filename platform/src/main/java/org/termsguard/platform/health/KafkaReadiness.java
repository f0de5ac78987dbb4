package org.termsguard.platform.health;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.termsguard.platform.messaging.CloudEventsProducer;

/**
 * Ready only while a Kafka broker answers, and never slower than {@code termsguard.health.kafka-timeout} to say
 * so: a probe that hangs for the admin client's default minute gets the pod killed instead of taken out of
 * rotation. (Quarkus's own Kafka check waits without a bound, so services turn it off.)
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    private final Admin admin;
    private final Duration timeout;

    public KafkaReadiness(
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "termsguard.health.kafka-timeout", defaultValue = "PT2S") Duration timeout) {
        this.timeout = timeout;
        this.admin = Admin.create(adminSettings(kafka, timeout));
    }

    /**
     * The connection settings of Quarkus's {@code kafka.*} configuration, security included: a broker that only
     * speaks SASL_SSL (Kubernetes) would never answer a plaintext admin client, and the pod never become ready.
     */
    static Map<String, Object> adminSettings(Map<String, Object> kafka, Duration timeout) {
        Map<String, Object> settings = CloudEventsProducer.connectionSettings(kafka);
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness");
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return settings;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Kafka");
        try {
            var nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes()
                    .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            return response.status(!nodes.isEmpty())
                    .withData("brokers", nodes.size())
                    .build();
        } catch (Exception e) {
            return response.down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
