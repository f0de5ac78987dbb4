package org.termsguard.contracts.violations;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the purpose a violation was judged by came from. */
public enum PurposeSource {
    /** The event said so. */
    @JsonProperty("declared")
    DECLARED,
    /** One of the owner's consumer aliases gives a default purpose. */
    @JsonProperty("alias")
    ALIAS,
    /** The built-in crawler registry knows the user agent's purpose. */
    @JsonProperty("crawler-registry")
    CRAWLER_REGISTRY,
    /** Nothing said; judged as {@code unknown}. */
    @JsonProperty("unknown")
    UNKNOWN
}
