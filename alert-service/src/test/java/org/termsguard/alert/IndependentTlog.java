package org.termsguard.alert;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A verifier of Termsguard's evidence log written for the tests from the specifications alone, sharing no code with
 * the service (issue #20: "an independent verifier in the tests"): RFC 9162 §2.1 hashing and proof verification, and
 * C2SP signed-note verification of an Ed25519 checkpoint with the JDK.
 */
final class IndependentTlog {

    private static final HexFormat HEX = HexFormat.of();

    private IndependentTlog() {}

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 9162 §2.1.1: SHA-256(0x00 ‖ entry). */
    static byte[] leaf(String canonicalJson) {
        return sha256(new byte[] {0}, canonicalJson.getBytes(StandardCharsets.UTF_8));
    }

    static String leafHex(String canonicalJson) {
        return HEX.formatHex(leaf(canonicalJson));
    }

    static byte[] node(byte[] left, byte[] right) {
        return sha256(new byte[] {1}, left, right);
    }

    /** RFC 9162 §2.1.3.2: the root an inclusion path leads to, or null when the path cannot be one. */
    static byte[] rootOf(long index, long size, byte[] leafHash, List<String> path) {
        if (index >= size) {
            return null;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (String hex : path) {
            byte[] p = HEX.parseHex(hex);
            if (sn == 0) {
                return null;
            }
            if (fn % 2 == 1 || fn == sn) {
                r = node(p, r);
                while (fn % 2 == 0 && fn != 0) {
                    fn /= 2;
                    sn /= 2;
                }
            } else {
                r = node(r, p);
            }
            fn /= 2;
            sn /= 2;
        }
        return sn == 0 ? r : null;
    }

    /** RFC 9162 §2.1.4.2. */
    static boolean consistent(long first, long second, byte[] firstRoot, byte[] secondRoot, List<String> proof) {
        if (first == second) {
            return proof.isEmpty() && Arrays.equals(firstRoot, secondRoot);
        }
        if (first <= 0 || first > second || proof.isEmpty()) {
            return false;
        }
        List<byte[]> path =
                new java.util.ArrayList<>(proof.stream().map(HEX::parseHex).toList());
        if ((first & (first - 1)) == 0) {
            path.add(0, firstRoot);
        }
        long fn = first - 1;
        long sn = second - 1;
        while (fn % 2 == 1) {
            fn /= 2;
            sn /= 2;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if (fn % 2 == 1 || fn == sn) {
                fr = node(c, fr);
                sr = node(c, sr);
                while (fn % 2 == 0 && fn != 0) {
                    fn /= 2;
                    sn /= 2;
                }
            } else {
                sr = node(sr, c);
            }
            fn /= 2;
            sn /= 2;
        }
        return sn == 0 && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot);
    }

    /** A checkpoint as C2SP tlog-checkpoint reads it. */
    record Checkpoint(String origin, long size, byte[] root) {}

    /**
     * C2SP signed-note: the text up to the last blank line is signed; the line {@code — name base64(keyid ‖ sig)} must
     * carry the verifier key's name and id and verify with its Ed25519 key. Answers the checkpoint it signs.
     */
    static Checkpoint open(String note, String verifierKey) throws Exception {
        String[] key = verifierKey.strip().split("\\+", 3);
        byte[] typed = Base64.getDecoder().decode(key[2]);
        if (typed.length != 33 || typed[0] != 1) {
            throw new AssertionError("not an Ed25519 verifier key: " + verifierKey);
        }
        byte[] publicKey = Arrays.copyOfRange(typed, 1, 33);
        byte[] id = Arrays.copyOf(sha256(key[0].getBytes(StandardCharsets.UTF_8), new byte[] {'\n', 1}, publicKey), 4);
        if (!HEX.formatHex(id).equals(key[1])) {
            throw new AssertionError("the verifier key's id is not its hash");
        }
        int split = note.lastIndexOf("\n\n");
        String text = note.substring(0, split + 1);
        String line = note.substring(split + 2).strip();
        String prefix = "\u2014 " + key[0] + " ";
        if (!line.startsWith(prefix)) {
            throw new AssertionError("no signature by " + key[0] + ": " + line);
        }
        byte[] signature = Base64.getDecoder().decode(line.substring(prefix.length()));
        if (!Arrays.equals(Arrays.copyOf(signature, 4), id)) {
            throw new AssertionError("the signature names another key id");
        }
        byte[] spki = HEX.parseHex("302a300506032b6570032100" + HEX.formatHex(publicKey));
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        ed25519.update(text.getBytes(StandardCharsets.UTF_8));
        if (!ed25519.verify(Arrays.copyOfRange(signature, 4, signature.length))) {
            throw new AssertionError("the checkpoint's signature does not verify");
        }
        String[] lines = text.split("\n");
        return new Checkpoint(
                lines[0], Long.parseLong(lines[1]), Base64.getDecoder().decode(lines[2]));
    }
}
