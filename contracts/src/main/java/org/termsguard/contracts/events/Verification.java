package org.termsguard.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who sent the request behind an event, as ingest verified it against the operators' published lists, names and
 * keys in force at {@code observedAt}: {@code evidence.verification} (docs/design.md). Set by ingest, never by a
 * producer.
 *
 * @param verdict what was concluded
 * @param operator who runs the crawler concerned, as its source names them; null when nobody is named or found
 * @param consumer that operator's consumer id; null likewise
 * @param token the product token the user agent names (as the source spells it); null when it names none
 * @param basis what the verdict rests on; null when nothing was consulted
 * @param reasons how the verdict was reached, one sentence each, in the order the checks ran
 */
public record Verification(
        Verdict verdict, String operator, String consumer, String token, Basis basis, List<String> reasons) {

    public Verification {
        Objects.requireNonNull(verdict, "verdict");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** {@code evidence.identity}: verified exactly when the verdict is signed, listed or dns. */
    public Identity identity() {
        return verdict.identity();
    }

    /** What the verification of an event concluded about who sent it. */
    public enum Verdict {
        /** A valid Web Bot Auth signature (RFC 9421, web-bot-auth profile) by a key in the operator's directory. */
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
        /** The user agent names a crawler whose operator publishes ranges or names, and the request is not from them. */
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

    /**
     * What a verdict rests on: the source consulted, how, which version of its published document, and what matched.
     *
     * @param sourceId the verification source, e.g. {@code openai-gptbot}
     * @param method how it was checked: {@code ip-ranges}, {@code reverse-dns} or {@code web-bot-auth}
     * @param snapshotVersion the version of the source's snapshot in force at {@code observedAt}; null for reverse DNS
     * @param snapshotSha256 the SHA-256 (hex) of that snapshot's document; null for reverse DNS
     * @param validFrom when that snapshot came into force; null for reverse DNS
     * @param matched what matched: the prefix holding the address, the confirmed host name or the signing key's id;
     *     null when nothing did (a contradicted or claimed verdict)
     */
    public record Basis(
            String sourceId,
            String method,
            Integer snapshotVersion,
            String snapshotSha256,
            Instant validFrom,
            String matched) {}
}
