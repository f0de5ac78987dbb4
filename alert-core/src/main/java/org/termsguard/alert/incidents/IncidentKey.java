package org.termsguard.alert.incidents;

import org.termsguard.contracts.violations.Rule;

/** What makes violations one incident: the same owner, consumer ({@code ?} when unidentified) and rule. */
public record IncidentKey(String owner, String consumer, Rule rule) {

    public static final String UNIDENTIFIED = "?";

    public static IncidentKey of(String owner, String consumer, Rule rule) {
        return new IncidentKey(owner, consumer == null ? UNIDENTIFIED : consumer, rule);
    }
}
