package org.termsguard.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotHistoryTest {

    static IpRangeSnapshot list(String validFrom, String... prefixes) {
        StringBuilder json = new StringBuilder("{\"prefixes\":[");
        for (int i = 0; i < prefixes.length; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"ipv4Prefix\":\"")
                    .append(prefixes[i])
                    .append("\"}");
        }
        json.append("]}");
        return IpRangeSnapshot.parse(
                json.toString().getBytes(StandardCharsets.UTF_8), Optional.of(Instant.parse(validFrom)), Instant.EPOCH);
    }

    @Test
    void theVersionInForceIsTheLatestValidFromAtOrBeforeTheInstant() {
        SnapshotHistory<IpRangeSnapshot> history = new SnapshotHistory<>("openai-gptbot");
        history.add(list("2025-04-01T00:00:00Z", "192.0.2.0/24"));
        history.add(list("2025-05-01T00:00:00Z", "192.0.2.0/24", "198.51.100.0/24"));
        history.add(list("2025-06-01T00:00:00Z", "192.0.2.0/24"));

        assertThat(history.inForceAt(Instant.parse("2025-03-31T23:59:59Z"))).isEmpty();
        assertThat(history.inForceAt(Instant.parse("2025-04-01T00:00:00Z"))
                        .orElseThrow()
                        .number())
                .isEqualTo(1);
        assertThat(history.inForceAt(Instant.parse("2025-05-15T00:00:00Z"))
                        .orElseThrow()
                        .number())
                .isEqualTo(2);
        assertThat(history.inForceAt(Instant.parse("2025-05-31T23:59:59Z"))
                        .orElseThrow()
                        .number())
                .isEqualTo(2);
        assertThat(history.inForceAt(Instant.parse("2030-01-01T00:00:00Z"))
                        .orElseThrow()
                        .number())
                .isEqualTo(3);
    }

    @Test
    void versionsAddedForThePastAreNumberedInTheOrderAdded() {
        SnapshotHistory<IpRangeSnapshot> history = new SnapshotHistory<>("openai-gptbot");
        history.add(list("2025-06-01T00:00:00Z", "192.0.2.0/24"));
        var archived = history.add(list("2025-01-01T00:00:00Z", "198.51.100.0/24"));

        assertThat(archived.created()).isTrue();
        assertThat(archived.version().number()).isEqualTo(2);
        assertThat(history.inForceAt(Instant.parse("2025-02-01T00:00:00Z"))
                        .orElseThrow()
                        .number())
                .isEqualTo(2);
        assertThat(history.inForceAt(Instant.parse("2025-07-01T00:00:00Z"))
                        .orElseThrow()
                        .number())
                .isEqualTo(1);
    }

    @Test
    void theSameContentAtTheSameTimeIsOneSnapshot() {
        SnapshotHistory<IpRangeSnapshot> history = new SnapshotHistory<>("openai-gptbot");
        var first = history.add(list("2025-06-01T00:00:00Z", "192.0.2.0/24"));
        var again = history.add(list("2025-06-01T00:00:00Z", "192.0.2.0/24"));
        var later = history.add(list("2025-07-01T00:00:00Z", "192.0.2.0/24"));

        assertThat(again.created()).isFalse();
        assertThat(again.version()).isEqualTo(first.version());
        assertThat(later.created()).isTrue();
        assertThat(history.versions()).hasSize(2);
    }

    @Test
    void anotherDocumentAtTheSameTimeSupersedesTheFirst() {
        SnapshotHistory<IpRangeSnapshot> history = new SnapshotHistory<>("openai-gptbot");
        history.add(list("2025-06-01T00:00:00Z", "192.0.2.0/24"));
        history.add(list("2025-06-01T00:00:00Z", "198.51.100.0/24"));

        assertThat(history.inForceAt(Instant.parse("2025-06-02T00:00:00Z"))
                        .orElseThrow()
                        .number())
                .isEqualTo(2);
    }
}
