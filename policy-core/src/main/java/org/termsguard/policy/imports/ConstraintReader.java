package org.termsguard.policy.imports;

import static org.termsguard.policy.imports.OdrlIris.ODRL;
import static org.termsguard.policy.imports.OdrlIris.TG;

import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.policy.terms.QuotaPeriod;

/**
 * Reads constraints and refinements into {@link Limits}. An atomic constraint (ODRL 2.2 Information Model §2.5.1) is
 * mapped by its left operand: {@code purpose}, {@code count}, {@code dateTime}, {@code timeInterval},
 * {@code payAmount} with its {@code unit} (ODRL 2.2 Vocabulary, Constraint Left Operands) and Termsguard's
 * {@code tg:resourceKind}. A logical constraint (§2.5.2): {@code and} and {@code andSequence} apply every operand, as
 * separate constraints would; {@code or} and {@code xone} are mapped only when every operand constrains the purpose
 * alone, since an event has one purpose (so exactly-one and at-least-one agree) and a license has one quota and one
 * validity. Every constraint that cannot be held is added to the limits' unmapped ones with the reason, never
 * dropped.
 */
final class ConstraintReader {

    private static final Map<String, String> CURRENCIES = OdrlIris.CURRENCIES.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    private final ExpandedJsonLd document;
    private final OdrlClauses clauses;

    ConstraintReader(ExpandedJsonLd document, OdrlClauses clauses) {
        this.document = document;
        this.clauses = clauses;
    }

    /** Adds what one constraint, atomic or logical, says to {@code limits}. */
    void read(JsonObject constraint, Limits.Builder limits) {
        for (String logical : List.of("and", "andSequence")) {
            List<JsonObject> operands = document.nodes(constraint, ODRL + logical);
            if (!operands.isEmpty()) {
                operands.forEach(o -> read(o, limits));
                return;
            }
        }
        for (String logical : List.of("or", "xone")) {
            List<JsonObject> operands = document.nodes(constraint, ODRL + logical);
            if (!operands.isEmpty()) {
                alternatives(logical, operands, limits);
                return;
            }
        }
        atomic(constraint, limits);
    }

    private void alternatives(String logical, List<JsonObject> operands, Limits.Builder limits) {
        Set<Purpose> union = EnumSet.noneOf(Purpose.class);
        for (JsonObject operand : operands) {
            Limits.Builder alone = new Limits.Builder();
            read(operand, alone);
            Limits read = alone.build();
            if (!read.onlyPurposes()) {
                limits.unmapped(logical + " over " + clauses.describe(operand)
                        + " (only alternatives between purposes can be expressed: a license has one quota and"
                        + " one validity)");
                return;
            }
            union.addAll(read.purposes());
        }
        limits.narrowTo(union);
    }

    private void atomic(JsonObject node, Limits.Builder limits) {
        String left = document.first(node, ODRL + "leftOperand")
                .flatMap(ExpandedJsonLd::iri)
                .orElse(null);
        String operator = document.first(node, ODRL + "operator")
                .flatMap(ExpandedJsonLd::iri)
                .map(OdrlIris::inOdrl)
                .map(o -> o.equals("neg") ? "neq" : o)
                .orElse(null);
        List<String> rights = clauses.rightOperands(node);
        String text = clauses.describe(node);
        if (left == null || operator == null || rights.isEmpty()) {
            limits.unmapped(text + " (a constraint needs leftOperand, operator and rightOperand)");
            return;
        }
        String name = OdrlIris.inOdrl(left);
        try {
            switch (name) {
                case "purpose" -> purpose(operator, rights, text, limits);
                case "count" -> count(operator, rights, text, limits);
                case "dateTime" -> dateTime(operator, rights, text, limits);
                case "timeInterval" -> {
                    Optional<QuotaPeriod> p = QuotaPeriod.ofIso(rights.get(0));
                    if (operator.equals("eq") && p.isPresent()) {
                        limits.period(p.get());
                    } else {
                        limits.unmapped(text + " (timeInterval must be eq P1D, P1M or P1Y)");
                    }
                }
                case "payAmount" -> {
                    if (!operator.equals("eq") && !operator.equals("lteq")) {
                        limits.unmapped(text + " (payAmount must be eq)");
                        return;
                    }
                    BigDecimal amount = new BigDecimal(rights.get(0));
                    String currency = document.first(node, ODRL + "unit")
                            .flatMap(u -> ExpandedJsonLd.iri(u).or(() -> ExpandedJsonLd.literalOf(u)))
                            .map(ConstraintReader::currency)
                            .orElse(null);
                    limits.payment(amount, currency);
                }
                case "spatial", "spatialCoordinates", "virtualLocation" ->
                    limits.unmapped(text + " (access events carry no location)");
                case "recipient" ->
                    limits.unmapped(text + " (access events name the consumer, not who receives the data)");
                default -> {
                    if (left.equals(TG + "resourceKind")
                            && Set.of("eq", "isAnyOf").contains(operator)) {
                        limits.kinds(rights);
                    } else {
                        limits.unmapped(text + " (" + name + " is not something access events show)");
                    }
                }
            }
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            // e.g. a count of 1.5 or 1e400, a date that is not RFC 3339: the clause is reported, not applied.
            limits.unmapped(text + " (the right operand cannot be read: " + e.getMessage() + ")");
        }
    }

    private static void purpose(String operator, List<String> rights, String text, Limits.Builder limits) {
        Set<Purpose> named = new LinkedHashSet<>();
        for (String right : rights) {
            Optional<Purpose> purpose = ActionPurposes.purposeOf(right);
            if (purpose.isEmpty()) {
                limits.unmapped(text + " ('" + right + "' is not a purpose Termsguard knows)");
                return;
            }
            named.add(purpose.get());
        }
        switch (operator) {
            case "eq", "isA", "isPartOf", "isAnyOf" -> limits.narrowTo(named);
            case "isAllOf" -> {
                if (named.size() == 1) {
                    limits.narrowTo(named);
                } else {
                    limits.unmapped(text + " (an event has one purpose, so it can never be all of several)");
                }
            }
            case "neq", "isNoneOf" -> limits.exclude(named);
            default -> limits.unmapped(text + " (" + operator + " does not apply to purposes)");
        }
    }

    private static void count(String operator, List<String> rights, String text, Limits.Builder limits) {
        long n = new BigDecimal(rights.get(0)).longValueExact();
        switch (operator) {
            case "lteq" -> limits.count(n);
            case "lt" -> limits.count(n - 1);
            default -> limits.unmapped(text + " (a quota is an upper bound: lteq or lt)");
        }
    }

    private static void dateTime(String operator, List<String> rights, String text, Limits.Builder limits) {
        Instant at = OffsetDateTime.parse(rights.get(0)).toInstant();
        switch (operator) {
            case "gteq", "gt" -> limits.from(at);
            case "lteq" -> limits.until(at);
            case "lt" -> limits.until(at.minusNanos(1));
            default -> limits.unmapped(text + " (a validity needs gteq/gt for its start, lteq/lt for its end)");
        }
    }

    /** The ISO 4217 code of a payment's unit: a DBpedia currency IRI, or a code as the unit's last segment. */
    static String currency(String unit) {
        String known = CURRENCIES.get(unit);
        if (known != null) {
            return known;
        }
        String code = OdrlIris.lastSegment(unit);
        return code.matches("[A-Za-z]{3}") ? code.toUpperCase(Locale.ROOT) : null;
    }
}
