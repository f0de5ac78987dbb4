package org.termsguard.policy.imports;

import static org.termsguard.policy.imports.OdrlIris.ODRL;
import static org.termsguard.policy.imports.OdrlIris.TDM;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.termsguard.contracts.events.Purpose;

/**
 * Which Termsguard purposes an ODRL action stands for. Access events record a use of data by its purpose, not an
 * ODRL action, so each action of the ODRL 2.2 Vocabulary (Actions for Rules and the Common Vocabulary's actions)
 * that a purpose can witness is mapped to those purposes: {@code use} is every purpose, the viewing actions are
 * display, {@code index} is search, {@code archive} is archive, {@code aggregate} is analytics, and TDMRep's
 * {@code tdm:mine} is AI training and analytics. Other actions are not observable and are reported by the rule's
 * reader.
 */
final class ActionPurposes {

    private static final Map<String, Set<Purpose>> ACTIONS = Map.ofEntries(
            Map.entry(ODRL + "use", EnumSet.of(Purpose.ALL)),
            Map.entry(ODRL + "display", EnumSet.of(Purpose.DISPLAY)),
            Map.entry(ODRL + "present", EnumSet.of(Purpose.DISPLAY)),
            Map.entry(ODRL + "read", EnumSet.of(Purpose.DISPLAY)),
            Map.entry(ODRL + "play", EnumSet.of(Purpose.DISPLAY)),
            Map.entry(ODRL + "stream", EnumSet.of(Purpose.DISPLAY)),
            Map.entry(ODRL + "print", EnumSet.of(Purpose.DISPLAY)),
            Map.entry(ODRL + "index", EnumSet.of(Purpose.SEARCH)),
            Map.entry(ODRL + "archive", EnumSet.of(Purpose.ARCHIVE)),
            Map.entry(ODRL + "aggregate", EnumSet.of(Purpose.ANALYTICS)),
            Map.entry(TDM + "mine", EnumSet.of(Purpose.AI_TRAIN, Purpose.ANALYTICS)),
            Map.entry("tdm:mine", EnumSet.of(Purpose.AI_TRAIN, Purpose.ANALYTICS)));
    private static final Set<Purpose> CONCRETE = EnumSet.complementOf(EnumSet.of(Purpose.ALL, Purpose.AI_ALL));
    private static final Set<Purpose> AI = EnumSet.of(Purpose.AI_TRAIN, Purpose.AI_INPUT, Purpose.AI_INDEX);

    private ActionPurposes() {}

    /** The purposes an action's IRI stands for; empty when no access event can show the action. */
    static Optional<Set<Purpose>> of(String actionIri) {
        return Optional.ofNullable(ACTIONS.get(actionIri)).map(EnumSet::copyOf);
    }

    /**
     * A purpose named in a constraint: a token ({@code ai-train}) or an IRI ending in one, so a profile's purpose
     * vocabulary reads the same as Termsguard's own.
     */
    static Optional<Purpose> purposeOf(String value) {
        String token = OdrlIris.lastSegment(value);
        return Purpose.fromToken(token.isEmpty() ? value : token);
    }

    /**
     * The concrete purposes a set stands for, {@code ALL} and {@code AI_ALL} opened into their members, so that
     * single purposes can be taken out of them.
     */
    static Set<Purpose> concrete(Set<Purpose> purposes) {
        Set<Purpose> expanded = EnumSet.noneOf(Purpose.class);
        for (Purpose p : purposes) {
            if (p == Purpose.ALL) {
                expanded.addAll(CONCRETE);
            } else if (p == Purpose.AI_ALL) {
                expanded.addAll(AI);
            } else {
                expanded.add(p);
            }
        }
        return expanded;
    }
}
