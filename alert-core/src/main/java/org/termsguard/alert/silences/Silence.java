package org.termsguard.alert.silences;

import java.time.Instant;
import java.util.List;

/**
 * Mutes notifications of the incidents every matcher matches, between {@code startsAt} and {@code endsAt}. The
 * incidents still count every violation; only receivers stay quiet. This is the silence as stored and shown; it is
 * matched once compiled ({@link CompiledSilence}), so that no regex is compiled per incident.
 */
public record Silence(
        String id,
        List<Matcher> matchers,
        Instant startsAt,
        Instant endsAt,
        String author,
        String comment,
        Instant createdAt) {

    public Silence {
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
    }

    /**
     * One condition, Alertmanager-style: {@code name} is owner, consumer, rule or severity; {@code isRegex} makes
     * {@code value} a regular expression (RE2 syntax, see {@link LabelPattern}) that must match the whole label.
     */
    public record Matcher(String name, String value, boolean isRegex) {}

    public boolean activeAt(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }

    /**
     * The owner this silence is limited to: the value of its first equality matcher on {@code owner}, or null for a
     * silence across owners (only platform admins make those).
     */
    public static String ownerOf(List<Matcher> matchers) {
        return matchers.stream()
                .filter(m -> "owner".equals(m.name()) && !m.isRegex())
                .map(Matcher::value)
                .findFirst()
                .orElse(null);
    }
}
