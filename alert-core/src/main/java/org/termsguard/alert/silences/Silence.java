package org.termsguard.alert.silences;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.termsguard.alert.incidents.IncidentKey;
import org.termsguard.contracts.violations.Severity;

/**
 * Mutes notifications of the incidents every matcher matches, between {@code startsAt} and {@code endsAt}. The
 * incidents still count every violation; only receivers stay quiet.
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
     * {@code value} a regular expression that must match the whole label.
     */
    public record Matcher(String name, String value, boolean isRegex) {

        public boolean matches(IncidentKey key, Severity severity) {
            String label =
                    switch (name) {
                        case "owner" -> key.owner();
                        case "consumer" -> key.consumer();
                        case "rule" -> key.rule().token();
                        case "severity" -> severity.name().toLowerCase(Locale.ROOT);
                        default -> null;
                    };
            if (label == null) {
                return false;
            }
            return isRegex ? Pattern.compile(value).matcher(label).matches() : value.equals(label);
        }
    }

    public boolean activeAt(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }

    public boolean mutes(IncidentKey key, Severity severity, Instant at) {
        return activeAt(at) && !matchers.isEmpty() && matchers.stream().allMatch(m -> m.matches(key, severity));
    }
}
