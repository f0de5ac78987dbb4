package org.termsguard.alert.silences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.termsguard.alert.incidents.IncidentKey;
import org.termsguard.contracts.violations.Rule;
import org.termsguard.contracts.violations.Severity;

/** Silences match on RE2J patterns compiled once: owner-supplied regexes cannot hang alerting (issue #17). */
class SilenceMatchingTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String CATASTROPHIC = ".*".repeat(100) + "z";
    /** A hang guard only: the assertion is the result, not the time. */
    private static final Duration HANG = Duration.ofSeconds(10);

    private static Silence silence(Silence.Matcher... matchers) {
        return new Silence("sil-1", List.of(matchers), NOW.minusSeconds(60), NOW.plusSeconds(3600), "ops", "test", NOW);
    }

    private static Silence.Matcher regex(String name, String value) {
        return new Silence.Matcher(name, value, true);
    }

    private static Silence.Matcher equal(String name, String value) {
        return new Silence.Matcher(name, value, false);
    }

    @Test
    void theCatastrophicPatternAgainstALongLabelIsAnsweredFalse() throws Exception {
        CompiledSilence silence = CompiledSilence.compile(silence(regex("consumer", CATASTROPHIC)));
        IncidentKey key = IncidentKey.of("o-1", "crawler-" + "a".repeat(248), Rule.NO_LICENSE);
        boolean muted = assertTimeoutPreemptively(HANG, () -> silence.mutes(key, Severity.HIGH, NOW));
        assertThat(muted).isFalse();
        IncidentKey matching = IncidentKey.of("o-1", "crawler-" + "a".repeat(247) + "z", Rule.NO_LICENSE);
        assertThat(assertTimeoutPreemptively(HANG, () -> silence.mutes(matching, Severity.HIGH, NOW)))
                .isTrue();
    }

    @Test
    void anotherOwnersSilenceIsNotMatchedAgainstAnIncident() throws Exception {
        ActiveSilences silences = new ActiveSilences(List.of(CompiledSilence.compile(
                silence(regex("consumer", CATASTROPHIC), equal("owner", "o-a"), regex("rule", "no-.*")))));
        IncidentKey ofB = IncidentKey.of("o-b", "b".repeat(256), Rule.NO_LICENSE);
        assertThat(assertTimeoutPreemptively(HANG, () -> silences.mutes(ofB, Severity.HIGH, NOW)))
                .isFalse();
        IncidentKey ofA = IncidentKey.of("o-a", "a".repeat(255) + "z", Rule.NO_LICENSE);
        assertThat(silences.mutes(ofA, Severity.HIGH, NOW)).isTrue();
        assertThat(silences.mutes(ofA, Severity.HIGH, NOW.plusSeconds(7200)))
                .as("after its end")
                .isFalse();
    }

    @Test
    void equalityAndWholeLabelRegexMatchAsBefore() throws Exception {
        CompiledSilence silence = CompiledSilence.compile(
                silence(equal("owner", "x-corp"), regex("rule", "quota-.*"), equal("severity", "high")));
        assertThat(silence.owner()).isEqualTo("x-corp");
        assertThat(silence.mutes(IncidentKey.of("x-corp", "openai", Rule.QUOTA_EXCEEDED), Severity.HIGH, NOW))
                .isTrue();
        assertThat(silence.mutes(IncidentKey.of("x-corp", "openai", Rule.QUOTA_EXCEEDED), Severity.LOW, NOW))
                .isFalse();
        assertThat(silence.mutes(IncidentKey.of("x-corp", "openai", Rule.NO_LICENSE), Severity.HIGH, NOW))
                .as("the regex must match the whole label")
                .isFalse();
        assertThat(CompiledSilence.compile(silence(equal("colour", "red")))
                        .mutes(IncidentKey.of("x-corp", "openai", Rule.NO_LICENSE), Severity.HIGH, NOW))
                .as("a label this version does not know matches nothing")
                .isFalse();
        assertThat(CompiledSilence.compile(silence())
                        .mutes(IncidentKey.of("x-corp", "openai", Rule.NO_LICENSE), Severity.HIGH, NOW))
                .as("no matchers mute nothing")
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "(a)\\1", // backreference
                "(?=a)b", // lookahead
                "(a", // unbalanced
                "a{1001}", // past RE2's repeat limit
                "(a{1000}){1000}", // a million instructions
                "(((a{1000}){1000}){1000}){1000}", // exhausts the heap while RE2J compiles it
                "[a-z]{100}[0-9]{100}x{1000}",
                "(\\Q{1000}\\E{1000})"
            })
    void aPatternThatCouldNotMatchInBoundedTimeIsRefusedNamingItsMatcher(String pattern) {
        assertThatThrownBy(() -> assertTimeoutPreemptively(
                        HANG,
                        () -> CompiledSilence.compile(silence(equal("owner", "x-corp"), regex("consumer", pattern)))))
                .isInstanceOfSatisfying(CompiledSilence.Refused.class, refused -> assertThat(refused.matcher())
                        .isEqualTo(1));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "quota-.*",
                "[a-z]{1,100}[0-9]{1,100}z",
                "(foo|bar|baz){1,50}",
                "\\p{L}+",
                "[[:alpha:]]{3,}",
                "a\u0000b",
                "x{1000}",
                "[{]{5}\\{1000}"
            })
    void ordinaryPatternsAreAccepted(String pattern) throws Exception {
        CompiledSilence.compile(silence(regex("consumer", pattern)));
    }

    @Test
    void expandedSizeCountsRepeatsAroundGroups() {
        assertThat(LabelPattern.expandedSize(CATASTROPHIC)).isEqualTo(101);
        assertThat(LabelPattern.expandedSize("(ab){10}")).isEqualTo(20);
        assertThat(LabelPattern.expandedSize("((ab){10}c){3}")).isEqualTo(63);
        assertThat(LabelPattern.expandedSize("[{]{2}")).isEqualTo(2);
        assertThat(LabelPattern.expandedSize("a{2,}")).isEqualTo(3);
    }
}
