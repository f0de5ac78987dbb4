package org.termsguard.platform.topics;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.termsguard.contracts.topics.TopicProvisioner;
import org.termsguard.contracts.topics.Topics;

/**
 * Creates every topic of DESIGN.md that is missing, so that services can start in any order and a producer
 * never waits on a topic that does not exist.
 */
@ApplicationScoped
public class TopicsAtStartup {

    private final TopicsConfig config;
    private final String bootstrapServers;

    public TopicsAtStartup(
            TopicsConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    // Before SmallRye Reactive Messaging starts its channels (LIBRARY_BEFORE): a consumer that subscribes to a
    // topic that does not exist yet only sees it at its next metadata refresh, five minutes later by default.
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event)
            throws InterruptedException, TimeoutException {
        if (!config.create()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) config.timeout().toMillis()))) {
            var created = new TopicProvisioner(admin, config.partitions(), config.replicationFactor(), config.timeout())
                    .ensure(Topics.ALL.stream()
                            .map(spec -> spec.withRetention(config.retention().get(spec.name())))
                            .toList());
            if (!created.isEmpty()) {
                Log.infof("Created topics %s on %s", created, bootstrapServers);
            }
        }
    }
}
