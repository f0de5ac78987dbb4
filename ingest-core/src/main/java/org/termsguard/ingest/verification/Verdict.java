package org.termsguard.ingest.verification;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.termsguard.contracts.events.Identity;

/** What the verification of an event concluded about who sent it (DESIGN.md, {@code evidence.verification}). */
public enum Verdict {
    /** A valid Web Bot Auth signature (RFC 9421 with the web-bot-auth profile) by a key in the operator's directory. */
    @JsonProperty("signed")
    SIGNED,
    /** The client address is inside the operator's published list in force at {@code observedAt}. */
    @JsonProperty("listed")
    LISTED,
    /** Forward-confirmed reverse DNS onto one of the operator's host names. */
    @JsonProperty("dns")
    DNS,
    /** The user agent says so and nothing was checked: nothing to check against, or the check did not finish. */
    @JsonProperty("claimed")
    CLAIMED,
    /** The user agent names a crawler whose operator publishes ranges or names and the request is not from them. */
    @JsonProperty("contradicted")
    CONTRADICTED,
    /** The event carries no client address to check. */
    @JsonProperty("unverifiable")
    UNVERIFIABLE;

    /** The JSON token: {@code signed}, {@code listed}, … */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Verdict> fromToken(String token) {
        return Arrays.stream(values()).filter(v -> v.token().equals(token)).findFirst();
    }

    /** {@code evidence.identity}, derived: verified exactly for signed, listed and dns. */
    public Identity identity() {
        return this == SIGNED || this == LISTED || this == DNS ? Identity.VERIFIED : Identity.CLAIMED;
    }
}
