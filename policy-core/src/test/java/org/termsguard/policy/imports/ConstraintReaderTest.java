package org.termsguard.policy.imports;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.policy.terms.QuotaPeriod;

/** One constraint of a permission, written as a publisher would, and what of it the limits hold. */
class ConstraintReaderTest {

    static Stream<Arguments> constraints() {
        return Stream.of(
                row("a count is a quota's upper bound", atomic("count", "lteq", "10"), Limits::count, 10L),
                row("lt counts one fewer", atomic("count", "lt", "10"), Limits::count, 9L),
                row(
                        "a lower bound is no quota",
                        atomic("count", "gt", "10"),
                        Limits::unmapped,
                        List.of("count gt 10 (a quota is an upper bound: lteq or lt)")),
                row(
                        "a count must be whole",
                        atomic("count", "lteq", "1.5"),
                        Limits::unmapped,
                        List.of("count lteq 1.5 (the right operand cannot be read: Rounding necessary)")),
                row(
                        "isAnyOf narrows the purposes",
                        atomic("purpose", "isAnyOf", "[\"search\", \"ai-train\"]"),
                        Limits::purposes,
                        List.of(Purpose.AI_TRAIN, Purpose.SEARCH)),
                row(
                        "a purpose may be an IRI ending in its token",
                        atomic("purpose", "eq", "{\"@id\": \"https://example.org/purposes#ai-input\"}"),
                        Limits::purposes,
                        List.of(Purpose.AI_INPUT)),
                row(
                        "neq excludes a purpose",
                        atomic("purpose", "neq", "\"ai-train\""),
                        Limits::excluded,
                        List.of(Purpose.AI_TRAIN)),
                row(
                        "an event has one purpose",
                        atomic("purpose", "isAllOf", "[\"display\", \"search\"]"),
                        Limits::unmapped,
                        List.of("purpose isAllOf display, search (an event has one purpose, so it can never be all of"
                                + " several)")),
                row(
                        "an unknown purpose is reported",
                        atomic("purpose", "eq", "\"marketing\""),
                        Limits::unmapped,
                        List.of("purpose eq marketing ('marketing' is not a purpose Termsguard knows)")),
                row(
                        "gteq starts the validity",
                        atomic("dateTime", "gteq", "\"2026-01-01T00:00:00+01:00\""),
                        Limits::from,
                        Instant.parse("2025-12-31T23:00:00Z")),
                row(
                        "lt ends it just before",
                        atomic("dateTime", "lt", "\"2027-01-01T00:00:00Z\""),
                        Limits::until,
                        Instant.parse("2026-12-31T23:59:59.999999999Z")),
                row("a period", atomic("timeInterval", "eq", "\"P1D\""), Limits::period, QuotaPeriod.DAY),
                row(
                        "a period Termsguard has no quota for",
                        atomic("timeInterval", "eq", "\"P1W\""),
                        Limits::unmapped,
                        List.of("timeInterval eq P1W (timeInterval must be eq P1D, P1M or P1Y)")),
                row(
                        "a payment in a DBpedia currency, its amount as written",
                        "{\"leftOperand\": \"payAmount\", \"operator\": \"eq\", \"rightOperand\": 2.50,"
                                + " \"unit\": \"http://dbpedia.org/resource/Euro\"}",
                        l -> l.amount() + " " + l.currency(),
                        "2.50 EUR"),
                row(
                        "resource kinds scope the rule",
                        atomic("tg:resourceKind", "isAnyOf", "[\"posts\", \"videos\"]"),
                        Limits::kinds,
                        List.of("posts", "videos")),
                row(
                        "access events carry no location",
                        atomic("spatial", "eq", "\"US\""),
                        Limits::unmapped,
                        List.of("spatial eq US (access events carry no location)")),
                row(
                        "and applies every operand",
                        "{\"and\": [" + atomic("count", "lteq", "5") + ", " + atomic("timeInterval", "eq", "\"P1Y\"")
                                + "]}",
                        l -> l.count() + " " + l.period(),
                        "5 YEAR"),
                row(
                        "or between purposes is their union",
                        "{\"or\": [" + atomic("purpose", "eq", "\"search\"") + ", "
                                + atomic("purpose", "eq", "\"display\"") + "]}",
                        Limits::purposes,
                        List.of(Purpose.SEARCH, Purpose.DISPLAY)),
                row(
                        "or over anything else is not held",
                        "{\"xone\": [" + atomic("purpose", "eq", "\"search\"") + ", " + atomic("count", "lteq", "10")
                                + "]}",
                        Limits::unmapped,
                        List.of("xone over count lteq 10 (only alternatives between purposes can be expressed: a"
                                + " license has one quota and one validity)")),
                row(
                        "a constraint needs all three parts",
                        "{\"leftOperand\": \"count\", \"rightOperand\": 3}",
                        Limits::unmapped,
                        List.of("count ? 3 (a constraint needs leftOperand, operator and rightOperand)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constraints")
    void readsWhatTheLimitsCanHold(String why, String constraint, Function<Limits, Object> part, Object expected) {
        Object actual = part.apply(read(constraint));

        if (actual instanceof Iterable<?> iterable) {
            // In order: the report and the licenses list them as read.
            List<Object> items = new ArrayList<>();
            iterable.forEach(items::add);
            actual = items;
        }
        assertThat(actual).as(why).isEqualTo(expected);
    }

    @Test
    void onlyTheConstraintsThatCannotBeHeldAreReported() {
        Limits limits = read(atomic("count", "lteq", "3"), atomic("recipient", "eq", "\"x\""));

        assertThat(limits.count()).isEqualTo(3);
        assertThat(limits.unmapped())
                .containsExactly("recipient eq x (access events name the consumer, not who receives the data)");
    }

    @Test
    void aCurrencyIsAKnownIriOrAThreeLetterCode() {
        assertThat(ConstraintReader.currency("http://dbpedia.org/resource/Swiss_franc"))
                .isEqualTo("CHF");
        assertThat(ConstraintReader.currency("usd")).isEqualTo("USD");
        assertThat(ConstraintReader.currency("https://example.org/currency#gbp"))
                .isEqualTo("GBP");
        assertThat(ConstraintReader.currency("http://dbpedia.org/resource/Bitcoin"))
                .isNull();
    }

    private static Arguments row(String why, String constraint, Function<Limits, Object> part, Object expected) {
        return Arguments.of(why, constraint, part, expected);
    }

    private static String atomic(String left, String operator, String right) {
        return "{\"leftOperand\": \"" + left + "\", \"operator\": \"" + operator + "\", \"rightOperand\": " + right
                + "}";
    }

    /** Reads the constraints of one permission of a Set policy, as the ODRL reader does. */
    private static Limits read(String... constraints) {
        String policy = "{\"@context\": [\"http://www.w3.org/ns/odrl.jsonld\","
                + " {\"tg\": \"https://termsguard.org/ns/odrl#\"}], \"@type\": \"Set\","
                + " \"permission\": [{\"action\": \"use\", \"constraint\": [" + String.join(", ", constraints)
                + "]}]}";
        ExpandedJsonLd document = ExpandedJsonLd.expand(policy);
        ConstraintReader reader = new ConstraintReader(document, new OdrlClauses(document));
        JsonObject permission = document.nodes(document.topLevel().get(0), OdrlIris.ODRL + "permission")
                .get(0);
        Limits.Builder limits = new Limits.Builder();
        document.nodes(permission, OdrlIris.ODRL + "constraint").forEach(c -> reader.read(c, limits));
        return limits.build();
    }
}
