package org.termsguard.policy.imports;

import jakarta.json.JsonObject;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.termsguard.contracts.events.Purpose;

/**
 * What every ODRL rule (ODRL 2.2 Information Model §2.6) comes to before its kind is considered: the purposes its
 * actions and purpose constraints reach, and the other limits its constraints and refinements set.
 *
 * @param node the rule as expanded
 * @param source where the report says the rule stands, e.g. {@code ODRL Offer https://... permission[1]}
 * @param clause the rule as the report quotes it ({@link OdrlClauses#clause})
 * @param purposes the purposes the rule reaches; empty when none is left, which the reading has reported
 * @param limits what the constraints of the rule and the refinements of its actions say
 */
record OdrlRule(JsonObject node, String source, String clause, Set<Purpose> purposes, Limits limits) {

    OdrlRule {
        // Kept in Purpose order: the report and the licenses list purposes in it.
        Set<Purpose> copy = EnumSet.noneOf(Purpose.class);
        copy.addAll(purposes);
        purposes = Collections.unmodifiableSet(copy);
    }
}
