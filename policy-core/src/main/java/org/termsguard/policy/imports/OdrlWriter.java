package org.termsguard.policy.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.policy.terms.LicenseStatus;
import org.termsguard.policy.terms.TermsDocument;
import org.termsguard.policy.terms.TermsDocument.License;

/**
 * Writes an owner's terms as one ODRL 2.2 Set policy, in the compact form people read, with the W3C context and a
 * small Termsguard profile for what ODRL has no term for (list price per 1,000 records, consumer aliases, the
 * robots.txt, license tier and status). {@link OdrlReader} reads it back to the same decisions.
 *
 * <ul>
 *   <li>purposes anyone may use → a permission without assignee ({@code use} where {@code purpose isAnyOf});
 *   <li>purposes that need a license → a prohibition without assignee, whose {@code compensate} remedy per 1,000
 *       records is the list price;
 *   <li>each license → a permission for its licensee with purpose, count, timeInterval and dateTime constraints,
 *       its price and overage as {@code compensate} duties, and its URL prefixes as targets.
 * </ul>
 */
public final class OdrlWriter {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private OdrlWriter() {}

    public static ObjectNode write(TermsDocument terms, long version, Instant effectiveFrom) {
        ObjectNode policy = JSON.createObjectNode();
        ArrayNode context = policy.putArray("@context");
        context.add(OdrlContexts.ODRL_CONTEXT);
        ObjectNode profile = context.addObject();
        profile.put("tg", OdrlIris.TG);
        profile.put("tdm", OdrlIris.TDM);
        profile.put("displayName", "tg:displayName");
        profile.put("noticeContact", "tg:noticeContact");
        profile.put("robotsTxt", "tg:robotsTxt");
        profile.putObject("aliases").put("@id", "tg:aliases").put("@type", "@json");
        profile.put("tier", "tg:tier");
        profile.put("licenseStatus", "tg:status");
        profile.put("per", "tg:per");
        profile.put("resourceKind", "tg:resourceKind");
        profile.put("termsVersion", "tg:termsVersion");
        profile.putObject("effectiveFrom").put("@id", "tg:effectiveFrom").put("@type", "xsd:dateTime");

        String owner = terms.owner();
        policy.put("@type", "Set");
        policy.put("uid", "urn:termsguard:terms:" + owner + ":" + version);
        policy.put("profile", "https://termsguard.org/ns/odrl");
        policy.put("assigner", "urn:termsguard:owner:" + owner);
        policy.put("termsVersion", version);
        policy.put("effectiveFrom", effectiveFrom.toString());
        policy.put("displayName", terms.displayName());
        if (terms.noticeContact() != null) {
            policy.put("noticeContact", terms.noticeContact());
        }
        if (terms.robotsTxt() != null) {
            policy.put("robotsTxt", terms.robotsTxt());
        }
        if (!terms.aliases().isEmpty()) {
            policy.set("aliases", JSON.valueToTree(terms.aliases()));
        }
        String allData = "urn:termsguard:owner:" + owner + ":data";

        ArrayNode permissions = policy.putArray("permission");
        var defaults = terms.defaultTerms();
        if (!defaults.allowedPurposes().isEmpty()) {
            ObjectNode free = permissions.addObject();
            free.put("target", allData);
            free.put("action", "use");
            free.putArray("constraint").add(purposes(defaults.allowedPurposes()));
        }
        for (License license : terms.licenses()) {
            permissions.add(license(owner, license, allData));
        }
        if (!defaults.licenseRequiredFor().isEmpty()) {
            ObjectNode reserved = policy.putArray("prohibition").addObject();
            reserved.put("target", allData);
            reserved.put("action", "use");
            reserved.putArray("constraint").add(purposes(defaults.licenseRequiredFor()));
            var price = defaults.listPrice();
            if (price != null && price.perThousandRecords() != null) {
                reserved.putArray("remedy")
                        .add(compensate(price.perThousandRecords(), price.currency(), OdrlIris.PER_THOUSAND, null));
            }
        }
        return policy;
    }

    private static ObjectNode license(String owner, License license, String allData) {
        ObjectNode rule = JSON.createObjectNode();
        rule.put("uid", "urn:termsguard:license:" + owner + ":" + license.licenseId());
        if (license.scope() == null || license.scope().uriPrefixes().isEmpty()) {
            rule.put("target", allData);
        } else {
            ArrayNode targets = rule.putArray("target");
            license.scope().uriPrefixes().forEach(targets::add);
        }
        rule.put("assignee", "urn:termsguard:consumer:" + license.licensee());
        rule.put("action", "use");
        if (license.tier() != null) {
            rule.put("tier", license.tier());
        }
        if (license.status() != LicenseStatus.ACTIVE) {
            rule.put("licenseStatus", license.status().name().toLowerCase(java.util.Locale.ROOT));
        }
        ArrayNode constraints = rule.putArray("constraint");
        constraints.add(purposes(license.purposes()));
        constraints.add(atomic("dateTime", "gteq", dateTime(license.validFrom())));
        if (license.validUntil() != null) {
            constraints.add(atomic("dateTime", "lteq", dateTime(license.validUntil())));
        }
        if (license.quota() != null) {
            constraints.add(atomic(
                    "count",
                    "lteq",
                    JSON.getNodeFactory().numberNode(license.quota().records())));
            constraints.add(atomic(
                    "timeInterval",
                    "eq",
                    JSON.getNodeFactory().textNode(license.quota().period().iso())));
        }
        if (license.scope() != null && !license.scope().resourceKinds().isEmpty()) {
            ArrayNode kinds = JSON.createArrayNode();
            license.scope().resourceKinds().forEach(kinds::add);
            constraints.add(atomic("resourceKind", "isAnyOf", kinds));
        }
        if (license.price() != null || license.overagePerThousand() != null) {
            ArrayNode duties = rule.putArray("duty");
            if (license.price() != null) {
                duties.add(compensate(
                        license.price().amount(),
                        license.price().currency(),
                        null,
                        license.price().period()));
            }
            if (license.overagePerThousand() != null) {
                duties.add(compensate(
                        license.overagePerThousand().amount(),
                        license.overagePerThousand().currency(),
                        OdrlIris.PER_THOUSAND_OVER_QUOTA,
                        null));
            }
        }
        return rule;
    }

    private static ObjectNode purposes(List<Purpose> purposes) {
        ArrayNode tokens = JSON.createArrayNode();
        purposes.forEach(p -> tokens.add(p.token()));
        return atomic("purpose", "isAnyOf", tokens);
    }

    private static ObjectNode compensate(BigDecimal amount, String currency, String per, String period) {
        ObjectNode duty = JSON.createObjectNode();
        duty.put("action", "compensate");
        if (per != null) {
            duty.put("per", per);
        }
        ArrayNode constraints = duty.putArray("constraint");
        ObjectNode pay = atomic(
                "payAmount",
                "eq",
                JSON.createObjectNode().put("@value", amount.toPlainString()).put("@type", "xsd:decimal"));
        pay.put("unit", OdrlIris.CURRENCIES.getOrDefault(currency, currency));
        constraints.add(pay);
        if (period != null) {
            constraints.add(atomic("timeInterval", "eq", JSON.getNodeFactory().textNode(period)));
        }
        return duty;
    }

    private static ObjectNode atomic(String left, String operator, com.fasterxml.jackson.databind.JsonNode right) {
        ObjectNode constraint = JSON.createObjectNode();
        constraint.put("leftOperand", left);
        constraint.put("operator", operator);
        constraint.set("rightOperand", right);
        return constraint;
    }

    private static ObjectNode dateTime(Instant instant) {
        return JSON.createObjectNode().put("@value", instant.toString()).put("@type", "xsd:dateTime");
    }
}
