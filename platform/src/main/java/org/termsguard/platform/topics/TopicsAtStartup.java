package org.termsguard.platform.topics;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.termsguard.contracts.topics.TopicProvisioner;
import org.termsguard.contracts.topics.Topics;
import org.termsguard.platform.messaging.CloudEventsProducer;

/**
 * Creates every topic of DESIGN.md that is missing, so that services can start in any order and a producer
 * never waits on a topic that does not exist.
 */
@ApplicationScoped
public class TopicsAtStartup {

    private final TopicsConfig config;
    private final Map<String, Object> kafka;

    public TopicsAtStartup(TopicsConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.config = config;
        this.kafka = kafka;
    }

    /** Quarkus's {@code kafka.*} connection settings, security included, with the provisioning timeout. */
    static Map<String, Object> adminSettings(Map<String, Object> kafka, Duration timeout) {
        Map<String, Object> settings = CloudEventsProducer.connectionSettings(kafka);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return settings;
    }

    // Before SmallRye Reactive Messaging starts its channels (LIBRARY_BEFORE): a consumer that subscribes to a
    // topic that does not exist yet only sees it at its next metadata refresh, five minutes later by default.
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event)
            throws InterruptedException, TimeoutException {
        if (!config.create()) {
            return;
        }
        try (Admin admin = Admin.create(adminSettings(kafka, config.timeout()))) {
            var created = new TopicProvisioner(admin, config.partitions(), config.replicationFactor(), config.timeout())
                    .ensure(Topics.ALL.stream()
                            .map(spec -> spec.withRetention(config.retention().get(spec.name())))
                            .toList());
            if (!created.isEmpty()) {
                Log.infof("Created topics %s on %s", created, kafka.get("bootstrap.servers"));
            }
        }
    }
}
