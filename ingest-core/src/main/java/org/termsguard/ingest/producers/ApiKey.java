package org.termsguard.ingest.producers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A producer's API key, {@code tgk_<keyId>_<secret>}: the key id finds the stored hash, the secret proves
 * possession. The secret is 256 random bits, so a plain SHA-256 of it is safe to store (a slow password hash
 * protects low-entropy secrets; this one has none to protect).
 */
public record ApiKey(String keyId, String secret) {

    private static final Pattern FORMAT = Pattern.compile("tgk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
    /** The public part of a key, as the admin API names it. */
    public static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");

    private static final SecureRandom RANDOM = new SecureRandom();

    public static ApiKey generate() {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        return new ApiKey(
                HexFormat.of().formatHex(id),
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** Reads a presented key; empty when it is not shaped like one. */
    public static Optional<ApiKey> parse(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        var matcher = FORMAT.matcher(presented.trim());
        return matcher.matches() ? Optional.of(new ApiKey(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    public String value() {
        return "tgk_" + keyId + "_" + secret;
    }

    public byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    /** Compares in constant time, so response timing says nothing about how much of a guess was right. */
    public boolean matches(byte[] storedHash) {
        return MessageDigest.isEqual(hash(), storedHash);
    }

    @Override
    public String toString() {
        return "ApiKey[" + keyId + "]";
    }
}
