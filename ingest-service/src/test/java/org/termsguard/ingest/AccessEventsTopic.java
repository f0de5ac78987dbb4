package org.termsguard.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.termsguard.testsupport.SharedInfrastructure;

/** Reads {@code access-events} as a downstream consumer would, finding records by their CloudEvent id. */
final class AccessEventsTopic {

    private AccessEventsTopic() {}

    /** Waits until a record for every id is on the topic and answers them, in the order of {@code ids}. */
    static List<ConsumerRecord<String, String>> await(Collection<String> ids) {
        Set<String> wanted = Set.copyOf(ids);
        try (var companion = new KafkaCompanion(SharedInfrastructure.kafka().bootstrapServers())) {
            var task = companion.consumeStrings().fromTopics("access-events");
            try {
                Awaitility.await()
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> task.getRecords().stream()
                                        .map(AccessEventsTopic::id)
                                        .filter(wanted::contains)
                                        .distinct()
                                        .count()
                                == wanted.size());
                List<ConsumerRecord<String, String>> found = task.getRecords().stream()
                        .filter(r -> wanted.contains(id(r)))
                        .toList();
                assertThat(found).as("each id once on the topic").hasSize(wanted.size());
                return ids.stream()
                        .map(id -> found.stream()
                                .filter(r -> id(r).equals(id))
                                .findFirst()
                                .orElseThrow())
                        .toList();
            } finally {
                task.close();
            }
        }
    }

    /**
     * Waits until {@code count} records whose value contains {@code needle} are on the topic (events whose ids the
     * test cannot know beforehand, e.g. OTLP records encoded by the SDK), and answers them.
     */
    static List<ConsumerRecord<String, String>> awaitContaining(String needle, int count) {
        try (var companion = new KafkaCompanion(SharedInfrastructure.kafka().bootstrapServers())) {
            var task = companion.consumeStrings().fromTopics("access-events");
            try {
                Awaitility.await()
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> task.getRecords().stream()
                                        .filter(r -> r.value().contains(needle))
                                        .count()
                                >= count);
                List<ConsumerRecord<String, String>> found = task.getRecords().stream()
                        .filter(r -> r.value().contains(needle))
                        .toList();
                assertThat(found).as("records holding " + needle).hasSize(count);
                return found;
            } finally {
                task.close();
            }
        }
    }

    /**
     * Proves that none of {@code absent} was published: a marker sent afterwards with the same key lands on the
     * same partition, so once it is read, anything published before it would have been read too.
     */
    static void assertNonePublishedBefore(String markerId, Collection<String> absent) {
        assertNonePublishedBefore(SharedInfrastructure.kafka().bootstrapServers(), markerId, absent);
    }

    static void assertNonePublishedBefore(String bootstrapServers, String markerId, Collection<String> absent) {
        try (var companion = new KafkaCompanion(bootstrapServers)) {
            var task = companion.consumeStrings().fromTopics("access-events");
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> task.getRecords().stream()
                        .anyMatch(r -> id(r).equals(markerId)));
                assertThat(task.getRecords()).extracting(AccessEventsTopic::id).doesNotContainAnyElementsOf(absent);
            } finally {
                task.close();
            }
        }
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String id(ConsumerRecord<String, String> record) {
        String id = header(record, "ce_id");
        return id == null ? "" : id;
    }
}
