package org.termsguard.policy.terms;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.termsguard.contracts.validation.FieldError;
import org.termsguard.policy.terms.TermsDocument.Alias;
import org.termsguard.policy.terms.TermsDocument.License;

/** Checks owners' terms, licenses and aliases as posted, reporting every wrong field at once. */
public final class TermsValidation {

    public static final Pattern PARTY_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    static final Pattern LICENSE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    static final Set<String> ALIAS_KINDS = Set.of("api-client", "user-agent", "ip-range");

    private TermsValidation() {}

    public static List<FieldError> owner(
            String displayName, String noticeContact, TermsDocument.DefaultTerms defaults, String robotsTxt) {
        List<FieldError> errors = new ArrayList<>();
        if (displayName == null || displayName.isBlank() || displayName.length() > 256) {
            errors.add(FieldError.of("displayName", "is required, at most 256 characters"));
        }
        if (noticeContact != null && noticeContact.length() > 320) {
            errors.add(FieldError.of("noticeContact", "must be at most 320 characters"));
        }
        if (defaults == null) {
            errors.add(FieldError.of("defaultTerms", "is required"));
        } else if (defaults.listPrice() != null) {
            money(
                    "defaultTerms.listPrice",
                    defaults.listPrice().perThousandRecords(),
                    defaults.listPrice().currency(),
                    errors);
        }
        if (robotsTxt != null && robotsTxt.length() > 512 * 1024) {
            errors.add(FieldError.of(
                    "robotsTxt", "must be at most 512 KiB (RFC 9309 §2.5 asks crawlers to read at least 500 KiB)"));
        }
        return errors;
    }

    public static List<FieldError> license(License license) {
        List<FieldError> errors = new ArrayList<>();
        if (license.licenseId() == null
                || !LICENSE_ID.matcher(license.licenseId()).matches()) {
            errors.add(FieldError.of("licenseId", "must be 1-128 letters, digits, '.', '_' or '-'"));
        }
        if (license.licensee() == null || !PARTY_ID.matcher(license.licensee()).matches()) {
            errors.add(FieldError.of("licensee", "must be a consumer id"));
        }
        if (license.purposes().isEmpty()) {
            errors.add(FieldError.of("purposes", "must grant at least one purpose"));
        }
        if (license.quota() != null) {
            if (license.quota().records() < 0) {
                errors.add(FieldError.of("quota.records", "must not be negative"));
            }
            if (license.quota().period() == null) {
                errors.add(FieldError.of("quota.period", "must be P1D, P1M or P1Y"));
            }
        }
        if (license.price() != null) {
            money("price", license.price().amount(), license.price().currency(), errors);
        }
        if (license.overagePerThousand() != null) {
            money(
                    "overagePerThousand",
                    license.overagePerThousand().amount(),
                    license.overagePerThousand().currency(),
                    errors);
        }
        if (license.validFrom() == null) {
            errors.add(FieldError.of("validFrom", "is required"));
        } else if (license.validUntil() != null && !license.validUntil().isAfter(license.validFrom())) {
            errors.add(FieldError.of("validUntil", "must be after validFrom"));
        }
        return errors;
    }

    public static List<FieldError> aliases(List<Alias> aliases) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < aliases.size(); i++) {
            Alias alias = aliases.get(i);
            String at = "aliases[" + i + "].";
            if (alias.kind() == null || !ALIAS_KINDS.contains(alias.kind())) {
                errors.add(FieldError.of(at + "kind", "must be api-client, user-agent or ip-range"));
            }
            if (alias.value() == null
                    || alias.value().isBlank()
                    || alias.value().length() > 256) {
                errors.add(FieldError.of(at + "value", "is required, at most 256 characters"));
            } else if ("ip-range".equals(alias.kind())) {
                try {
                    Cidr.parse(alias.value());
                } catch (IllegalArgumentException e) {
                    errors.add(FieldError.of(at + "value", e.getMessage()));
                }
            }
            if (alias.consumer() == null || !PARTY_ID.matcher(alias.consumer()).matches()) {
                errors.add(FieldError.of(at + "consumer", "must be a consumer id"));
            }
        }
        return errors;
    }

    private static void money(String field, BigDecimal amount, String currency, List<FieldError> errors) {
        if (amount == null || amount.signum() < 0) {
            errors.add(FieldError.of(field, "needs an amount of 0 or more"));
        }
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            errors.add(FieldError.of(field + ".currency", "must be an ISO 4217 code such as USD"));
        }
    }
}
