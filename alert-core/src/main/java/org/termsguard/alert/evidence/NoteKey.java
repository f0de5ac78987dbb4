package org.termsguard.alert.evidence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A signed note's verifier key (C2SP signed-note, Ed25519): {@code <name>+<key id, 8 hex digits>+<base64(0x01 ‖
 * 32-byte public key)>}, the key id being the first four bytes of {@code SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)}.
 */
public final class NoteKey {

    /** The signature type byte of Ed25519 in C2SP signed-note. */
    static final byte ED25519 = 0x01;

    // signed-note: a name is non-empty and has no Unicode white space and no '+'.
    private static final Pattern NAME = Pattern.compile("[^\\p{javaWhitespace}\\p{Z}+]+");
    // RFC 8410 §4: the SubjectPublicKeyInfo of an Ed25519 key, before its 32 bytes.
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final String name;
    private final int keyId;
    private final byte[] publicKey;
    private final PublicKey key;

    private NoteKey(String name, byte[] publicKey) {
        if (!validName(name)) {
            throw new IllegalArgumentException("a key name is non-empty, without spaces or '+'");
        }
        if (publicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
        }
        this.name = name;
        this.publicKey = publicKey.clone();
        this.keyId = keyId(name, publicKey);
        try {
            byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
            System.arraycopy(publicKey, 0, spki, SPKI_PREFIX.length, 32);
            this.key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** The verifier key of {@code name} for an Ed25519 public key's 32 bytes. */
    public static NoteKey of(String name, byte[] publicKey) {
        return new NoteKey(name, publicKey);
    }

    /** Reads an encoded verifier key; refuses any other key type, a wrong key id, or a malformed part. */
    public static NoteKey parse(String encoded) {
        String[] parts = parts(encoded, "a verifier key is name+keyid+key");
        byte[] key = ed25519(parts[2], "verifier");
        NoteKey parsed = new NoteKey(parts[0], key);
        if (parsed.keyId != Integer.parseUnsignedInt(parts[1], 16)) {
            throw new IllegalArgumentException("the key id does not match the name and key");
        }
        return parsed;
    }

    public String name() {
        return name;
    }

    public int keyId() {
        return keyId;
    }

    /** The encoded verifier key, as {@link #parse} reads it. */
    public String encoded() {
        byte[] typed = new byte[33];
        typed[0] = ED25519;
        System.arraycopy(publicKey, 0, typed, 1, 32);
        return name + "+" + String.format("%08x", keyId) + "+"
                + Base64.getEncoder().encodeToString(typed);
    }

    /** The Ed25519 public key as PEM (RFC 8410 SubjectPublicKeyInfo), for openssl pkeyutl -verify. */
    public String pem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** Whether {@code signature} (64 bytes, without the key id) is this key's over {@code text}. */
    boolean verifies(byte[] text, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(text);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** {@code name+keyid+base64}, split; the key id is 8 lower-case hex digits (the key's base64 may hold '+'). */
    static String[] parts(String encoded, String form) {
        String[] parts = encoded == null ? new String[0] : encoded.split("\\+", 3);
        if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException(form);
        }
        return parts;
    }

    /** The 32 key bytes of {@code base64(0x01 ‖ key)}, in canonical base64; any other key type is refused. */
    static byte[] ed25519(String base64, String kind) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is not base64", e);
        }
        if (!Base64.getEncoder().encodeToString(key).equals(base64)) {
            throw new IllegalArgumentException("the key is not in canonical base64");
        }
        if (key.length != 33 || key[0] != ED25519) {
            throw new IllegalArgumentException("only Ed25519 " + kind + " keys (type 0x01, 32 bytes) are known");
        }
        return Arrays.copyOfRange(key, 1, 33);
    }

    static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    static int keyId(String name, byte[] publicKey) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(ED25519);
            byte[] digest = sha256.digest(publicKey);
            return ((digest[0] & 0xff) << 24)
                    | ((digest[1] & 0xff) << 16)
                    | ((digest[2] & 0xff) << 8)
                    | (digest[3] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return encoded();
    }
}
