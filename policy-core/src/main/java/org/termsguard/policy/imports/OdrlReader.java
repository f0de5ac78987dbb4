package org.termsguard.policy.imports;

import static org.termsguard.policy.imports.OdrlIris.ODRL;
import static org.termsguard.policy.imports.OdrlIris.TG;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.termsguard.policy.terms.TermsDocument.Alias;

/**
 * Reads ODRL 2.2 policies (Set, Offer, Agreement) after JSON-LD expansion, so compact IRIs, aliases from other
 * contexts and full IRIs all mean the same thing. The mapping:
 *
 * <ul>
 *   <li>a permission with an assignee → a license for that consumer: purposes from the action ({@code use} is
 *       every purpose, {@code tdm:mine} is ai-train and analytics...) narrowed by {@code purpose} constraints,
 *       quota from {@code count} and {@code timeInterval}, validity from {@code dateTime}, price from a
 *       {@code compensate} duty, scope from the targets;
 *   <li>a permission without an assignee → purposes anyone may use freely; with a {@code compensate} duty (an
 *       Offer) → purposes that need a license;
 *   <li>a prohibition without an assignee → purposes that need a license; its {@code compensate} remedy per 1,000
 *       records is the list price.
 * </ul>
 *
 * <p>A condition Termsguard cannot check is read so that lawful use is never flagged: a license is kept without it
 * (broader than written), a free permission or a prohibition limited by it is not applied. Either way the report
 * names it. Logical {@code or}/{@code xone} is mapped when its operands all constrain the purpose — an event has
 * one purpose, so exactly-one and at-least-one agree.
 *
 * <p>This class reads the policies themselves (ODRL 2.2 Information Model §2.1) and Termsguard's profile terms on
 * them; {@link PermissionReader} and {@link ProhibitionReader} read the rules, {@link ConstraintReader} their
 * constraints, {@link ActionPurposes} maps actions, and {@link ExpandedJsonLd} is the JSON-LD underneath.
 */
public final class OdrlReader {

    private static final Set<String> POLICY_TYPES =
            Set.of(ODRL + "Set", ODRL + "Offer", ODRL + "Agreement", ODRL + "Policy");
    private static final Set<String> OTHER_POLICY_TYPES =
            Set.of(ODRL + "Request", ODRL + "Ticket", ODRL + "Assertion", ODRL + "Privacy");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImportedTerms terms = new ImportedTerms(ImportFormat.ODRL);
    private final ImportReport report = terms.report();
    private final ExpandedJsonLd document;
    private final OdrlClauses clauses;
    private final PermissionReader permissions;
    private final ProhibitionReader prohibitions;

    private OdrlReader(ExpandedJsonLd document, Instant importedAt) {
        this.document = document;
        this.clauses = new OdrlClauses(document);
        ConstraintReader constraints = new ConstraintReader(document, clauses);
        RuleReader rules = new RuleReader(document, clauses, constraints, report);
        CompensationReader compensations = new CompensationReader(document, clauses, constraints, report);
        this.permissions = new PermissionReader(document, rules, compensations, terms, importedAt);
        this.prohibitions = new ProhibitionReader(document, rules, compensations, terms);
    }

    /**
     * @param importedAt when a license that states no start is taken to start
     * @throws UnreadableDocument when the text is not JSON-LD or holds no Set, Offer or Agreement
     */
    public static ImportedTerms read(String json, Instant importedAt) {
        OdrlReader reader = new OdrlReader(ExpandedJsonLd.expand(json), importedAt);
        reader.readPolicies();
        return reader.terms;
    }

    private void readPolicies() {
        List<JsonObject> policies = new ArrayList<>();
        for (JsonObject node : document.topLevel()) {
            Set<String> types = ExpandedJsonLd.types(node);
            if (types.stream().anyMatch(POLICY_TYPES::contains)) {
                policies.add(node);
            } else if (types.stream().anyMatch(OTHER_POLICY_TYPES::contains)) {
                report.unmapped(
                        ExpandedJsonLd.label(node, "policy"),
                        String.join(", ", types),
                        "a Request, Ticket, Assertion or Privacy policy states no owner's terms");
            }
        }
        if (policies.isEmpty()) {
            throw new UnreadableDocument(
                    "no ODRL policy found: a top-level node must have @type Set, Offer or Agreement (after JSON-LD"
                            + " expansion, " + ODRL + "Set...)");
        }
        for (JsonObject policy : policies) {
            readPolicy(policy);
        }
    }

    private void readPolicy(JsonObject policy) {
        String where = ExpandedJsonLd.label(policy, "policy");
        String type = ExpandedJsonLd.types(policy).stream()
                .filter(POLICY_TYPES::contains)
                .findFirst()
                .orElseThrow()
                .substring(ODRL.length());
        String policySource = "ODRL " + type + " " + where;
        OdrlProperties.POLICY.reportUnknown(policy, policySource, report);
        document.iris(policy, ODRL + "assigner")
                .forEach(assigner -> report.mapped(policySource, "assigner " + assigner, "read as the owner"));
        document.literal(policy, TG + "displayName").ifPresent(v -> terms.displayName(v, policySource, "displayName"));
        document.literal(policy, TG + "noticeContact")
                .ifPresent(v -> terms.noticeContact(v, policySource, "noticeContact"));
        document.literal(policy, TG + "robotsTxt").ifPresent(v -> terms.robotsTxt(v, policySource + " robotsTxt"));
        document.jsonLiteral(policy, TG + "aliases").ifPresent(v -> aliases(v, policySource));
        document.iris(policy, ODRL + "conflict")
                .forEach(c -> report.mapped(
                        policySource,
                        "conflict " + c,
                        "Termsguard resolves every conflict by the most restrictive preference"));

        List<String> policyAssignees = document.iris(policy, ODRL + "assignee");
        List<JsonValue> policyTargets = document.values(policy, ODRL + "target");
        int i = 0;
        for (JsonObject rule : document.nodes(policy, ODRL + "permission")) {
            permissions.read(rule, policySource + " permission[" + i++ + "]", type, policyAssignees, policyTargets);
        }
        i = 0;
        for (JsonObject rule : document.nodes(policy, ODRL + "prohibition")) {
            prohibitions.read(rule, policySource + " prohibition[" + i++ + "]", policyAssignees);
        }
        i = 0;
        for (JsonObject duty : document.nodes(policy, ODRL + "obligation")) {
            report.unmapped(
                    policySource + " obligation[" + i++ + "]",
                    clauses.actions(duty),
                    "obligations (duties owed regardless of use) are not observable in access events");
        }
    }

    /** Termsguard's {@code tg:aliases}: a JSON list of aliases, checked as an owner's posted aliases are. */
    private void aliases(JsonValue json, String source) {
        try {
            List<Alias> list = List.of(JSON.readValue(json.toString(), Alias[].class));
            var errors = org.termsguard.policy.terms.TermsValidation.aliases(list);
            if (errors.isEmpty()) {
                terms.aliases(list, source, TG + "aliases");
            } else {
                report.unmapped(source, TG + "aliases", "invalid aliases: " + errors);
            }
        } catch (JsonProcessingException e) {
            report.unmapped(source, TG + "aliases", "not a list of aliases: " + e.getOriginalMessage());
        }
    }
}
