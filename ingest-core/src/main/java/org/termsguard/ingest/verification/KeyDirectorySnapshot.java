package org.termsguard.ingest.verification;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a Web Bot Auth key directory: a JWK Set (RFC 7517 §5) as served at
 * {@code /.well-known/http-message-signatures-directory} (draft-ietf-webbotauth-httpsig-protocol, "Directory
 * Format"). Keys are indexed by their RFC 7638 thumbprint, computed here: a {@code kid} the directory sets is not
 * trusted, since the draft makes it the thumbprint anyway. Ed25519 (OKP) and RSA keys are kept; keys of other types,
 * or whose {@code alg} is not one of {@link SignatureAlgorithm}, are left out and counted.
 *
 * <p>Not a record, for the same reason as {@link IpRangeSnapshot}: it holds the key index built from its value.
 */
public final class KeyDirectorySnapshot implements Snapshot {

    public static final int MAX_DOCUMENT_BYTES = 256 * 1024;
    public static final int MAX_KEYS = 1_000;

    /** DER of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4) up to the 32 key bytes, which follow it. */
    private static final byte[] ED25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };

    private final String sha256;
    private final Instant validFrom;
    private final Map<String, DirectoryKey> keys;
    private final int skipped;

    private KeyDirectorySnapshot(String sha256, Instant validFrom, Map<String, DirectoryKey> keys, int skipped) {
        this.sha256 = sha256;
        this.validFrom = validFrom;
        this.keys = keys;
        this.skipped = skipped;
    }

    /**
     * Reads a key directory.
     *
     * @param document the JWKS exactly as served
     * @param validFrom when it came into force (a directory has no creation time of its own)
     * @throws IllegalArgumentException when it is not a JWKS or is larger than the limits
     */
    public static KeyDirectorySnapshot parse(byte[] document, Instant validFrom) {
        Objects.requireNonNull(validFrom, "validFrom");
        JsonNode root = PublishedDocument.json(document, MAX_DOCUMENT_BYTES, "The key directory");
        if (!root.path("keys").isArray()) {
            throw new IllegalArgumentException("The key directory has no \"keys\" array (RFC 7517 §5)");
        }
        if (root.get("keys").size() > MAX_KEYS) {
            throw new IllegalArgumentException("The key directory has more than " + MAX_KEYS + " keys");
        }
        Map<String, DirectoryKey> keys = new LinkedHashMap<>();
        int skipped = 0;
        for (JsonNode jwk : root.get("keys")) {
            Optional<DirectoryKey> key = key(jwk);
            if (key.isPresent()) {
                keys.putIfAbsent(key.get().keyid(), key.get());
            } else {
                skipped++;
            }
        }
        return new KeyDirectorySnapshot(PublishedDocument.sha256(document), validFrom, Map.copyOf(keys), skipped);
    }

    private static Optional<DirectoryKey> key(JsonNode jwk) {
        Optional<String> thumbprint = JwkThumbprint.of(jwk);
        if (thumbprint.isEmpty()
                || (jwk.has("use") && !"sig".equals(jwk.path("use").asText()))) {
            return Optional.empty();
        }
        String alg = jwk.path("alg").asText(null);
        try {
            PublicKey key;
            SignatureAlgorithm algorithm;
            switch (jwk.path("kty").asText()) {
                case "OKP" -> {
                    byte[] x = Base64.getUrlDecoder().decode(jwk.get("x").asText());
                    if (!"Ed25519".equals(jwk.path("crv").asText())
                            || x.length != 32
                            || !fits(alg, "EdDSA", "ed25519")) {
                        return Optional.empty();
                    }
                    byte[] spki = new byte[ED25519_SPKI_PREFIX.length + x.length];
                    System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
                    System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, x.length);
                    key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
                    algorithm = SignatureAlgorithm.ED25519;
                }
                case "RSA" -> {
                    if (!fits(alg, "PS512", "rsa-pss-sha512")) {
                        return Optional.empty();
                    }
                    BigInteger n = new BigInteger(
                            1, Base64.getUrlDecoder().decode(jwk.get("n").asText()));
                    BigInteger e = new BigInteger(
                            1, Base64.getUrlDecoder().decode(jwk.get("e").asText()));
                    key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
                    algorithm = SignatureAlgorithm.RSA_PSS_SHA512;
                }
                default -> {
                    return Optional.empty();
                }
            }
            return Optional.of(
                    new DirectoryKey(thumbprint.get(), key, algorithm, seconds(jwk, "nbf"), seconds(jwk, "exp")));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** No {@code alg}, or the JOSE name or the HTTP Message Signatures name of the algorithm. */
    private static boolean fits(String alg, String jose, String httpsig) {
        return alg == null || alg.equals(jose) || alg.equals(httpsig);
    }

    private static Instant seconds(JsonNode jwk, String member) {
        JsonNode value = jwk.get(member);
        return value != null && value.canConvertToLong() ? Instant.ofEpochSecond(value.asLong()) : null;
    }

    /** The key whose thumbprint is {@code keyid}. */
    public Optional<DirectoryKey> key(String keyid) {
        return Optional.ofNullable(keys.get(keyid));
    }

    /** The usable keys, in no particular order. */
    public List<DirectoryKey> keys() {
        return new ArrayList<>(keys.values());
    }

    /** How many of the directory's keys were left out (unknown type or algorithm, not for signing, malformed). */
    public int skipped() {
        return skipped;
    }

    @Override
    public String sha256() {
        return sha256;
    }

    @Override
    public Instant validFrom() {
        return validFrom;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyDirectorySnapshot that
                && sha256.equals(that.sha256)
                && validFrom.equals(that.validFrom);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sha256, validFrom);
    }

    @Override
    public String toString() {
        return "KeyDirectorySnapshot[sha256=" + sha256 + ", validFrom=" + validFrom + ", keys=" + keys.size() + "]";
    }
}
