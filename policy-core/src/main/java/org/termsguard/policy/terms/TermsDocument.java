package org.termsguard.policy.terms;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.termsguard.contracts.events.Identity;
import org.termsguard.contracts.events.Purpose;

/**
 * Everything an owner's terms say at one version: stored whole as JSON per version, so that any past version can
 * be shown and judged by exactly as it was. Field names follow DESIGN.md's admin API.
 */
public record TermsDocument(
        String owner,
        String displayName,
        String noticeContact,
        DefaultTerms defaultTerms,
        String robotsTxt,
        List<License> licenses,
        List<Alias> aliases,
        List<Citation> citations) {

    public TermsDocument {
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        citations = citations == null ? List.of() : List.copyOf(citations);
    }

    /** Terms typed in through the admin API, which cite no published document. */
    public TermsDocument(
            String owner,
            String displayName,
            String noticeContact,
            DefaultTerms defaultTerms,
            String robotsTxt,
            List<License> licenses,
            List<Alias> aliases) {
        this(owner, displayName, noticeContact, defaultTerms, robotsTxt, licenses, aliases, List.of());
    }

    /** This document without citations of terms it no longer has, e.g. after the owner retyped its defaults. */
    public TermsDocument withCurrentCitations() {
        List<Citation> holding = citations.stream().filter(this::holds).toList();
        return holding.size() == citations.size()
                ? this
                : new TermsDocument(
                        owner, displayName, noticeContact, defaultTerms, robotsTxt, licenses, aliases, holding);
    }

    private boolean holds(Citation citation) {
        return switch (citation.term()) {
            case "licenseRequiredFor" ->
                tokens(defaultTerms.licenseRequiredFor()).contains(citation.value());
            case "allowedPurposes" -> tokens(defaultTerms.allowedPurposes()).contains(citation.value());
            case "listPrice" -> defaultTerms.listPrice() != null;
            case "license" -> licenses.stream().anyMatch(l -> l.licenseId().equals(citation.value()));
            case "robotsTxt" -> robotsTxt != null;
            default -> true;
        };
    }

    private static List<String> tokens(List<Purpose> purposes) {
        return purposes.stream().map(Purpose::token).toList();
    }

    /**
     * Where a term came from when it was imported from a document the owner publishes, so that explanations and
     * notices can quote it.
     *
     * @param term what it set: {@code licenseRequiredFor}, {@code allowedPurposes}, {@code listPrice},
     *     {@code license} or {@code robotsTxt}
     * @param value the purpose token or license id it set; null for terms that have none
     * @param source the document and place, e.g. {@code robots.txt line 4: Content-Usage: train-ai=n}
     */
    public record Citation(String term, String value, String source) {}

    /** What anyone may do without a license, what needs one, and the list price of unlicensed use. */
    public record DefaultTerms(List<Purpose> allowedPurposes, List<Purpose> licenseRequiredFor, ListPrice listPrice) {
        public DefaultTerms {
            allowedPurposes = allowedPurposes == null ? List.of() : List.copyOf(allowedPurposes);
            licenseRequiredFor = licenseRequiredFor == null ? List.of() : List.copyOf(licenseRequiredFor);
        }
    }

    public record ListPrice(BigDecimal perThousandRecords, String currency) {}

    /** A grant from the owner to one consumer. */
    public record License(
            String licenseId,
            String licensee,
            String tier,
            List<Purpose> purposes,
            Scope scope,
            Quota quota,
            Price price,
            Money overagePerThousand,
            Instant validFrom,
            Instant validUntil,
            LicenseStatus status) {
        public License {
            purposes = purposes == null ? List.of() : List.copyOf(purposes);
            status = status == null ? LicenseStatus.ACTIVE : status;
        }
    }

    /** Absent or empty lists mean no restriction on that axis. */
    public record Scope(List<String> resourceKinds, List<String> uriPrefixes) {
        public Scope {
            resourceKinds = resourceKinds == null ? List.of() : List.copyOf(resourceKinds);
            uriPrefixes = uriPrefixes == null ? List.of() : List.copyOf(uriPrefixes);
        }
    }

    /** Records allowed per calendar period (UTC): P1D, P1M or P1Y. */
    public record Quota(long records, QuotaPeriod period) {}

    public record Price(BigDecimal amount, String currency, String period) {}

    public record Money(BigDecimal amount, String currency) {}

    /**
     * Evidence that identifies a consumer to this owner.
     *
     * @param kind {@code api-client} (exact id), {@code user-agent} (product token) or {@code ip-range} (CIDR)
     * @param identity how sure the match is: an authenticated API client or a published range is verified
     * @param purpose what this consumer's use is for when an event does not say; may be null
     */
    public record Alias(String kind, String value, String consumer, Identity identity, Purpose purpose) {}
}
