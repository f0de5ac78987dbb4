package org.termsguard.policy.imports;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.document.JsonDocument;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.policy.terms.LicenseStatus;
import org.termsguard.policy.terms.QuotaPeriod;
import org.termsguard.policy.terms.TermsDocument.Alias;
import org.termsguard.policy.terms.TermsDocument.License;
import org.termsguard.policy.terms.TermsDocument.ListPrice;
import org.termsguard.policy.terms.TermsDocument.Money;
import org.termsguard.policy.terms.TermsDocument.Price;
import org.termsguard.policy.terms.TermsDocument.Quota;
import org.termsguard.policy.terms.TermsDocument.Scope;

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
 */
public final class OdrlReader {

    static final String ODRL = "http://www.w3.org/ns/odrl/2/";
    static final String TG = "https://termsguard.org/ns/odrl#";
    static final String TDM = "http://www.w3.org/ns/tdmrep#";
    static final String RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value";
    static final String PER_THOUSAND = "1000 records";
    static final String PER_THOUSAND_OVER_QUOTA = "1000 records over quota";

    private static final Set<String> POLICY_TYPES =
            Set.of(ODRL + "Set", ODRL + "Offer", ODRL + "Agreement", ODRL + "Policy");
    private static final Set<String> OTHER_POLICY_TYPES =
            Set.of(ODRL + "Request", ODRL + "Ticket", ODRL + "Assertion", ODRL + "Privacy");
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
    private static final Map<String, String> CURRENCIES = Map.of(
            "http://dbpedia.org/resource/United_States_dollar", "USD",
            "http://dbpedia.org/resource/Euro", "EUR",
            "http://dbpedia.org/resource/Pound_sterling", "GBP",
            "http://dbpedia.org/resource/Japanese_yen", "JPY",
            "http://dbpedia.org/resource/Swiss_franc", "CHF");
    private static final Set<String> DESCRIPTIVE = Set.of(
            "http://purl.org/dc/terms/",
            "http://purl.org/dc/elements/1.1/",
            "http://www.w3.org/2000/01/rdf-schema#",
            "http://www.w3.org/2004/02/skos/core#");
    private static final Set<String> POLICY_KEYS = Set.of(
            "@id",
            "@type",
            ODRL + "uid",
            ODRL + "permission",
            ODRL + "prohibition",
            ODRL + "obligation",
            ODRL + "profile",
            ODRL + "assigner",
            ODRL + "assignee",
            ODRL + "target",
            ODRL + "conflict",
            TG + "displayName",
            TG + "noticeContact",
            TG + "robotsTxt",
            TG + "aliases",
            TG + "termsVersion",
            TG + "effectiveFrom");
    private static final Set<String> RULE_KEYS = Set.of(
            "@id",
            "@type",
            ODRL + "uid",
            ODRL + "target",
            ODRL + "action",
            ODRL + "assignee",
            ODRL + "assigner",
            ODRL + "constraint",
            ODRL + "duty",
            ODRL + "remedy",
            TG + "tier",
            TG + "status");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OdrlContexts CONTEXTS = new OdrlContexts();

    private final ImportedTerms terms = new ImportedTerms(ImportFormat.ODRL);
    private final ImportReport report = terms.report();
    private final Map<String, JsonObject> nodesById = new HashMap<>();
    private final Instant importedAt;

    private OdrlReader(Instant importedAt) {
        this.importedAt = importedAt;
    }

    /**
     * @param importedAt when a license that states no start is taken to start
     */
    public static ImportedTerms read(String json, Instant importedAt) {
        OdrlReader reader = new OdrlReader(importedAt);
        reader.readPolicies(expand(json));
        return reader.terms;
    }

    private static JsonArray expand(String json) {
        try {
            return JsonLd.expand(JsonDocument.of(new StringReader(json)))
                    .loader(CONTEXTS)
                    .get();
        } catch (JsonLdError e) {
            Throwable cause = e;
            while (cause.getCause() instanceof JsonLdError deeper) {
                cause = deeper;
            }
            throw new UnreadableDocument("not ODRL JSON-LD: " + cause.getMessage(), e);
        } catch (RuntimeException e) {
            // Titanium reports some malformed input (e.g. a number where a context is due) unchecked.
            throw new UnreadableDocument("not ODRL JSON-LD: " + e.getMessage(), e);
        }
    }

    private void readPolicies(JsonArray expanded) {
        List<JsonObject> policies = new ArrayList<>();
        for (JsonValue value : expanded) {
            if (value instanceof JsonObject node) {
                index(node);
                Set<String> types = types(node);
                if (types.stream().anyMatch(POLICY_TYPES::contains)) {
                    policies.add(node);
                } else if (types.stream().anyMatch(OTHER_POLICY_TYPES::contains)) {
                    report.unmapped(
                            label(node, "policy"),
                            String.join(", ", types),
                            "a Request, Ticket, Assertion or Privacy policy states no owner's terms");
                }
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

    private void index(JsonObject node) {
        if (node.containsKey("@id") && node.size() > 1) {
            nodesById.putIfAbsent(node.getString("@id"), node);
        }
        node.values().forEach(this::walk);
    }

    private void walk(JsonValue value) {
        if (value instanceof JsonArray array) {
            array.forEach(this::walk);
        } else if (value instanceof JsonObject o && !o.containsKey("@value")) {
            if (o.containsKey("@list")) {
                walk(o.get("@list"));
            } else {
                index(o);
            }
        }
    }

    private void readPolicy(JsonObject policy) {
        String where = label(policy, "policy");
        String type = types(policy).stream()
                .filter(POLICY_TYPES::contains)
                .findFirst()
                .orElseThrow()
                .substring(ODRL.length());
        String policySource = "ODRL " + type + " " + where;
        unknownKeys(policy, POLICY_KEYS, policySource);
        iris(policy, ODRL + "assigner")
                .forEach(assigner -> report.mapped(policySource, "assigner " + assigner, "read as the owner"));
        literal(policy, TG + "displayName").ifPresent(v -> terms.displayName(v, policySource, "displayName"));
        literal(policy, TG + "noticeContact").ifPresent(v -> terms.noticeContact(v, policySource, "noticeContact"));
        literal(policy, TG + "robotsTxt").ifPresent(v -> terms.robotsTxt(v, policySource + " robotsTxt"));
        jsonLiteral(policy, TG + "aliases").ifPresent(v -> aliases(v, policySource));
        iris(policy, ODRL + "conflict")
                .forEach(c -> report.mapped(
                        policySource,
                        "conflict " + c,
                        "Termsguard resolves every conflict by the most restrictive preference"));

        List<String> policyAssignees = iris(policy, ODRL + "assignee");
        List<JsonValue> policyTargets = values(policy, ODRL + "target");
        int i = 0;
        for (JsonObject rule : nodes(policy, ODRL + "permission")) {
            permission(rule, policySource + " permission[" + i++ + "]", type, policyAssignees, policyTargets);
        }
        i = 0;
        for (JsonObject rule : nodes(policy, ODRL + "prohibition")) {
            prohibition(rule, policySource + " prohibition[" + i++ + "]", policyAssignees);
        }
        i = 0;
        for (JsonObject duty : nodes(policy, ODRL + "obligation")) {
            report.unmapped(
                    policySource + " obligation[" + i++ + "]",
                    actionsText(duty),
                    "obligations (duties owed regardless of use) are not observable in access events");
        }
    }

    private void permission(
            JsonObject rule,
            String source,
            String policyType,
            List<String> policyAssignees,
            List<JsonValue> policyTargets) {
        unknownKeys(rule, RULE_KEYS, source);
        String clause = clause(rule);
        Limits limits = new Limits(source);
        Set<Purpose> purposes = purposes(rule, limits, source);
        if (purposes.isEmpty()) {
            return;
        }
        List<String> assignees = iris(rule, ODRL + "assignee");
        if (assignees.isEmpty()) {
            assignees = policyAssignees;
        }
        List<Duty> duties = duties(rule, ODRL + "duty", source);
        if (assignees.isEmpty()) {
            if (!limits.unmapped.isEmpty()) {
                report.unmapped(
                        source,
                        clause,
                        "not applied: a free use limited by " + String.join("; ", limits.unmapped)
                                + " cannot be told apart from unlimited use");
                return;
            }
            Optional<Duty> price =
                    duties.stream().filter(d -> d.perThousand() == null).findFirst();
            boolean offered = price.isPresent() || policyType.equals("Offer") && !duties.isEmpty();
            for (Purpose purpose : purposes) {
                terms.prefer(purpose, !offered, source, clause);
            }
            duties.stream()
                    .filter(d -> PER_THOUSAND.equals(d.perThousand()))
                    .findFirst()
                    .ifPresent(d ->
                            terms.listPrice(new ListPrice(d.amount(), d.currency()), source, "compensate " + d.text()));
            price.ifPresent(d -> report.unmapped(
                    source,
                    "compensate " + d.text(),
                    "the price of a license is not a price per record; set the list price with a compensate duty"
                            + " per \"" + PER_THOUSAND + "\" (" + TG + "per)"));
            return;
        }
        limits.unmapped.forEach(u -> report.unmapped(
                source, u, "not enforced: the license is read as broader than written, so no lawful use is flagged"));
        List<String> uriPrefixes = new ArrayList<>();
        List<JsonValue> targets =
                values(rule, ODRL + "target").isEmpty() ? policyTargets : values(rule, ODRL + "target");
        for (JsonValue target : targets) {
            String iri = iri(target).orElse(null);
            if (iri != null && (iri.startsWith("https://") || iri.startsWith("http://"))) {
                uriPrefixes.add(iri);
            } else if (iri == null || !iri.startsWith("urn:termsguard:owner:")) {
                report.unmapped(
                        source,
                        "target " + (iri == null ? target.toString() : iri),
                        "only http(s) URL prefixes can be matched against events; the license covers all of the"
                                + " owner's data");
            }
        }
        Price price = null;
        Money overage = null;
        for (Duty duty : duties) {
            if (duty.perThousand() == null) {
                price = new Price(
                        duty.amount(),
                        duty.currency(),
                        duty.period() == null ? null : duty.period().iso());
            } else if (duty.perThousand().equals(PER_THOUSAND_OVER_QUOTA)) {
                overage = new Money(duty.amount(), duty.currency());
            } else {
                report.unmapped(
                        source,
                        "compensate " + duty.text(),
                        "per \"" + duty.perThousand() + "\" is not understood; use \"" + PER_THOUSAND_OVER_QUOTA
                                + "\" for overage");
            }
        }
        Quota quota = null;
        if (limits.count != null) {
            QuotaPeriod period = limits.period == null ? QuotaPeriod.MONTH : limits.period;
            if (limits.period == null) {
                report.mapped(source, "count " + limits.count, "quota per month (no timeInterval was given)");
            }
            quota = new Quota(limits.count, period);
        } else if (limits.period != null) {
            report.unmapped(source, "timeInterval " + limits.period.iso(), "a period without a count sets no quota");
        }
        LicenseStatus status =
                literal(rule, TG + "status").flatMap(OdrlReader::status).orElse(LicenseStatus.ACTIVE);
        String tier = literal(rule, TG + "tier").orElse(null);
        Instant validFrom = limits.from;
        if (validFrom == null) {
            validFrom = importedAt;
            report.mapped(source, "(no dateTime start)", "validFrom: the import's effectiveFrom, " + importedAt);
        }
        for (String assignee : assignees) {
            String licensee = partyId(assignee);
            String base = ruleId(rule).orElse(label(rule, "permission").replaceAll("[^A-Za-z0-9._-]", "-"));
            String licenseId = assignees.size() == 1 ? base : base + "-" + licensee;
            License license = new License(
                    licenseId,
                    licensee,
                    tier,
                    List.copyOf(purposes),
                    limits.kinds.isEmpty() && uriPrefixes.isEmpty() ? null : new Scope(limits.kinds, uriPrefixes),
                    quota,
                    price,
                    overage,
                    validFrom,
                    limits.until,
                    status);
            var errors = org.termsguard.policy.terms.TermsValidation.license(license);
            if (errors.isEmpty()) {
                terms.grant(license, source, clause + " assignee " + assignee);
            } else {
                report.unmapped(
                        source,
                        clause + " assignee " + assignee,
                        "not a valid license: "
                                + String.join(
                                        "; ",
                                        errors.stream()
                                                .map(e -> e.field() + " " + e.message())
                                                .toList()));
            }
        }
    }

    private void prohibition(JsonObject rule, String source, List<String> policyAssignees) {
        unknownKeys(rule, RULE_KEYS, source);
        String clause = clause(rule);
        Limits limits = new Limits(source);
        Set<Purpose> purposes = purposes(rule, limits, source);
        if (purposes.isEmpty()) {
            return;
        }
        List<String> assignees = iris(rule, ODRL + "assignee");
        if (!assignees.isEmpty() || !policyAssignees.isEmpty()) {
            report.unmapped(
                    source,
                    clause,
                    "a prohibition for named consumers is not modelled: Termsguard flags any use a license does not"
                            + " grant, so grant those consumers narrower licenses instead");
            return;
        }
        if (!limits.unmapped.isEmpty()) {
            report.unmapped(
                    source,
                    clause,
                    "not applied: the prohibition is limited by " + String.join("; ", limits.unmapped)
                            + ", which access events cannot show");
            return;
        }
        for (Purpose purpose : purposes) {
            terms.prefer(purpose, false, source, clause);
        }
        for (Duty remedy : duties(rule, ODRL + "remedy", source)) {
            if (PER_THOUSAND.equals(remedy.perThousand())) {
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

    /** The purposes a rule's actions and purpose constraints come to; reports what cannot be mapped. */
    private Set<Purpose> purposes(JsonObject rule, Limits limits, String source) {
        Set<Purpose> base = EnumSet.noneOf(Purpose.class);
        for (JsonValue action : values(rule, ODRL + "action")) {
            JsonObject node = node(action);
            String iri = iri(action)
                    .filter(id -> node == null || !node.containsKey(RDF_VALUE))
                    .or(() -> node == null
                            ? Optional.empty()
                            : first(node, RDF_VALUE).flatMap(OdrlReader::iri))
                    .orElse(null);
            if (node != null) {
                nodes(node, ODRL + "refinement").forEach(refinement -> limits.constraint(refinement, this));
            }
            Set<Purpose> mapped = iri == null ? null : ACTIONS.get(iri);
            if (mapped == null) {
                report.unmapped(
                        source,
                        "action " + (iri == null ? action.toString() : iri),
                        "Termsguard observes uses of data (display, search, analytics, AI training...), not this"
                                + " action");
            } else {
                base.addAll(mapped);
            }
        }
        nodes(rule, ODRL + "constraint").forEach(c -> limits.constraint(c, this));
        if (base.isEmpty()) {
            return base;
        }
        Set<Purpose> result = EnumSet.noneOf(Purpose.class);
        if (limits.purposes != null) {
            for (Purpose p : limits.purposes) {
                if (base.stream().anyMatch(b -> b.covers(p))) {
                    result.add(p);
                } else {
                    report.unmapped(
                            source,
                            "purpose " + p.token(),
                            "outside " + actionsText(rule) + ", so the rule does not reach it");
                }
            }
        } else {
            result.addAll(base);
        }
        if (!limits.excluded.isEmpty()) {
            Set<Purpose> expanded = EnumSet.noneOf(Purpose.class);
            for (Purpose p : result) {
                if (p == Purpose.ALL) {
                    expanded.addAll(CONCRETE);
                } else if (p == Purpose.AI_ALL) {
                    expanded.addAll(AI);
                } else {
                    expanded.add(p);
                }
            }
            expanded.removeAll(limits.excluded);
            expanded.remove(Purpose.UNKNOWN);
            result = expanded;
        }
        if (result.isEmpty()) {
            report.unmapped(source, clause(rule), "no purpose is left once the action and its constraints meet");
        }
        return result;
    }

    private record Duty(BigDecimal amount, String currency, QuotaPeriod period, String perThousand, String text) {}

    private List<Duty> duties(JsonObject rule, String property, String source) {
        List<Duty> duties = new ArrayList<>();
        for (JsonObject duty : nodes(rule, property)) {
            String actions = actionsText(duty);
            boolean compensate = values(duty, ODRL + "action").stream()
                    .map(a -> iri(a).or(() -> Optional.ofNullable(node(a))
                            .flatMap(n -> first(n, RDF_VALUE))
                            .flatMap(OdrlReader::iri)))
                    .flatMap(Optional::stream)
                    .anyMatch((ODRL + "compensate")::equals);
            if (!compensate) {
                report.unmapped(source, actions, "duties other than compensate are not observable in access events");
                continue;
            }
            Limits limits = new Limits(source);
            nodes(duty, ODRL + "constraint").forEach(c -> limits.constraint(c, this));
            for (JsonValue action : values(duty, ODRL + "action")) {
                JsonObject node = node(action);
                if (node != null) {
                    nodes(node, ODRL + "refinement").forEach(c -> limits.constraint(c, this));
                }
            }
            limits.unmapped.forEach(u -> report.unmapped(source, u, "not part of a price Termsguard can apply"));
            if (limits.amount == null || limits.currency == null) {
                report.unmapped(source, actions, "a compensate duty needs payAmount with a currency unit");
                continue;
            }
            String per = literal(duty, TG + "per").orElse(null);
            duties.add(new Duty(
                    limits.amount,
                    limits.currency,
                    limits.period,
                    per,
                    limits.amount.toPlainString() + " " + limits.currency + (per == null ? "" : " per " + per)));
        }
        return duties;
    }

    /** What a rule's constraints say, as far as Termsguard's terms can hold it. */
    private static final class Limits {
        final String source;
        Set<Purpose> purposes;
        final Set<Purpose> excluded = EnumSet.noneOf(Purpose.class);
        Long count;
        QuotaPeriod period;
        Instant from;
        Instant until;
        final List<String> kinds = new ArrayList<>();
        BigDecimal amount;
        String currency;
        final List<String> unmapped = new ArrayList<>();

        Limits(String source) {
            this.source = source;
        }

        void constraint(JsonObject node, OdrlReader reader) {
            for (String logical : List.of("and", "andSequence")) {
                List<JsonObject> operands = reader.nodes(node, ODRL + logical);
                if (!operands.isEmpty()) {
                    operands.forEach(o -> constraint(o, reader));
                    return;
                }
            }
            for (String logical : List.of("or", "xone")) {
                List<JsonObject> operands = reader.nodes(node, ODRL + logical);
                if (!operands.isEmpty()) {
                    alternatives(logical, operands, reader);
                    return;
                }
            }
            atomic(node, reader);
        }

        private void alternatives(String logical, List<JsonObject> operands, OdrlReader reader) {
            Set<Purpose> union = EnumSet.noneOf(Purpose.class);
            for (JsonObject operand : operands) {
                Limits alone = new Limits(source);
                alone.constraint(operand, reader);
                if (alone.purposes == null || !alone.onlyPurposes()) {
                    unmapped.add(logical + " over " + reader.describe(operand)
                            + " (only alternatives between purposes can be expressed: a license has one quota and"
                            + " one validity)");
                    return;
                }
                union.addAll(alone.purposes);
            }
            narrowTo(union);
        }

        private boolean onlyPurposes() {
            return excluded.isEmpty()
                    && count == null
                    && period == null
                    && from == null
                    && until == null
                    && kinds.isEmpty()
                    && amount == null
                    && unmapped.isEmpty();
        }

        private void narrowTo(Set<Purpose> allowed) {
            if (purposes == null) {
                purposes = EnumSet.noneOf(Purpose.class);
                purposes.addAll(allowed);
            } else {
                purposes.retainAll(allowed);
            }
        }

        private void atomic(JsonObject node, OdrlReader reader) {
            String left = reader.first(node, ODRL + "leftOperand")
                    .flatMap(OdrlReader::iri)
                    .orElse(null);
            String operator = reader.first(node, ODRL + "operator")
                    .flatMap(OdrlReader::iri)
                    .map(o -> o.startsWith(ODRL) ? o.substring(ODRL.length()) : o)
                    .map(o -> o.equals("neg") ? "neq" : o)
                    .orElse(null);
            List<String> rights = reader.values(node, ODRL + "rightOperand").stream()
                    .map(v ->
                            OdrlReader.iri(v).or(() -> OdrlReader.literalOf(v)).orElse(v.toString()))
                    .toList();
            String text = reader.describe(node);
            if (left == null || operator == null || rights.isEmpty()) {
                unmapped.add(text + " (a constraint needs leftOperand, operator and rightOperand)");
                return;
            }
            String name = left.startsWith(ODRL) ? left.substring(ODRL.length()) : left;
            try {
                switch (name) {
                    case "purpose" -> purpose(operator, rights, text);
                    case "count" -> count(operator, rights, text);
                    case "dateTime" -> dateTime(operator, rights, text);
                    case "timeInterval" -> {
                        Optional<QuotaPeriod> p = QuotaPeriod.ofIso(rights.get(0));
                        if (operator.equals("eq") && p.isPresent()) {
                            period = p.get();
                        } else {
                            unmapped.add(text + " (timeInterval must be eq P1D, P1M or P1Y)");
                        }
                    }
                    case "payAmount" -> {
                        if (!operator.equals("eq") && !operator.equals("lteq")) {
                            unmapped.add(text + " (payAmount must be eq)");
                            return;
                        }
                        amount = new BigDecimal(rights.get(0));
                        currency = reader.first(node, ODRL + "unit")
                                .flatMap(u -> OdrlReader.iri(u).or(() -> OdrlReader.literalOf(u)))
                                .map(OdrlReader::currency)
                                .orElse(null);
                    }
                    case "spatial", "spatialCoordinates", "virtualLocation" ->
                        unmapped.add(text + " (access events carry no location)");
                    case "recipient" ->
                        unmapped.add(text + " (access events name the consumer, not who receives the data)");
                    default -> {
                        if (left.equals(TG + "resourceKind")
                                && Set.of("eq", "isAnyOf").contains(operator)) {
                            kinds.addAll(rights);
                        } else {
                            unmapped.add(text + " (" + name + " is not something access events show)");
                        }
                    }
                }
            } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
                // e.g. a count of 1.5 or 1e400, a date that is not RFC 3339: the clause is reported, not applied.
                unmapped.add(text + " (the right operand cannot be read: " + e.getMessage() + ")");
            }
        }

        private void purpose(String operator, List<String> rights, String text) {
            Set<Purpose> named = new LinkedHashSet<>();
            for (String right : rights) {
                Optional<Purpose> purpose = purposeOf(right);
                if (purpose.isEmpty()) {
                    unmapped.add(text + " ('" + right + "' is not a purpose Termsguard knows)");
                    return;
                }
                named.add(purpose.get());
            }
            switch (operator) {
                case "eq", "isA", "isPartOf", "isAnyOf" -> narrowTo(named);
                case "isAllOf" -> {
                    if (named.size() == 1) {
                        narrowTo(named);
                    } else {
                        unmapped.add(text + " (an event has one purpose, so it can never be all of several)");
                    }
                }
                case "neq", "isNoneOf" -> excluded.addAll(named);
                default -> unmapped.add(text + " (" + operator + " does not apply to purposes)");
            }
        }

        private void count(String operator, List<String> rights, String text) {
            long n = new BigDecimal(rights.get(0)).longValueExact();
            switch (operator) {
                case "lteq" -> count = n;
                case "lt" -> count = n - 1;
                default -> unmapped.add(text + " (a quota is an upper bound: lteq or lt)");
            }
        }

        private void dateTime(String operator, List<String> rights, String text) {
            Instant at = OffsetDateTime.parse(rights.get(0)).toInstant();
            switch (operator) {
                case "gteq", "gt" -> from = at;
                case "lteq" -> until = at;
                case "lt" -> until = at.minusNanos(1);
                default -> unmapped.add(text + " (a validity needs gteq/gt for its start, lteq/lt for its end)");
            }
        }
    }

    static Optional<Purpose> purposeOf(String value) {
        String token = value;
        int cut = Math.max(value.lastIndexOf('#'), Math.max(value.lastIndexOf('/'), value.lastIndexOf(':')));
        if (cut >= 0 && cut < value.length() - 1) {
            token = value.substring(cut + 1);
        }
        return Purpose.fromToken(token);
    }

    static String currency(String unit) {
        String known = CURRENCIES.get(unit);
        if (known != null) {
            return known;
        }
        String code = unit.substring(
                Math.max(unit.lastIndexOf('/'), Math.max(unit.lastIndexOf('#'), unit.lastIndexOf(':'))) + 1);
        return code.matches("[A-Za-z]{3}") ? code.toUpperCase(Locale.ROOT) : null;
    }

    private static Optional<LicenseStatus> status(String value) {
        for (LicenseStatus status : LicenseStatus.values()) {
            if (status.name().equalsIgnoreCase(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** A consumer id from a party IRI: the last path segment, or the host when there is none. */
    static String partyId(String iri) {
        String trimmed = iri.replaceAll("[/#]+$", "");
        int cut = Math.max(trimmed.lastIndexOf('/'), Math.max(trimmed.lastIndexOf('#'), trimmed.lastIndexOf(':')));
        String tail = cut >= 0 ? trimmed.substring(cut + 1) : trimmed;
        return tail.toLowerCase(Locale.ROOT);
    }

    private Optional<String> ruleId(JsonObject rule) {
        return id(rule).filter(id -> !id.startsWith("_:")).map(id -> {
            int cut = Math.max(id.lastIndexOf('/'), Math.max(id.lastIndexOf('#'), id.lastIndexOf(':')));
            return id.substring(cut + 1);
        });
    }

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

    private void unknownKeys(JsonObject node, Set<String> known, String source) {
        for (String key : node.keySet()) {
            if (!known.contains(key) && DESCRIPTIVE.stream().noneMatch(key::startsWith)) {
                report.unmapped(source, key, "not an ODRL 2.2 property Termsguard reads here");
            }
        }
    }

    // --- reading expanded JSON-LD ---

    private static Optional<String> id(JsonObject node) {
        if (node.containsKey("@id")) {
            return Optional.of(node.getString("@id"));
        }
        JsonValue uid = node.get(ODRL + "uid");
        if (uid instanceof JsonArray array && !array.isEmpty()) {
            return iri(array.get(0)).or(() -> literalOf(array.get(0)));
        }
        return Optional.empty();
    }

    private String label(JsonObject node, String kind) {
        return id(node).filter(id -> !id.startsWith("_:")).orElse("(" + kind + " without uid)");
    }

    private static Set<String> types(JsonObject node) {
        Set<String> types = new LinkedHashSet<>();
        JsonValue type = node.get("@type");
        if (type instanceof JsonArray array) {
            array.forEach(t -> types.add(((JsonString) t).getString()));
        } else if (type instanceof JsonString s) {
            types.add(s.getString());
        }
        return types;
    }

    /** Every value of a property, with {@code @list}s opened. */
    List<JsonValue> values(JsonObject node, String property) {
        JsonValue value = node.get(property);
        List<JsonValue> values = new ArrayList<>();
        if (value instanceof JsonArray array) {
            for (JsonValue v : array) {
                if (v instanceof JsonObject o && o.containsKey("@list")) {
                    values.addAll(o.getJsonArray("@list"));
                } else {
                    values.add(v);
                }
            }
        }
        return values;
    }

    Optional<JsonValue> first(JsonObject node, String property) {
        List<JsonValue> values = values(node, property);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Values that are nodes, whether embedded or referenced by {@code @id} elsewhere in the document. */
    List<JsonObject> nodes(JsonObject node, String property) {
        List<JsonObject> nodes = new ArrayList<>();
        for (JsonValue v : values(node, property)) {
            JsonObject resolved = node(v);
            if (resolved != null) {
                nodes.add(resolved);
            }
        }
        return nodes;
    }

    private JsonObject node(JsonValue value) {
        if (!(value instanceof JsonObject o) || o.containsKey("@value")) {
            return null;
        }
        if (o.size() == 1 && o.containsKey("@id")) {
            return nodesById.get(o.getString("@id"));
        }
        return o;
    }

    private List<String> iris(JsonObject node, String property) {
        return values(node, property).stream()
                .map(OdrlReader::iri)
                .flatMap(Optional::stream)
                .toList();
    }

    private Optional<String> literal(JsonObject node, String property) {
        return first(node, property).flatMap(OdrlReader::literalOf);
    }

    private Optional<JsonValue> jsonLiteral(JsonObject node, String property) {
        return first(node, property)
                .filter(v -> v instanceof JsonObject o && o.containsKey("@value"))
                .map(v -> ((JsonObject) v).get("@value"));
    }

    static Optional<String> iri(JsonValue value) {
        if (value instanceof JsonObject o && o.containsKey("@id")) {
            return Optional.of(o.getString("@id"));
        }
        return Optional.empty();
    }

    static Optional<String> literalOf(JsonValue value) {
        if (value instanceof JsonObject o && o.containsKey("@value")) {
            JsonValue v = o.get("@value");
            return Optional.of(v instanceof JsonString s ? s.getString() : v.toString());
        }
        return Optional.empty();
    }

    private String clause(JsonObject rule) {
        return actionsText(rule)
                + (values(rule, ODRL + "constraint").isEmpty()
                        ? ""
                        : " where "
                                + String.join(
                                        " and ",
                                        nodes(rule, ODRL + "constraint").stream()
                                                .map(this::describe)
                                                .toList()));
    }

    private String actionsText(JsonObject rule) {
        List<String> actions = new ArrayList<>();
        for (JsonValue action : values(rule, ODRL + "action")) {
            JsonObject node = node(action);
            Optional<String> iri = iri(action)
                    .filter(id -> node == null || !node.containsKey(RDF_VALUE))
                    .or(() -> node == null
                            ? Optional.empty()
                            : first(node, RDF_VALUE).flatMap(OdrlReader::iri));
            actions.add(iri.map(OdrlReader::shortName).orElse(action.toString()));
        }
        return "action " + String.join(", ", actions);
    }

    /** A constraint as a person would write it: {@code purpose isAnyOf ai-train, search}. */
    String describe(JsonObject constraint) {
        for (String logical : List.of("and", "andSequence", "or", "xone")) {
            List<JsonObject> operands = nodes(constraint, ODRL + logical);
            if (!operands.isEmpty()) {
                return "("
                        + String.join(
                                " " + logical + " ",
                                operands.stream().map(this::describe).toList()) + ")";
            }
        }
        String left = first(constraint, ODRL + "leftOperand")
                .flatMap(OdrlReader::iri)
                .map(OdrlReader::shortName)
                .orElse("?");
        String operator = first(constraint, ODRL + "operator")
                .flatMap(OdrlReader::iri)
                .map(OdrlReader::shortName)
                .orElse("?");
        String right = String.join(
                ", ",
                values(constraint, ODRL + "rightOperand").stream()
                        .map(v -> iri(v).or(() -> literalOf(v)).orElse(v.toString()))
                        .toList());
        return left + " " + operator + " " + right;
    }

    private static String shortName(String iri) {
        if (iri.startsWith(ODRL)) {
            return iri.substring(ODRL.length());
        }
        if (iri.startsWith(TDM)) {
            return "tdm:" + iri.substring(TDM.length());
        }
        if (iri.startsWith(TG)) {
            return "tg:" + iri.substring(TG.length());
        }
        return iri;
    }
}
