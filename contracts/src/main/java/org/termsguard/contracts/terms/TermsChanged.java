package org.termsguard.contracts.terms;

import java.time.Instant;

/**
 * An owner's terms got a new version: the {@code data} of a CloudEvent of type {@value #CLOUD_EVENT_TYPE} on the
 * compacted {@code terms-changes} topic, key {@code owner}. Every policy instance drops its cached terms of that
 * owner. Schema: {@code schemas/terms-changed.schema.json}.
 */
public record TermsChanged(String owner, long termsVersion, Instant effectiveFrom, String change, Instant changedAt) {

    public static final String CLOUD_EVENT_TYPE = "termsguard.terms.changed";
}
