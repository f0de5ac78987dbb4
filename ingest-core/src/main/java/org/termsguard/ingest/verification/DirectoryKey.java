package org.termsguard.ingest.verification;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;

/**
 * A signing key from a Web Bot Auth key directory.
 *
 * @param keyid its JWK thumbprint (RFC 7638), which signatures name as {@code keyid}
 * @param publicKey the key
 * @param algorithm the algorithm it signs with
 * @param notBefore the JWK's {@code nbf}, when it has one: not valid for signatures before it
 * @param expires the JWK's {@code exp}, when it has one: not valid for signatures after it
 */
public record DirectoryKey(
        String keyid, PublicKey publicKey, SignatureAlgorithm algorithm, Instant notBefore, Instant expires) {

    public DirectoryKey {
        Objects.requireNonNull(keyid, "keyid");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(algorithm, "algorithm");
    }

    /** Whether the key may sign at {@code instant} by its own {@code nbf} and {@code exp}. */
    public boolean validAt(Instant instant) {
        return (notBefore == null || !instant.isBefore(notBefore)) && (expires == null || !instant.isAfter(expires));
    }
}
