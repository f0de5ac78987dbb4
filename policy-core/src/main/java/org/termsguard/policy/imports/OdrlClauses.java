package org.termsguard.policy.imports;

import static org.termsguard.policy.imports.OdrlIris.ODRL;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * How the import report quotes a rule or a constraint: as a person would write it, with ODRL, TDMRep and Termsguard
 * IRIs shortened ({@code action use where purpose isAnyOf ai-train, search}). The owner reads these to see which
 * clause of their policy became which term, or why it did not.
 */
final class OdrlClauses {

    /** The operators of a logical constraint, ODRL 2.2 Information Model §2.5.2. */
    static final List<String> LOGICAL_OPERATORS = List.of("and", "andSequence", "or", "xone");

    private final ExpandedJsonLd document;

    OdrlClauses(ExpandedJsonLd document) {
        this.document = document;
    }

    /** A rule's actions and constraints: {@code action use where purpose eq ai-train and count lteq 10}. */
    String clause(JsonObject rule) {
        return actions(rule)
                + (document.values(rule, ODRL + "constraint").isEmpty()
                        ? ""
                        : " where "
                                + String.join(
                                        " and ",
                                        document.nodes(rule, ODRL + "constraint").stream()
                                                .map(this::describe)
                                                .toList()));
    }

    /** A rule's actions: {@code action display, tdm:mine}. */
    String actions(JsonObject rule) {
        List<String> actions = new ArrayList<>();
        for (JsonValue action : document.values(rule, ODRL + "action")) {
            actions.add(document.valueIri(action).map(OdrlIris::shortName).orElse(action.toString()));
        }
        return "action " + String.join(", ", actions);
    }

    /** A constraint as a person would write it: {@code purpose isAnyOf ai-train, search}. */
    String describe(JsonObject constraint) {
        for (String logical : LOGICAL_OPERATORS) {
            List<JsonObject> operands = document.nodes(constraint, ODRL + logical);
            if (!operands.isEmpty()) {
                return "("
                        + String.join(
                                " " + logical + " ",
                                operands.stream().map(this::describe).toList()) + ")";
            }
        }
        String left = document.first(constraint, ODRL + "leftOperand")
                .flatMap(ExpandedJsonLd::iri)
                .map(OdrlIris::shortName)
                .orElse("?");
        String operator = document.first(constraint, ODRL + "operator")
                .flatMap(ExpandedJsonLd::iri)
                .map(OdrlIris::shortName)
                .orElse("?");
        String right = String.join(", ", rightOperands(constraint));
        return left + " " + operator + " " + right;
    }

    /** A constraint's right operands as text: IRIs and literal values as written, anything else as JSON. */
    List<String> rightOperands(JsonObject constraint) {
        return document.values(constraint, ODRL + "rightOperand").stream()
                .map(v -> ExpandedJsonLd.iri(v)
                        .or(() -> ExpandedJsonLd.literalOf(v))
                        .orElse(v.toString()))
                .toList();
    }
}
