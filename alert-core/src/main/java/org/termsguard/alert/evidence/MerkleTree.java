package org.termsguard.alert.evidence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An append-only Merkle tree as RFC 9162 §2.1 defines it (the Certificate Transparency tree, also C2SP's): leaf hash
 * {@code SHA-256(0x00 ‖ entry)}, node hash {@code SHA-256(0x01 ‖ left ‖ right)}, the tree over {@code n} leaves split
 * at the largest power of two smaller than {@code n}; the root of any earlier size, inclusion proofs (§2.1.3) and
 * consistency proofs (§2.1.4) between sizes, and their verification.
 *
 * <p>Each complete subtree's hash is kept as it completes (level {@code l} holds the hashes of the aligned subtrees of
 * {@code 2^l} leaves), so a root or a proof of any size costs {@code O(log n)} lookups and at most {@code O(log n)}
 * hashes, never a pass over the leaves; about 64 bytes per leaf in all. Not thread-safe: one writer, or a copy per
 * reader.
 */
public final class MerkleTree {

    /** Bytes of a SHA-256 hash. */
    public static final int HASH_BYTES = 32;

    private static final byte LEAF = 0x00;
    private static final byte NODE = 0x01;

    /** {@code levels.get(l)} holds the hashes of the complete aligned subtrees of {@code 2^l} leaves, in order. */
    private final List<HashLevel> levels = new ArrayList<>();

    private long size;

    /** The leaf hash of an entry: {@code SHA-256(0x00 ‖ entry)} (RFC 9162 §2.1.1). */
    public static byte[] leafHash(byte[] entry) {
        MessageDigest sha256 = sha256();
        sha256.update(LEAF);
        return sha256.digest(entry);
    }

    /** An interior node's hash: {@code SHA-256(0x01 ‖ left ‖ right)}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha256 = sha256();
        sha256.update(NODE);
        sha256.update(left);
        return sha256.digest(right);
    }

    /** The root of the empty tree: the SHA-256 of no bytes. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    public long size() {
        return size;
    }

    /** Adds a leaf, by its leaf hash; answers its index. */
    public long append(byte[] leafHash) {
        requireHash(leafHash);
        if (levels.isEmpty()) {
            levels.add(new HashLevel());
        }
        long index = size;
        levels.get(0).add(leafHash);
        size++;
        // A subtree of 2^(l+1) leaves completes whenever level l gets its second, fourth, ... entry.
        for (int l = 0; levels.get(l).size() % 2 == 0; l++) {
            HashLevel level = levels.get(l);
            byte[] combined = nodeHash(level.get(level.size() - 2), level.get(level.size() - 1));
            if (levels.size() == l + 1) {
                levels.add(new HashLevel());
            }
            levels.get(l + 1).add(combined);
        }
        return index;
    }

    /** The leaf hash at {@code index}. */
    public byte[] leaf(long index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("no leaf " + index + " in a tree of " + size);
        }
        return levels.get(0).get(index);
    }

    /** The root of the tree as it was at {@code treeSize} leaves. */
    public byte[] root(long treeSize) {
        requireSize(treeSize);
        return treeSize == 0 ? emptyRoot() : hash(0, treeSize);
    }

    /**
     * The inclusion proof of leaf {@code index} in the tree of {@code treeSize} leaves: RFC 9162 §2.1.3.1's
     * {@code PATH(m, D[n])}, nearest sibling first.
     */
    public List<byte[]> inclusionProof(long index, long treeSize) {
        requireSize(treeSize);
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("no leaf " + index + " in a tree of " + treeSize);
        }
        List<byte[]> path = new ArrayList<>();
        path(index, 0, treeSize, path);
        return path;
    }

    /**
     * The consistency proof between the trees of {@code first} and {@code second} leaves, {@code 0 < first <=
     * second}: RFC 9162 §2.1.4.1's {@code PROOF(m, D[n])}; empty when the sizes are equal.
     */
    public List<byte[]> consistencyProof(long first, long second) {
        requireSize(second);
        if (first <= 0 || first > second) {
            throw new IllegalArgumentException(
                    "a consistency proof needs 0 < first <= second, not " + first + " and " + second);
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(first, 0, second, true, proof);
        return proof;
    }

    /**
     * Whether {@code proof} shows the leaf hash at {@code index} in the tree of {@code treeSize} leaves whose root is
     * {@code root}: RFC 9162 §2.1.3.2, step by step.
     */
    public static boolean verifyInclusion(long index, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= treeSize || !isHash(leafHash) || !isHash(root)) {
            return false;
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0 || !isHash(p)) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /**
     * Whether {@code proof} shows the tree of {@code second} leaves with root {@code secondRoot} to extend the tree of
     * {@code first} leaves with root {@code firstRoot}: RFC 9162 §2.1.4.2, step by step. Equal sizes need an empty
     * proof and equal roots.
     */
    public static boolean verifyConsistency(
            long first, long second, byte[] firstRoot, byte[] secondRoot, List<byte[]> proof) {
        if (first <= 0 || first > second || !isHash(firstRoot) || !isHash(secondRoot)) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
        }
        if (proof.isEmpty() || proof.stream().anyMatch(p -> !isHash(p))) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstRoot);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot);
    }

    /** MTH(D[lo:hi]) from the stored complete subtrees: each left part of the RFC's split is one of them. */
    private byte[] hash(long lo, long hi) {
        long n = hi - lo;
        if (Long.bitCount(n) == 1 && lo % n == 0) {
            return levels.get(Long.numberOfTrailingZeros(n)).get(lo / n);
        }
        long k = largestPowerOfTwoBelow(n);
        return nodeHash(hash(lo, lo + k), hash(lo + k, hi));
    }

    private void path(long m, long lo, long hi, List<byte[]> out) {
        long n = hi - lo;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, lo, lo + k, out);
            out.add(hash(lo + k, hi));
        } else {
            path(m - k, lo + k, hi, out);
            out.add(hash(lo, lo + k));
        }
    }

    private void subproof(long m, long lo, long hi, boolean whole, List<byte[]> out) {
        long n = hi - lo;
        if (m == n) {
            if (!whole) {
                out.add(hash(lo, hi));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, lo, lo + k, whole, out);
            out.add(hash(lo + k, hi));
        } else {
            subproof(m - k, lo + k, hi, false, out);
            out.add(hash(lo, lo + k));
        }
    }

    /** The largest power of two smaller than {@code n}, {@code n >= 2} (RFC 9162 §2.1.1's k). */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private void requireSize(long treeSize) {
        if (treeSize < 0 || treeSize > size) {
            throw new IllegalArgumentException("the tree has " + size + " leaves, not " + treeSize);
        }
    }

    private static void requireHash(byte[] hash) {
        if (!isHash(hash)) {
            throw new IllegalArgumentException("a hash is " + HASH_BYTES + " bytes");
        }
    }

    private static boolean isHash(byte[] hash) {
        return hash != null && hash.length == HASH_BYTES;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** One level's hashes, 32 bytes each, in one growing array (no object per hash). */
    private static final class HashLevel {
        private byte[] bytes = new byte[HASH_BYTES * 16];
        private long count;

        void add(byte[] hash) {
            if ((count + 1) * HASH_BYTES > bytes.length) {
                if (bytes.length > Integer.MAX_VALUE / 2) {
                    throw new IllegalStateException(
                            "a tree level holds at most " + (bytes.length / HASH_BYTES) + " hashes");
                }
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            System.arraycopy(hash, 0, bytes, (int) (count * HASH_BYTES), HASH_BYTES);
            count++;
        }

        byte[] get(long index) {
            int from = (int) (index * HASH_BYTES);
            return Arrays.copyOfRange(bytes, from, from + HASH_BYTES);
        }

        long size() {
            return count;
        }
    }
}
