package org.termsguard.alert.evidence;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * C2SP signed-note: a text (valid UTF-8, no control characters but newlines, ending in a newline) followed by a blank
 * line and one line per signature, {@code — <name> <base64(key id ‖ signature)>} with U+2014 before the name. What
 * is signed is the text alone, its final newline included.
 */
public final class SignedNote {

    private static final String DASH = "\u2014 ";
    // As Go's golang.org/x/mod/sumdb/note: a note with more signature lines than this is refused unread.
    private static final int MAX_SIGNATURES = 100;

    /** A note whose signatures were checked: the text, who verifiably signed it, and the lines no key was known for. */
    public record Opened(String text, List<String> signedBy, List<String> unknownSignatures) {}

    /** Why a note was refused. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private SignedNote() {}

    /** The note: {@code text}, a blank line, and {@code signer}'s signature line. */
    public static String sign(String text, NoteSigner signer) {
        if (!validText(text)) {
            throw new IllegalArgumentException(
                    "a note's text is non-empty UTF-8 ending in a newline, with no other control characters");
        }
        byte[] signature = signer.sign(text.getBytes(StandardCharsets.UTF_8));
        byte[] line = ByteBuffer.allocate(4 + signature.length)
                .putInt(signer.keyId())
                .put(signature)
                .array();
        return text + "\n" + DASH + signer.name() + " " + Base64.getEncoder().encodeToString(line) + "\n";
    }

    /**
     * Checks a note's signatures against {@code keys}: every signature by a known key (same name and key id) must
     * verify, and at least one must be there; signatures by other keys are reported, not judged.
     */
    public static Opened open(byte[] note, List<NoteKey> keys) throws Refused {
        String whole;
        try {
            whole = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(note))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Refused("malformed note: not UTF-8");
        }
        int split = whole.lastIndexOf("\n\n");
        if (split < 0 || !whole.endsWith("\n")) {
            throw new Refused("malformed note: no blank line before the signatures");
        }
        String text = whole.substring(0, split + 1);
        if (!validText(text)) {
            throw new Refused("malformed note: its text has control characters or no final newline");
        }
        String signatures = whole.substring(split + 2);
        if (signatures.isEmpty()) {
            throw new Refused("malformed note: no signature lines");
        }
        String[] lines = signatures.substring(0, signatures.length() - 1).split("\n", -1);
        if (lines.length > MAX_SIGNATURES) {
            throw new Refused("malformed note: more than " + MAX_SIGNATURES + " signatures");
        }
        byte[] signed = text.getBytes(StandardCharsets.UTF_8);
        List<String> signedBy = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith(DASH)) {
                throw new Refused("malformed note: a signature line does not start with \u2014");
            }
            String[] nameAndSignature = line.substring(DASH.length()).split(" ", -1);
            if (nameAndSignature.length != 2 || !NoteKey.validName(nameAndSignature[0])) {
                throw new Refused("malformed note: a signature line is \u2014 name signature");
            }
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(nameAndSignature[1]);
            } catch (IllegalArgumentException e) {
                throw new Refused("malformed note: a signature is not base64");
            }
            if (decoded.length < 5) {
                throw new Refused("malformed note: a signature is shorter than its key id");
            }
            int keyId = ByteBuffer.wrap(decoded, 0, 4).getInt();
            List<NoteKey> known = keys.stream()
                    .filter(k -> k.name().equals(nameAndSignature[0]) && k.keyId() == keyId)
                    .toList();
            if (known.isEmpty()) {
                if (!unknown.contains(line)) {
                    unknown.add(line);
                }
                continue;
            }
            byte[] signature = java.util.Arrays.copyOfRange(decoded, 4, decoded.length);
            if (!known.get(0).verifies(signed, signature)) {
                throw new Refused(
                        "invalid signature for key " + nameAndSignature[0] + "+" + String.format("%08x", keyId));
            }
            if (!signedBy.contains(nameAndSignature[0])) {
                signedBy.add(nameAndSignature[0]);
            }
        }
        if (signedBy.isEmpty()) {
            throw new Refused("note has no verifiable signatures");
        }
        return new Opened(text, List.copyOf(signedBy), List.copyOf(unknown));
    }

    static boolean validText(String text) {
        if (text == null || text.isEmpty() || !text.endsWith("\n")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // As golang.org/x/mod/sumdb/note, the reference implementation: C0 controls but newline are refused.
            if ((c < 0x20 && c != '\n') || Character.isSurrogate(c) && !validSurrogate(text, i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean validSurrogate(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c)
                ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
