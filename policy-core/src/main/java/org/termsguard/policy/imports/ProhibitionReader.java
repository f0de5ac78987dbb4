package org.termsguard.policy.imports;

import static org.termsguard.policy.imports.OdrlIris.ODRL;
import static org.termsguard.policy.imports.OdrlIris.PER_THOUSAND;
import static org.termsguard.policy.imports.OdrlIris.TG;

import jakarta.json.JsonObject;
import java.util.List;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.policy.terms.TermsDocument.ListPrice;

/**
 * Reads one prohibition (ODRL 2.2 Information Model §2.6.2) without an assignee as purposes that need a license; its
 * {@code compensate} remedy (§2.6.7) per {@link OdrlIris#PER_THOUSAND} is the list price. A prohibition for named
 * consumers is not modelled, and one limited by a condition access events cannot show is not applied: Termsguard
 * flags any use a license does not grant, so applying either could flag lawful use.
 */
final class ProhibitionReader {

    private final ExpandedJsonLd document;
    private final RuleReader rules;
    private final CompensationReader compensations;
    private final ImportedTerms terms;
    private final ImportReport report;

    ProhibitionReader(
            ExpandedJsonLd document, RuleReader rules, CompensationReader compensations, ImportedTerms terms) {
        this.document = document;
        this.rules = rules;
        this.compensations = compensations;
        this.terms = terms;
        this.report = terms.report();
    }

    /** @param policyAssignees the policy's assignees, which the prohibition inherits (§2.7.1) */
    void read(JsonObject node, String source, List<String> policyAssignees) {
        OdrlRule rule = rules.read(node, source);
        if (rule.purposes().isEmpty()) {
            return;
        }
        List<String> assignees = document.iris(node, ODRL + "assignee");
        if (!assignees.isEmpty() || !policyAssignees.isEmpty()) {
            report.unmapped(
                    source,
                    rule.clause(),
                    "a prohibition for named consumers is not modelled: Termsguard flags any use a license does not"
                            + " grant, so grant those consumers narrower licenses instead");
            return;
        }
        if (!rule.limits().unmapped().isEmpty()) {
            report.unmapped(
                    source,
                    rule.clause(),
                    "not applied: the prohibition is limited by "
                            + String.join("; ", rule.limits().unmapped()) + ", which access events cannot show");
            return;
        }
        for (Purpose purpose : rule.purposes()) {
            terms.prefer(purpose, false, source, rule.clause());
        }
        for (Compensation remedy : compensations.read(node, ODRL + "remedy", source)) {
            if (PER_THOUSAND.equals(remedy.per())) {
                terms.listPrice(
                        new ListPrice(remedy.amount(), remedy.currency()),
                        source,
                        "remedy compensate " + remedy.text());
            } else {
                report.unmapped(
                        source,
                        "remedy compensate " + remedy.text(),
                        "a remedy amount becomes the list price only when it is per \"" + PER_THOUSAND + "\" (" + TG
                                + "per)");
            }
        }
    }
}
