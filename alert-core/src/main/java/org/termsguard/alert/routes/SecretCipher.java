package org.termsguard.alert.routes;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals receiver secrets for storage with AES-GCM (NIST SP 800-38D): a fresh 96-bit random nonce per value (§8.2.2,
 * well inside the 2^32 invocations one key may take with random nonces), a 128-bit tag, and the owner as additional
 * authenticated data, so a sealed value copied into another owner's route does not open.
 *
 * <p>A sealed value reads {@code tgs1:} followed by base64url (no padding) of nonce ‖ ciphertext ‖ tag. A stored
 * value without that prefix is a secret written before sealing existed and is returned as it is (read-both), so
 * old rows keep working until they are written again.
 */
public final class SecretCipher {

    /** Marks a sealed value, and its format's version. */
    public static final String PREFIX = "tgs1:";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param key an AES key of 16, 24 or 32 bytes */
    public SecretCipher(byte[] key) {
        if (key == null || (key.length != 16 && key.length != 24 && key.length != 32)) {
            throw new IllegalArgumentException("An AES key has 16, 24 or 32 bytes; this one has "
                    + (key == null ? "none" : key.length + " bytes") + ".");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** A cipher from a key in standard base64, as configuration holds it. */
    public static SecretCipher fromBase64(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("No secrets key is configured.");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The secrets key is not base64.", e);
        }
        try {
            return new SecretCipher(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Whether a stored value is sealed (rather than a plaintext from before sealing). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** {@code secret} sealed for {@code owner}; null stays null. */
    public String seal(String secret, String owner) {
        if (secret == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, owner);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The secret in a stored value sealed for {@code owner}; an unsealed (older) value as it is; null stays null.
     *
     * @throws IllegalArgumentException when the value was sealed with another key, for another owner, or altered
     */
    public String open(String stored, String owner) {
        if (stored == null || !isSealed(stored)) {
            return stored;
        }
        byte[] in;
        try {
            in = Base64.getUrlDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A sealed secret is not base64url.", e);
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("A sealed secret is too short to hold a nonce and a tag.");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(in, NONCE_BYTES), owner);
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException(
                    "A sealed secret does not open: another key, another owner, or altered.", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String owner) throws GeneralSecurityException {
        // A Cipher is not thread-safe and GCM refuses a reused (key, nonce) for encryption: one per call.
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((owner == null ? "" : owner).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
