package org.termsguard.policy.imports;

import static org.termsguard.policy.imports.OdrlIris.ODRL;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.termsguard.contracts.events.Purpose;

/**
 * Reads what permissions and prohibitions have in common (ODRL 2.2 Information Model §2.6): the properties it knows,
 * the actions as purposes, the refinements of the actions (§2.5.4) and the constraints of the rule (§2.5.3) as
 * {@link Limits}. A purpose constraint narrows the action's purposes and may not widen them: a purpose outside the
 * action is reported, not granted.
 */
final class RuleReader {

    private final ExpandedJsonLd document;
    private final OdrlClauses clauses;
    private final ConstraintReader constraints;
    private final ImportReport report;

    RuleReader(ExpandedJsonLd document, OdrlClauses clauses, ConstraintReader constraints, ImportReport report) {
        this.document = document;
        this.clauses = clauses;
        this.constraints = constraints;
        this.report = report;
    }

    OdrlRule read(JsonObject rule, String source) {
        OdrlProperties.RULE.reportUnknown(rule, source, report);
        String clause = clauses.clause(rule);
        Limits.Builder gathered = new Limits.Builder();
        Set<Purpose> base = EnumSet.noneOf(Purpose.class);
        for (JsonValue action : document.values(rule, ODRL + "action")) {
            JsonObject node = document.node(action);
            String iri = document.valueIri(action).orElse(null);
            if (node != null) {
                document.nodes(node, ODRL + "refinement").forEach(r -> constraints.read(r, gathered));
            }
            Optional<Set<Purpose>> mapped = iri == null ? Optional.empty() : ActionPurposes.of(iri);
            if (mapped.isEmpty()) {
                report.unmapped(
                        source,
                        "action " + (iri == null ? action.toString() : iri),
                        "Termsguard observes uses of data (display, search, analytics, AI training...), not this"
                                + " action");
            } else {
                base.addAll(mapped.get());
            }
        }
        document.nodes(rule, ODRL + "constraint").forEach(c -> constraints.read(c, gathered));
        Limits limits = gathered.build();
        Set<Purpose> purposes = base.isEmpty() ? base : purposes(rule, source, base, limits);
        return new OdrlRule(rule, source, clause, purposes, limits);
    }

    /** The action's purposes narrowed to those the constraints allow, less those they exclude. */
    private Set<Purpose> purposes(JsonObject rule, String source, Set<Purpose> base, Limits limits) {
        Set<Purpose> result = EnumSet.noneOf(Purpose.class);
        if (limits.purposes() != null) {
            for (Purpose p : limits.purposes()) {
                if (base.stream().anyMatch(b -> b.covers(p))) {
                    result.add(p);
                } else {
                    report.unmapped(
                            source,
                            "purpose " + p.token(),
                            "outside " + clauses.actions(rule) + ", so the rule does not reach it");
                }
            }
        } else {
            result.addAll(base);
        }
        if (!limits.excluded().isEmpty()) {
            Set<Purpose> expanded = ActionPurposes.concrete(result);
            expanded.removeAll(limits.excluded());
            expanded.remove(Purpose.UNKNOWN);
            result = expanded;
        }
        if (result.isEmpty()) {
            report.unmapped(
                    source, clauses.clause(rule), "no purpose is left once the action and its constraints meet");
        }
        return result;
    }
}
