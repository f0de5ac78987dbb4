package org.termsguard.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How sure we are of who the consumer is; notices state it. */
public enum Identity {
    /** The user agent or client says so. */
    @JsonProperty("claimed")
    CLAIMED,
    /** A signed request, a published IP range or an authenticated API client. */
    @JsonProperty("verified")
    VERIFIED
}
