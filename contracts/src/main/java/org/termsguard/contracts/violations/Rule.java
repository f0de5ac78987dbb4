package org.termsguard.contracts.violations;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The rules of DESIGN.md; one event can break several. */
public enum Rule {
    /** The purpose needs a license under the owner's terms and the consumer has none in force. */
    @JsonProperty("no-license")
    NO_LICENSE,
    /** A license exists but was expired, not yet valid or suspended when the event was observed. */
    @JsonProperty("license-not-in-force")
    LICENSE_NOT_IN_FORCE,
    /** A license is in force but does not grant the purpose. */
    @JsonProperty("purpose-not-licensed")
    PURPOSE_NOT_LICENSED,
    /** The resource kind or URI is outside the license's scope. */
    @JsonProperty("scope-not-licensed")
    SCOPE_NOT_LICENSED,
    /** Usage in the license's period goes over its quota. */
    @JsonProperty("quota-exceeded")
    QUOTA_EXCEEDED,
    /** A crawler fetched a path the owner's robots.txt disallows for it (RFC 9309). */
    @JsonProperty("crawler-disallowed")
    CRAWLER_DISALLOWED,
    /** Usage crossed 80 % or 100 % of quota, once per threshold and period. */
    @JsonProperty("quota-warning")
    QUOTA_WARNING,
    /**
     * The event's crawler-identity verification is {@code contradicted}: the request claims a crawler whose operator
     * publishes its addresses, names or keys, and is not from them. Raised for consumer {@code unknown}; the use is
     * never charged to the operator it names.
     */
    @JsonProperty("crawler-impersonation")
    CRAWLER_IMPERSONATION;

    /** The rule's name in DESIGN.md and on the wire, e.g. {@code no-license}. */
    public String token() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
