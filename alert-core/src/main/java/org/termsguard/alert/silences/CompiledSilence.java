package org.termsguard.alert.silences;

import com.google.re2j.Pattern;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.termsguard.alert.incidents.IncidentKey;
import org.termsguard.contracts.violations.Severity;

/**
 * A silence ready to match: its regexes compiled once, when the silence is created or loaded, never per incident;
 * its equality conditions tried before its regexes, since one that fails decides.
 *
 * @param owner the owner it is limited to, or null across owners ({@link Silence#ownerOf})
 */
public record CompiledSilence(Silence silence, String owner, List<Condition> conditions) {

    /** The label a matcher reads. */
    public enum Label {
        OWNER,
        CONSUMER,
        RULE,
        SEVERITY;

        /** The label named {@code name} (owner, consumer, rule or severity), or null. */
        public static Label named(String name) {
            for (Label label : values()) {
                if (label.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return label;
                }
            }
            return null;
        }

        String of(IncidentKey key, Severity severity) {
            return switch (this) {
                case OWNER -> key.owner();
                case CONSUMER -> key.consumer();
                case RULE -> key.rule().token();
                case SEVERITY -> severity.name().toLowerCase(Locale.ROOT);
            };
        }
    }

    /**
     * One matcher, compiled: equal to {@code value}, or matched whole by {@code pattern}. A matcher on a label this
     * version does not know ({@code label} null) matches nothing, as before.
     */
    public record Condition(Label label, String value, Pattern pattern) {
        public boolean matches(IncidentKey key, Severity severity) {
            if (label == null) {
                return false;
            }
            String text = label.of(key, severity);
            if (text == null) {
                return false;
            }
            return pattern == null ? value.equals(text) : pattern.matches(text);
        }
    }

    /** A matcher that cannot be compiled: which one (its index in the silence) and why. */
    public static final class Refused extends Exception {
        private final int matcher;

        public Refused(int matcher, String why) {
            super(why, null, false, false);
            this.matcher = matcher;
        }

        public int matcher() {
            return matcher;
        }
    }

    public CompiledSilence {
        conditions = List.copyOf(conditions);
    }

    /** Compiles every matcher of {@code silence}; refuses the first one RE2J (or {@link LabelPattern}) refuses. */
    public static CompiledSilence compile(Silence silence) throws Refused {
        return new CompiledSilence(silence, Silence.ownerOf(silence.matchers()), conditions(silence.matchers()));
    }

    /** The conditions of {@code matchers}, equality first; for checking a silence before it is stored. */
    public static List<Condition> conditions(List<Silence.Matcher> matchers) throws Refused {
        List<Condition> conditions = new ArrayList<>();
        for (int i = 0; i < matchers.size(); i++) {
            Silence.Matcher m = matchers.get(i);
            Pattern pattern = null;
            if (m.isRegex()) {
                try {
                    pattern = LabelPattern.compile(m.value() == null ? "" : m.value());
                } catch (IllegalArgumentException e) {
                    throw new Refused(i, e.getMessage());
                }
            }
            conditions.add(new Condition(Label.named(m.name()), m.value() == null ? "" : m.value(), pattern));
        }
        conditions.sort(Comparator.comparing(c -> c.pattern() != null));
        return conditions;
    }

    /** A copy with the silence as stored now (its end moved by an expiry), keeping what was compiled. */
    public CompiledSilence with(Silence current) {
        return new CompiledSilence(current, owner, conditions);
    }

    /** Whether it mutes the incident of {@code key} at {@code severity} at {@code at}: active, and every matcher matches. */
    public boolean mutes(IncidentKey key, Severity severity, Instant at) {
        if (!silence.activeAt(at) || conditions.isEmpty()) {
            return false;
        }
        for (Condition condition : conditions) {
            if (!condition.matches(key, severity)) {
                return false;
            }
        }
        return true;
    }
}
