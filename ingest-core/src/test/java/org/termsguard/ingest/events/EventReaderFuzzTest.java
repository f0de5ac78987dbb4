package org.termsguard.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The event reader on arbitrary JSON: an event or its field errors, never an exception (which would be a 500), and
 * never a "valid" event that lacks what the contract requires.
 */
class EventReaderFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventReader READER =
            new EventReader(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), Duration.ofMinutes(5));

    @FuzzTest(maxDuration = "30s")
    void anyJson(byte[] data) {
        JsonNode node;
        try {
            node = JSON.readTree(new String(data, StandardCharsets.UTF_8));
        } catch (JsonProcessingException notJson) {
            return;
        }
        EventReader.Result result = READER.read(node);
        if (result.valid()) {
            assertThat(result.event().observedAt()).isNotNull();
            assertThat(result.event().owner()).isNotBlank();
            assertThat(result.event().resource()).isNotNull();
        } else {
            assertThat(result.errors()).isNotEmpty();
        }
    }
}
