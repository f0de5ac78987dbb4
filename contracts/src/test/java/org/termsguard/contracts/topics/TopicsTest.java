package org.termsguard.contracts.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void retentionAndCleanupFollowTheDesign() {
        assertThat(Topics.ACCESS_EVENTS.config())
                .isEqualTo(Map.of("cleanup.policy", "delete", "retention.ms", "604800000"));
        assertThat(Topics.VIOLATIONS.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(Topics.ALERTS.retention()).isEqualTo(Duration.ofDays(90));
        assertThat(Topics.TERMS_CHANGES.config()).isEqualTo(Map.of("cleanup.policy", "compact"));
        assertThat(Topics.TERMS_CHANGES.deadLetter().retention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void everyTopicHasItsDeadLetterTopic() {
        assertThat(Topics.ALL)
                .extracting(TopicSpec::name)
                .containsExactly(
                        "access-events",
                        "access-events.dlq",
                        "violations",
                        "violations.dlq",
                        "alerts",
                        "alerts.dlq",
                        "terms-changes",
                        "terms-changes.dlq");
    }

    @Test
    void retentionCanBeOverriddenExceptOnCompactedTopics() {
        assertThat(Topics.ACCESS_EVENTS.withRetention(Duration.ofDays(14)).config())
                .containsEntry("retention.ms", Long.toString(Duration.ofDays(14).toMillis()));
        assertThat(Topics.ACCESS_EVENTS.withRetention(null)).isEqualTo(Topics.ACCESS_EVENTS);
        assertThat(Topics.TERMS_CHANGES.withRetention(Duration.ofDays(1))).isEqualTo(Topics.TERMS_CHANGES);
    }

    @Test
    void pairKeyMarksAnUnknownConsumer() {
        assertThat(Topics.pairKey("x-corp", "microsoft")).isEqualTo("x-corp/microsoft");
        assertThat(Topics.pairKey("x-corp", null)).isEqualTo("x-corp/?");
        assertThat(Topics.pairKey("x-corp", " ")).isEqualTo("x-corp/?");
    }
}
