package org.termsguard.ingest.verification;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/** The HTTP Message Signatures algorithms the Web Bot Auth profile uses (RFC 9421 §3.3), verified with the JDK. */
public enum SignatureAlgorithm {
    /** RFC 9421 §3.3.1: RSASSA-PSS with SHA-512, MGF1 with SHA-512, a 64-byte salt. */
    RSA_PSS_SHA512("rsa-pss-sha512"),
    /** RFC 9421 §3.3.6: Ed25519 over the signature base itself, no prehash (RFC 8032 §5.1.7). */
    ED25519("ed25519");

    private final String token;

    SignatureAlgorithm(String token) {
        this.token = token;
    }

    /** The {@code alg} parameter value registered for it, e.g. {@code ed25519}. */
    public String token() {
        return token;
    }

    public static Optional<SignatureAlgorithm> fromToken(String token) {
        return Arrays.stream(values()).filter(a -> a.token.equals(token)).findFirst();
    }

    /** Whether {@code key} is a key of this algorithm's type. */
    public boolean fits(PublicKey key) {
        return this == ED25519 ? key instanceof EdECPublicKey : key instanceof RSAPublicKey;
    }

    /** Whether {@code signature} is this algorithm's signature of {@code base} by {@code key}. */
    public boolean verifies(PublicKey key, byte[] base, byte[] signature) {
        if (!fits(key)) {
            return false;
        }
        try {
            Signature verifier;
            if (this == ED25519) {
                verifier = Signature.getInstance("Ed25519");
            } else {
                verifier = Signature.getInstance("RSASSA-PSS");
                verifier.setParameter(new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1));
            }
            verifier.initVerify(key);
            verifier.update(base);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // A malformed key or signature (wrong length, not on the curve) is a signature that does not verify.
            return false;
        }
    }
}
