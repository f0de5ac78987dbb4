package org.termsguard.policy.imports;

import static org.termsguard.policy.imports.OdrlIris.ODRL;
import static org.termsguard.policy.imports.OdrlIris.PER_THOUSAND;
import static org.termsguard.policy.imports.OdrlIris.PER_THOUSAND_OVER_QUOTA;
import static org.termsguard.policy.imports.OdrlIris.TG;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.policy.terms.LicenseStatus;
import org.termsguard.policy.terms.QuotaPeriod;
import org.termsguard.policy.terms.TermsDocument.License;
import org.termsguard.policy.terms.TermsDocument.ListPrice;
import org.termsguard.policy.terms.TermsDocument.Money;
import org.termsguard.policy.terms.TermsDocument.Price;
import org.termsguard.policy.terms.TermsDocument.Quota;
import org.termsguard.policy.terms.TermsDocument.Scope;

/**
 * Reads one permission (ODRL 2.2 Information Model §2.6.1). Its assignees (§2.3.1), or the policy's when it names
 * none, decide what it is:
 *
 * <ul>
 *   <li>with an assignee → a license for each: purposes from the rule, quota from {@code count} and
 *       {@code timeInterval}, validity from {@code dateTime}, price and overage from {@code compensate} duties,
 *       scope from the targets (§2.2.1) and {@code tg:resourceKind};
 *   <li>without one → purposes anyone may use freely; with a {@code compensate} duty, or any duty in an Offer
 *       (§2.1.2), purposes that need a license, and a duty per {@link OdrlIris#PER_THOUSAND} is the list price.
 * </ul>
 *
 * <p>A condition Termsguard cannot check never flags lawful use: a license is kept without it (broader than written)
 * and a free use limited by it is not applied. Either way the report names it.
 */
final class PermissionReader {

    private final ExpandedJsonLd document;
    private final RuleReader rules;
    private final CompensationReader compensations;
    private final ImportedTerms terms;
    private final ImportReport report;
    private final Instant importedAt;

    PermissionReader(
            ExpandedJsonLd document,
            RuleReader rules,
            CompensationReader compensations,
            ImportedTerms terms,
            Instant importedAt) {
        this.document = document;
        this.rules = rules;
        this.compensations = compensations;
        this.terms = terms;
        this.report = terms.report();
        this.importedAt = importedAt;
    }

    /**
     * @param policyType the policy's class, e.g. {@code Offer}
     * @param policyAssignees the policy's assignees, which a permission without its own inherits (§2.7.1)
     * @param policyTargets the policy's targets, likewise
     */
    void read(
            JsonObject node,
            String source,
            String policyType,
            List<String> policyAssignees,
            List<JsonValue> policyTargets) {
        OdrlRule rule = rules.read(node, source);
        if (rule.purposes().isEmpty()) {
            return;
        }
        List<String> assignees = document.iris(node, ODRL + "assignee");
        if (assignees.isEmpty()) {
            assignees = policyAssignees;
        }
        List<Compensation> duties = compensations.read(node, ODRL + "duty", source);
        if (assignees.isEmpty()) {
            freeUse(rule, policyType, duties);
        } else {
            licenses(rule, assignees, policyTargets, duties);
        }
    }

    private void freeUse(OdrlRule rule, String policyType, List<Compensation> duties) {
        String source = rule.source();
        if (!rule.limits().unmapped().isEmpty()) {
            report.unmapped(
                    source,
                    rule.clause(),
                    "not applied: a free use limited by "
                            + String.join("; ", rule.limits().unmapped()) + " cannot be told apart from unlimited use");
            return;
        }
        Optional<Compensation> price =
                duties.stream().filter(d -> d.per() == null).findFirst();
        boolean offered = price.isPresent() || policyType.equals("Offer") && !duties.isEmpty();
        for (Purpose purpose : rule.purposes()) {
            terms.prefer(purpose, !offered, source, rule.clause());
        }
        duties.stream()
                .filter(d -> PER_THOUSAND.equals(d.per()))
                .findFirst()
                .ifPresent(d ->
                        terms.listPrice(new ListPrice(d.amount(), d.currency()), source, "compensate " + d.text()));
        price.ifPresent(d -> report.unmapped(
                source,
                "compensate " + d.text(),
                "the price of a license is not a price per record; set the list price with a compensate duty"
                        + " per \"" + PER_THOUSAND + "\" (" + TG + "per)"));
    }

    private void licenses(
            OdrlRule rule, List<String> assignees, List<JsonValue> policyTargets, List<Compensation> duties) {
        String source = rule.source();
        Limits limits = rule.limits();
        limits.unmapped()
                .forEach(u -> report.unmapped(
                        source,
                        u,
                        "not enforced: the license is read as broader than written, so no lawful use is flagged"));
        List<String> uriPrefixes = uriPrefixes(rule, policyTargets);
        Price price = null;
        Money overage = null;
        for (Compensation duty : duties) {
            if (duty.per() == null) {
                price = new Price(
                        duty.amount(),
                        duty.currency(),
                        duty.period() == null ? null : duty.period().iso());
            } else if (duty.per().equals(PER_THOUSAND_OVER_QUOTA)) {
                overage = new Money(duty.amount(), duty.currency());
            } else {
                report.unmapped(
                        source,
                        "compensate " + duty.text(),
                        "per \"" + duty.per() + "\" is not understood; use \"" + PER_THOUSAND_OVER_QUOTA
                                + "\" for overage");
            }
        }
        Quota quota = quota(source, limits);
        LicenseStatus status = document.literal(rule.node(), TG + "status")
                .flatMap(PermissionReader::status)
                .orElse(LicenseStatus.ACTIVE);
        String tier = document.literal(rule.node(), TG + "tier").orElse(null);
        Instant validFrom = limits.from();
        if (validFrom == null) {
            validFrom = importedAt;
            report.mapped(source, "(no dateTime start)", "validFrom: the import's effectiveFrom, " + importedAt);
        }
        for (String assignee : assignees) {
            String licensee = partyId(assignee);
            String base = ruleId(rule.node())
                    .orElse(ExpandedJsonLd.label(rule.node(), "permission").replaceAll("[^A-Za-z0-9._-]", "-"));
            String licenseId = assignees.size() == 1 ? base : base + "-" + licensee;
            License license = new License(
                    licenseId,
                    licensee,
                    tier,
                    List.copyOf(rule.purposes()),
                    limits.kinds().isEmpty() && uriPrefixes.isEmpty() ? null : new Scope(limits.kinds(), uriPrefixes),
                    quota,
                    price,
                    overage,
                    validFrom,
                    limits.until(),
                    status);
            var errors = org.termsguard.policy.terms.TermsValidation.license(license);
            if (errors.isEmpty()) {
                terms.grant(license, source, rule.clause() + " assignee " + assignee);
            } else {
                report.unmapped(
                        source,
                        rule.clause() + " assignee " + assignee,
                        "not a valid license: "
                                + String.join(
                                        "; ",
                                        errors.stream()
                                                .map(e -> e.field() + " " + e.message())
                                                .toList()));
            }
        }
    }

    /** The http(s) targets, which events can be matched against by URL prefix; the owner's own id means all data. */
    private List<String> uriPrefixes(OdrlRule rule, List<JsonValue> policyTargets) {
        List<String> uriPrefixes = new ArrayList<>();
        List<JsonValue> targets = document.values(rule.node(), ODRL + "target").isEmpty()
                ? policyTargets
                : document.values(rule.node(), ODRL + "target");
        for (JsonValue target : targets) {
            String iri = ExpandedJsonLd.iri(target).orElse(null);
            if (iri != null && (iri.startsWith("https://") || iri.startsWith("http://"))) {
                uriPrefixes.add(iri);
            } else if (iri == null || !iri.startsWith("urn:termsguard:owner:")) {
                report.unmapped(
                        rule.source(),
                        "target " + (iri == null ? target.toString() : iri),
                        "only http(s) URL prefixes can be matched against events; the license covers all of the"
                                + " owner's data");
            }
        }
        return uriPrefixes;
    }

    private Quota quota(String source, Limits limits) {
        if (limits.count() != null) {
            QuotaPeriod period = limits.period() == null ? QuotaPeriod.MONTH : limits.period();
            if (limits.period() == null) {
                report.mapped(source, "count " + limits.count(), "quota per month (no timeInterval was given)");
            }
            return new Quota(limits.count(), period);
        }
        if (limits.period() != null) {
            report.unmapped(source, "timeInterval " + limits.period().iso(), "a period without a count sets no quota");
        }
        return null;
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
        return OdrlIris.lastSegment(iri.replaceAll("[/#]+$", "")).toLowerCase(Locale.ROOT);
    }

    /** A license id from the permission's own identifier; a blank node's names nothing. */
    private static Optional<String> ruleId(JsonObject rule) {
        return ExpandedJsonLd.id(rule).filter(id -> !id.startsWith("_:")).map(OdrlIris::lastSegment);
    }
}
