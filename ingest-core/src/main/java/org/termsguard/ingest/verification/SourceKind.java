package org.termsguard.ingest.verification;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Optional;
import org.termsguard.contracts.events.Verification.Basis;

/** What an operator publishes for checking its crawlers, and so how a source's events are checked. */
public enum SourceKind {
    /** A list of prefixes in the operators' shared JSON shape ({@code creationTime}, {@code prefixes}). */
    @JsonProperty("ip-ranges")
    IP_RANGES("ip-ranges"),
    /** Host names its crawlers' addresses resolve to, checked by forward-confirmed reverse DNS. */
    @JsonProperty("reverse-dns")
    REVERSE_DNS("reverse-dns"),
    /** A key directory (JWKS) for Web Bot Auth signatures. */
    @JsonProperty("web-bot-auth")
    WEB_BOT_AUTH("web-bot-auth");

    private final String token;

    SourceKind(String token) {
        this.token = token;
    }

    /** The JSON token, which is also the {@link Basis#method()} of verdicts resting on this kind. */
    public String token() {
        return token;
    }

    public static Optional<SourceKind> fromToken(String token) {
        return Arrays.stream(values()).filter(k -> k.token.equals(token)).findFirst();
    }
}
