package org.termsguard.alert.evidence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A transparency-log checkpoint's body (C2SP tlog-checkpoint): the origin line, the tree size in decimal, the root
 * hash in standard base64, then optional non-empty extension lines; every line ends in a newline. Signed as a
 * {@link SignedNote}.
 *
 * @param origin the log's unique identity, e.g. {@code termsguard.example/evidence/reddit}
 * @param size how many leaves the tree has
 * @param rootHash its RFC 9162 root hash
 * @param extensions further lines the log commits to (none here yet)
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {

    // tlog-checkpoint: ASCII decimal without leading zeroes, so that one size has one spelling.
    private static final Pattern SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");

    public Checkpoint {
        if (origin == null || origin.isEmpty() || origin.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("the origin is one non-empty line");
        }
        if (size < 0) {
            throw new IllegalArgumentException("the tree size is not negative");
        }
        if (rootHash == null || rootHash.length != MerkleTree.HASH_BYTES) {
            throw new IllegalArgumentException("the root hash is " + MerkleTree.HASH_BYTES + " bytes");
        }
        rootHash = rootHash.clone();
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        for (String line : extensions) {
            if (line.isEmpty() || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("an extension is one non-empty line");
            }
        }
    }

    public Checkpoint(String origin, long size, byte[] rootHash) {
        this(origin, size, rootHash, List.of());
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The note text a log signs. */
    public String body() {
        StringBuilder text = new StringBuilder()
                .append(origin)
                .append('\n')
                .append(size)
                .append('\n')
                .append(Base64.getEncoder().encodeToString(rootHash))
                .append('\n');
        extensions.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /** Reads a checkpoint's body (a signed note's verified text). */
    public static Checkpoint parse(String body) {
        if (body == null || !body.endsWith("\n")) {
            throw new IllegalArgumentException("a checkpoint body ends with a newline");
        }
        List<String> lines = new ArrayList<>(
                Arrays.asList(body.substring(0, body.length() - 1).split("\n", -1)));
        if (lines.size() < 3) {
            throw new IllegalArgumentException("a checkpoint has an origin, a size and a root hash line");
        }
        if (!SIZE.matcher(lines.get(1)).matches()) {
            throw new IllegalArgumentException("the tree size '" + lines.get(1) + "' is not a decimal number");
        }
        long size;
        try {
            size = Long.parseLong(lines.get(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the tree size '" + lines.get(1) + "' is too large", e);
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines.get(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the root hash is not base64", e);
        }
        if (!Base64.getEncoder().encodeToString(root).equals(lines.get(2))) {
            throw new IllegalArgumentException("the root hash is not in canonical base64");
        }
        return new Checkpoint(lines.get(0), size, root, lines.subList(3, lines.size()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint c
                && c.origin.equals(origin)
                && c.size == size
                && Arrays.equals(c.rootHash, rootHash)
                && c.extensions.equals(extensions);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * origin.hashCode() + Long.hashCode(size)) + Arrays.hashCode(rootHash);
    }

    @Override
    public String toString() {
        return body();
    }
}
