package org.termsguard.policy.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.policy.terms.QuotaPeriod;

class LimitsTest {

    @Test
    void withoutAPurposeConstraintEveryPurposeOfTheActionStands() {
        Limits limits = new Limits.Builder().count(10).build();

        assertThat(limits.purposes()).isNull();
        assertThat(limits.onlyPurposes()).isFalse();
    }

    @Test
    void purposeConstraintsIntersectAndKeepPurposeOrder() {
        Limits limits = new Limits.Builder()
                .narrowTo(Set.of(Purpose.SEARCH, Purpose.AI_TRAIN, Purpose.DISPLAY))
                .narrowTo(Set.of(Purpose.DISPLAY, Purpose.AI_TRAIN))
                .build();

        assertThat(limits.purposes()).containsExactly(Purpose.AI_TRAIN, Purpose.DISPLAY);
        assertThat(limits.onlyPurposes()).isTrue();
    }

    @Test
    void aLaterBoundReplacesAnEarlierOneAndExclusionsAddUp() {
        Limits limits = new Limits.Builder()
                .count(10)
                .count(5)
                .exclude(Set.of(Purpose.SEARCH))
                .exclude(Set.of(Purpose.AI_TRAIN))
                .until(Instant.parse("2027-01-01T00:00:00Z"))
                .until(Instant.parse("2026-01-01T00:00:00Z"))
                .build();

        assertThat(limits.count()).isEqualTo(5);
        assertThat(limits.excluded()).containsExactly(Purpose.AI_TRAIN, Purpose.SEARCH);
        assertThat(limits.until()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void anythingBesidesPurposesMakesThemMoreThanAnAlternativeBetweenPurposes() {
        List<Limits.Builder> more = List.of(
                new Limits.Builder().exclude(Set.of(Purpose.SEARCH)),
                new Limits.Builder().count(1),
                new Limits.Builder().period(QuotaPeriod.DAY),
                new Limits.Builder().from(Instant.EPOCH),
                new Limits.Builder().until(Instant.EPOCH),
                new Limits.Builder().kinds(List.of("posts")),
                new Limits.Builder().payment(BigDecimal.ONE, "EUR"),
                new Limits.Builder().unmapped("spatial eq US (access events carry no location)"));

        for (Limits.Builder builder : more) {
            assertThat(builder.narrowTo(Set.of(Purpose.DISPLAY)).build().onlyPurposes())
                    .as(builder.build().toString())
                    .isFalse();
        }
    }

    @Test
    void whatIsBuiltDoesNotChangeWithTheBuilderAndCannotBeChanged() {
        Limits.Builder builder = new Limits.Builder()
                .narrowTo(EnumSet.of(Purpose.DISPLAY, Purpose.SEARCH))
                .kinds(List.of("posts"))
                .unmapped("recipient eq x (access events name the consumer, not who receives the data)");
        Limits built = builder.build();

        builder.narrowTo(Set.of(Purpose.SEARCH)).kinds(List.of("videos")).unmapped("more");

        assertThat(built.purposes()).containsExactly(Purpose.SEARCH, Purpose.DISPLAY);
        assertThat(built.kinds()).containsExactly("posts");
        assertThat(built.unmapped()).hasSize(1);
        assertThatThrownBy(() -> built.purposes().add(Purpose.ALL)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> built.excluded().add(Purpose.ALL)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> built.kinds().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> built.unmapped().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
