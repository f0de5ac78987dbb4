package org.termsguard.alert;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.termsguard.testsupport.SharedInfrastructure;

/** Violations as policy-service publishes them, for the alert service's tests. */
public final class Violations {

    private Violations() {}

    public static String json(
            String violationId,
            String eventId,
            String owner,
            String consumer,
            String rule,
            String severity,
            long records,
            String fee,
            String observedAt) {
        return """
                {"violationId":"%s","eventId":"%s","owner":"%s","consumer":"%s","rule":"%s","severity":"%s",
                 "termsVersion":2,"licenseId":null,"clause":"terms version 2 require a license for ai-train",
                 "explanation":"%s used %d records of %s's data for ai-train (declared).","purpose":"ai-train",
                 "purposeSource":"declared","volume":{"records":%d,"bytes":null},"observedAt":"%s",
                 "evaluatedAt":"%s","estimatedFee":%s,
                 "event":{"eventId":"%s","observedAt":"%s","owner":"%s","consumer":"%s","channel":"crawler",
                          "resource":{"kind":"page","uri":"https://www.%s.example/r/pics"},"purpose":"ai-train",
                          "volume":{"records":%d,"bytes":null},
                          "evidence":{"apiClientId":null,"userAgent":"GPTBot/1.2","clientIp":"203.0.113.7","requestId":null,"identity":"claimed"},
                          "producer":"cdn","receivedAt":"%s"}}"""
                .formatted(
                        violationId,
                        eventId,
                        owner,
                        consumer,
                        rule,
                        severity,
                        consumer,
                        records,
                        owner,
                        records,
                        observedAt,
                        observedAt,
                        fee == null
                                ? "null"
                                : "{\"amount\":" + fee + ",\"currency\":\"USD\",\"basis\":\"" + records
                                        + " unlicensed records × 0.84 USD per 1,000\"}",
                        eventId,
                        observedAt,
                        owner,
                        consumer,
                        owner,
                        records,
                        observedAt)
                .replace("\n", "");
    }

    public static void produce(String owner, String consumer, List<String> values) {
        try (var companion = new KafkaCompanion(SharedInfrastructure.kafka().bootstrapServers())) {
            companion
                    .produceStrings()
                    .fromRecords(values.stream()
                            .map(v -> new ProducerRecord<>("violations", owner + "/" + consumer, v))
                            .toList())
                    .awaitCompletion(Duration.ofSeconds(30));
        }
    }
}
