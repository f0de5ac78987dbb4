package org.termsguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.ContractSchemas;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.SharedInfrastructure;
import org.termsguard.testsupport.TopicContents;

/** Events in on the real broker, violations out, counters in the real database; and a replay changes nothing. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "policy"))
class PolicyPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eventsInViolationsOutAndTheSameBatchReplayedChangesNothing() throws Exception {
        String owner = "x-" + UUID.randomUUID().toString().substring(0, 8);
        PolicyApi.createOwner(owner);
        PolicyApi.addLicense(owner, PolicyApi.license("ms-enterprise-2023", "microsoft", 1_000, "active"));

        String prefix = UUID.randomUUID().toString().substring(0, 8);
        List<ProducerRecord<String, String>> batch = List.of(
                record(
                        owner,
                        "microsoft",
                        PolicyApi.event(prefix + "-1", owner, "microsoft", "analytics", 900, "2023-04-10T10:00:00Z")),
                record(
                        owner,
                        "microsoft",
                        PolicyApi.event(prefix + "-2", owner, "microsoft", "analytics", 101, "2023-04-11T10:00:00Z")),
                record(
                        owner,
                        "microsoft",
                        PolicyApi.event(prefix + "-3", owner, "microsoft", "ai-train", 50_000, "2023-04-12T09:30:00Z")),
                record(
                        owner,
                        "openai",
                        PolicyApi.event(prefix + "-4", owner, "openai", "ai-train", 2_000, "2023-04-12T10:00:00Z")),
                record(
                        owner,
                        "microsoft",
                        PolicyApi.event(prefix + "-5", owner, "microsoft", "display", 5, "2023-05-01T00:00:00Z")));
        produce(batch);

        // 900 crosses 80 %; +101 crosses 100 % and exceeds by 1; ai-train is not granted; openai holds no license.
        List<JsonNode> violations = awaitViolations(owner, 5);
        Map<String, Long> byRule = violations.stream()
                .collect(Collectors.groupingBy(v -> v.path("rule").asText(), Collectors.counting()));
        assertThat(byRule)
                .isEqualTo(Map.of(
                        "quota-warning", 2L, "quota-exceeded", 1L, "purpose-not-licensed", 1L, "no-license", 1L));
        assertThat(violations).hasSize(5);

        JsonNode exceeded = violations.stream()
                .filter(v -> v.path("rule").asText().equals("quota-exceeded"))
                .findFirst()
                .orElseThrow();
        assertThat(exceeded.path("eventId").asText()).isEqualTo(prefix + "-2");
        assertThat(exceeded.path("licenseId").asText()).isEqualTo("ms-enterprise-2023");
        assertThat(exceeded.path("termsVersion").asLong()).isEqualTo(2);
        assertThat(exceeded.path("severity").asText()).isEqualTo("high");
        assertThat(exceeded.path("estimatedFee").path("amount").decimalValue()).isEqualByComparingTo("0.00084");
        assertThat(exceeded.path("explanation").asText())
                .contains("1,001 records")
                .contains("quota of 1,000 by 1");
        JsonNode unlicensed = violations.stream()
                .filter(v -> v.path("rule").asText().equals("no-license"))
                .findFirst()
                .orElseThrow();
        assertThat(unlicensed.path("consumer").asText()).isEqualTo("openai");
        assertThat(unlicensed.path("severity").asText()).isEqualTo("critical");
        assertThat(unlicensed.path("estimatedFee").path("amount").decimalValue())
                .isEqualByComparingTo("1.68");
        assertThat(unlicensed.path("event").path("eventId").asText()).isEqualTo(prefix + "-4");

        var usageBefore = usage(owner, "2023-04");
        assertThat(usageBefore.path("licensees").findValues("recordsUsed").stream()
                        .map(JsonNode::asLong)
                        .toList())
                .containsExactlyInAnyOrder(1_001L, 50_000L, 2_000L);

        // The same batch again, as after a crash before the offsets were committed.
        produce(batch);
        String marker = prefix + "-marker";
        produce(List.of(record(
                owner, "openai", PolicyApi.event(marker, owner, "openai", "ai-train", 1, "2023-04-13T00:00:00Z"))));
        List<JsonNode> afterReplay =
                awaitViolations(owner, 1, v -> v.path("eventId").asText().equals(marker));
        assertThat(afterReplay).hasSize(1);
        assertThat(violationsOf(owner)).hasSize(6);
        var usageAfter = usage(owner, "2023-04");
        assertThat(usageAfter.path("licensees").findValues("recordsUsed").stream()
                        .map(JsonNode::asLong)
                        .toList())
                .containsExactlyInAnyOrder(1_001L, 50_000L, 2_001L);
    }

    @Test
    void usageShowsQuotaPercentOverageAndFees() throws Exception {
        String owner = "u-" + UUID.randomUUID().toString().substring(0, 8);
        PolicyApi.createOwner(owner);
        PolicyApi.addLicense(owner, PolicyApi.license("ms-enterprise-2023", "microsoft", 1_000, "active"));
        String id = UUID.randomUUID().toString();
        produce(List.of(record(
                owner,
                "microsoft",
                PolicyApi.event(id, owner, "microsoft", "analytics", 1_500, "2023-06-02T00:00:00Z"))));
        awaitViolations(owner, 1, v -> v.path("rule").asText().equals("quota-exceeded"));
        JsonNode line = usage(owner, "2023-06").path("licensees").get(0);
        assertThat(line.path("consumer").asText()).isEqualTo("microsoft");
        assertThat(line.path("quota").asLong()).isEqualTo(1_000);
        assertThat(line.path("percentUsed").decimalValue()).isEqualByComparingTo("150.00");
        assertThat(line.path("overage").asLong()).isEqualTo(500);
        assertThat(line.path("estimatedFee").path("amount").decimalValue()).isEqualByComparingTo("0.42");
        PolicyApi.asAdmin()
                .get("/v1/owners/" + owner + "/usage?period=June")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("period"));
    }

    @Test
    void anEventThatCannotBeJudgedGoesToTheDeadLetterTopic() {
        String id = UUID.randomUUID().toString();
        String noOwner = "{\"eventId\":\"" + id
                + "\",\"observedAt\":\"2023-04-12T09:30:00Z\",\"channel\":\"api\",\"resource\":{\"kind\":\"t\"}}";
        produce(List.of(new ProducerRecord<>("access-events", "?/?", noOwner)));
        try (var companion = new KafkaCompanion(SharedInfrastructure.kafka().bootstrapServers())) {
            var task = companion.consumeStrings().fromTopics("access-events.dlq");
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> task.getRecords().stream()
                        .anyMatch(r -> r.value() != null
                                && r.value().contains(id)
                                && header(r, "dead-letter-reason").equals("invalid access event: no owner")));
            } finally {
                task.close();
            }
        }
    }

    static ProducerRecord<String, String> record(String owner, String consumer, String json) {
        return new ProducerRecord<>("access-events", owner + "/" + consumer, json.replace("\n", ""));
    }

    static void produce(List<ProducerRecord<String, String>> records) {
        try (var companion = new KafkaCompanion(SharedInfrastructure.kafka().bootstrapServers())) {
            companion.produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(30));
        }
    }

    static List<JsonNode> awaitViolations(String owner, int atLeast) {
        return awaitViolations(owner, atLeast, v -> true);
    }

    /** Waits for {@code atLeast} matching violations of {@code owner}, each checked against the committed schema. */
    static List<JsonNode> awaitViolations(String owner, int atLeast, Predicate<JsonNode> matching) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> violationsOf(owner).stream().filter(matching).count() >= atLeast);
        return violationsOf(owner).stream().filter(matching).toList();
    }

    static List<JsonNode> violationsOf(String owner) {
        List<JsonNode> found = new ArrayList<>();
        for (ConsumerRecord<String, String> record :
                TopicContents.readAll(SharedInfrastructure.kafka().bootstrapServers(), "violations")) {
            if (!record.key().startsWith(owner + "/")) {
                continue;
            }
            assertThat(ContractSchemas.violations("violation", record.value())).isEmpty();
            assertThat(header(record, "ce_type")).isEqualTo("termsguard.violation.detected");
            try {
                JsonNode node = JSON.readTree(record.value());
                assertThat(header(record, "ce_id"))
                        .isEqualTo(node.path("violationId").asText());
                found.add(node);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return found;
    }

    static JsonNode usage(String owner, String period) throws Exception {
        String body = PolicyApi.asAdmin()
                .get("/v1/owners/" + owner + "/usage?period=" + period)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return JSON.readTree(body);
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
