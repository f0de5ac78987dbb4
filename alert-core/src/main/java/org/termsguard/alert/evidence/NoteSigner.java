package org.termsguard.alert.evidence;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Signs notes with an Ed25519 key in C2SP signed-note's private key encoding: {@code PRIVATE+KEY+<name>+<key id>+
 * <base64(0x01 ‖ 32-byte seed)>}. Reading one derives its public key and refuses a key id that does not match, as Go's
 * {@code note.NewSigner} does.
 */
public final class NoteSigner {

    private static final String PREFIX = "PRIVATE+KEY+";
    // RFC 8410 §7: the PKCS #8 encoding of an Ed25519 private key, before its 32-byte seed.
    private static final int PKCS8_SEED_OFFSET = 16;

    private final String name;
    private final int keyId;
    private final PrivateKey key;
    private final NoteKey verifier;

    private NoteSigner(String name, int keyId, byte[] seed) {
        if (!NoteKey.validName(name)) {
            throw new IllegalArgumentException("a key name is non-empty, without spaces or '+'");
        }
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
        }
        this.name = name;
        this.keyId = keyId;
        try {
            this.key = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 seed: " + e.getMessage(), e);
        }
        this.verifier = NoteKey.of(name, publicKeyOf(seed));
        if (verifier.keyId() != keyId) {
            throw new IllegalArgumentException("the key id does not match the name and key");
        }
    }

    /**
     * The public key of an Ed25519 seed (RFC 8032 §5.1.5). The JDK has no call for it, but its key pair generator
     * takes the seed from its random source: given one that yields {@code seed}, it derives the public key; the
     * private key it returns is checked to be {@code seed}, so a platform that drew its bytes otherwise is noticed.
     */
    private static byte[] publicKeyOf(byte[] seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new java.security.SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    System.arraycopy(seed, 0, bytes, 0, Math.min(bytes.length, seed.length));
                }
            });
            KeyPair pair = generator.generateKeyPair();
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            if (pkcs8.length != PKCS8_SEED_OFFSET + 32
                    || !Arrays.equals(Arrays.copyOfRange(pkcs8, PKCS8_SEED_OFFSET, pkcs8.length), seed)) {
                throw new IllegalStateException("this Java platform derives Ed25519 keys otherwise");
            }
            byte[] spki = pair.getPublic().getEncoded();
            return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 15+ platform has Ed25519", e);
        }
    }

    /** This key's verifier key, for the notes it signs. */
    public NoteKey verifier() {
        return verifier;
    }

    /** A new key pair for {@code name}: its signer and verifier key. */
    public record Generated(NoteSigner signer, NoteKey verifier, String encodedSigner) {}

    public static Generated generate(String name) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            if (pkcs8.length != PKCS8_SEED_OFFSET + 32) {
                throw new IllegalStateException("an unexpected PKCS #8 encoding of " + pkcs8.length + " bytes");
            }
            NoteKey verifier = NoteKey.of(name, Arrays.copyOfRange(spki, spki.length - 32, spki.length));
            byte[] seed = Arrays.copyOfRange(pkcs8, PKCS8_SEED_OFFSET, PKCS8_SEED_OFFSET + 32);
            NoteSigner signer = new NoteSigner(name, verifier.keyId(), seed);
            byte[] typed = new byte[33];
            typed[0] = NoteKey.ED25519;
            System.arraycopy(seed, 0, typed, 1, 32);
            String encoded = PREFIX + name + "+" + String.format("%08x", verifier.keyId()) + "+"
                    + Base64.getEncoder().encodeToString(typed);
            return new Generated(signer, verifier, encoded);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 15+ platform has Ed25519", e);
        }
    }

    /** Reads an encoded private key; refuses any other key type or a malformed part. */
    public static NoteSigner parse(String encoded) {
        if (encoded == null || !encoded.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a signer key starts with " + PREFIX);
        }
        String[] parts =
                NoteKey.parts(encoded.substring(PREFIX.length()), "a signer key is PRIVATE+KEY+name+keyid+key");
        byte[] seed = NoteKey.ed25519(parts[2], "signer");
        return new NoteSigner(parts[0], Integer.parseUnsignedInt(parts[1], 16), seed);
    }

    public String name() {
        return name;
    }

    public int keyId() {
        return keyId;
    }

    /** Whether {@code verifier} is this signer's public key: same name and id, and it verifies what this signs. */
    public boolean matches(NoteKey verifier) {
        byte[] probe = "termsguard key probe\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return verifier.name().equals(name) && verifier.keyId() == keyId && verifier.verifies(probe, sign(probe));
    }

    byte[] sign(byte[] text) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(text);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
