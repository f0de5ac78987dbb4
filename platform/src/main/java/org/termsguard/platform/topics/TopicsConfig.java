package org.termsguard.platform.topics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** How a service creates DESIGN.md's topics when it starts. */
@ConfigMapping(prefix = "termsguard.topics")
public interface TopicsConfig {

    /** Create missing topics at start-up; turn off where an operator (e.g. Strimzi KafkaTopic) owns them. */
    @WithDefault("true")
    boolean create();

    /** Partitions of each created topic; bounds how many replicas of a consuming service share the work. */
    @WithDefault("6")
    int partitions();

    /** Replication factor of each created topic; 3 in production, 1 on a single local broker. */
    @WithDefault("1")
    short replicationFactor();

    /**
     * Retention per topic name, replacing DESIGN.md's default for that topic, e.g.
     * {@code termsguard.topics.retention."access-events"=P14D}. Compacted topics ignore it.
     */
    Map<String, Duration> retention();

    /** How long start-up waits for the broker before it fails. */
    @WithDefault("PT30S")
    Duration timeout();
}
