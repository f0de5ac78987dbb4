package org.termsguard.contracts.topics;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A Kafka topic of DESIGN.md's topic table: its name, cleanup policy and retention.
 *
 * @param name the topic name
 * @param compacted whether the topic is log-compacted (keeps the last value per key) instead of deleted by age
 * @param retention how long records are kept on a delete-policy topic; ignored when compacted
 */
public record TopicSpec(String name, boolean compacted, Duration retention) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (!compacted) {
            Objects.requireNonNull(retention, "retention");
        }
    }

    static TopicSpec deleteAfter(String name, Duration retention) {
        return new TopicSpec(name, false, retention);
    }

    static TopicSpec compacted(String name) {
        return new TopicSpec(name, true, null);
    }

    /** The dead-letter topic beside this one: same key, original value, error headers, kept 30 days. */
    public TopicSpec deadLetter() {
        return deleteAfter(name + ".dlq", Topics.DEAD_LETTER_RETENTION);
    }

    /** This topic with another retention; {@code null} or a compacted topic leaves it as it is. */
    public TopicSpec withRetention(Duration newRetention) {
        return newRetention == null || compacted ? this : new TopicSpec(name, false, newRetention);
    }

    /** Topic-level configuration for the admin client. */
    public Map<String, String> config() {
        return compacted
                ? Map.of("cleanup.policy", "compact")
                : Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis()));
    }
}
