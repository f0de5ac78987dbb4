package org.termsguard.policy.imports;

import static org.termsguard.policy.imports.OdrlIris.ODRL;
import static org.termsguard.policy.imports.OdrlIris.TG;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the duties of a permission (ODRL 2.2 Information Model §2.6.5) or the remedies of a prohibition (§2.6.7) as
 * {@link Compensation}s. Only {@code compensate} can be seen by Termsguard, as a price; every other duty, and a
 * compensation without an amount in a currency, is reported and left out.
 */
final class CompensationReader {

    private final ExpandedJsonLd document;
    private final OdrlClauses clauses;
    private final ConstraintReader constraints;
    private final ImportReport report;

    CompensationReader(
            ExpandedJsonLd document, OdrlClauses clauses, ConstraintReader constraints, ImportReport report) {
        this.document = document;
        this.clauses = clauses;
        this.constraints = constraints;
        this.report = report;
    }

    /** @param property {@code duty} or {@code remedy}, as a full ODRL IRI */
    List<Compensation> read(JsonObject rule, String property, String source) {
        List<Compensation> compensations = new ArrayList<>();
        for (JsonObject duty : document.nodes(rule, property)) {
            String actions = clauses.actions(duty);
            if (!compensates(duty)) {
                report.unmapped(source, actions, "duties other than compensate are not observable in access events");
                continue;
            }
            Limits.Builder gathered = new Limits.Builder();
            document.nodes(duty, ODRL + "constraint").forEach(c -> constraints.read(c, gathered));
            for (var action : document.values(duty, ODRL + "action")) {
                JsonObject node = document.node(action);
                if (node != null) {
                    document.nodes(node, ODRL + "refinement").forEach(c -> constraints.read(c, gathered));
                }
            }
            Limits limits = gathered.build();
            limits.unmapped().forEach(u -> report.unmapped(source, u, "not part of a price Termsguard can apply"));
            if (limits.amount() == null || limits.currency() == null) {
                report.unmapped(source, actions, "a compensate duty needs payAmount with a currency unit");
                continue;
            }
            String per = document.literal(duty, TG + "per").orElse(null);
            compensations.add(new Compensation(
                    limits.amount(),
                    limits.currency(),
                    limits.period(),
                    per,
                    limits.amount().toPlainString() + " " + limits.currency() + (per == null ? "" : " per " + per)));
        }
        return compensations;
    }

    /**
     * Whether one of the duty's actions is {@code compensate}. Unlike a rule's action, a duty's action is taken by
     * its {@code @id} first and by its {@code rdf:value} only without one.
     */
    private boolean compensates(JsonObject duty) {
        return document.values(duty, ODRL + "action").stream()
                .map(a -> ExpandedJsonLd.iri(a).or(() -> Optional.ofNullable(document.node(a))
                        .flatMap(n -> document.first(n, OdrlIris.RDF_VALUE))
                        .flatMap(ExpandedJsonLd::iri)))
                .flatMap(Optional::stream)
                .anyMatch((ODRL + "compensate")::equals);
    }
}
