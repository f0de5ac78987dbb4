package org.termsguard.policy.terms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnerTimelineTest {

    private static TermsSnapshot version(long number, String effectiveFrom) {
        var terms = new TermsDocument(
                "x-corp",
                "X",
                null,
                new TermsDocument.DefaultTerms(List.of(), List.of(), null),
                null,
                List.of(),
                List.of());
        return new TermsSnapshot(number, Instant.parse(effectiveFrom), terms);
    }

    @Test
    void judgesByTheVersionInForceAtObservedAt() {
        OwnerTimeline timeline = new OwnerTimeline();
        timeline.add(version(1, "2023-04-01T00:00:00Z"));
        timeline.add(version(2, "2023-05-15T00:00:00Z"));
        timeline.add(version(3, "2023-05-15T00:00:00Z"));
        assertThat(timeline.at(Instant.parse("2023-03-31T23:59:59Z"))).isEmpty();
        assertThat(timeline.at(Instant.parse("2023-04-20T00:00:00Z"))
                        .orElseThrow()
                        .version())
                .isEqualTo(1);
        assertThat(timeline.at(Instant.parse("2023-05-15T00:00:00Z"))
                        .orElseThrow()
                        .version())
                .isEqualTo(3);
        assertThat(timeline.latest().orElseThrow().version()).isEqualTo(3);
    }
}
