package org.termsguard.alert.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 9162 §2.1 against transparency-dev/merkle's known answers ({@code testonly/constants.go} and {@code
 * reference_test.go}, Apache-2.0: eight leaf inputs, the roots of every size, and hand-checked inclusion and
 * consistency proofs), and against a reference written here from the RFC's recursive definitions, which the tree's
 * stored-subtree arithmetic does not share.
 */
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    /** transparency-dev/merkle testonly.LeafInputs(). */
    private static final List<byte[]> INPUTS = List.of(
            HEX.parseHex(""),
            HEX.parseHex("00"),
            HEX.parseHex("10"),
            HEX.parseHex("2021"),
            HEX.parseHex("3031"),
            HEX.parseHex("40414243"),
            HEX.parseHex("5051525354555657"),
            HEX.parseHex("606162636465666768696a6b6c6d6e6f"));

    /** transparency-dev/merkle testonly.RootHashes(), by tree size from 0. */
    private static final List<String> ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private static MerkleTree tree(List<byte[]> entries) {
        MerkleTree tree = new MerkleTree();
        entries.forEach(e -> tree.append(MerkleTree.leafHash(e)));
        return tree;
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }

    private static List<byte[]> bytes(String hexes) {
        return hexes.isEmpty()
                ? List.of()
                : List.of(hexes.split(" ")).stream().map(HEX::parseHex).toList();
    }

    @Test
    void everyRootOfTheKnownTreeIsTheKnownRoot() {
        MerkleTree tree = tree(INPUTS);
        for (int size = 0; size <= 8; size++) {
            assertThat(HEX.formatHex(tree.root(size))).as("size " + size).isEqualTo(ROOTS.get(size));
        }
        assertThat(HEX.formatHex(MerkleTree.leafHash(INPUTS.get(0))))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }

    /** transparency-dev/merkle TestRefInclusionProof. */
    @ParameterizedTest(name = "leaf {0} of {1}")
    @CsvSource({
        "0, 1, ''",
        "0, 2, 96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "1, 2, 6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "2, 3, fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "1, 5, 6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"
                + " 5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"
                + " bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "0, 8, 96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"
                + " 5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"
                + " 6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        "5, 8, bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"
                + " ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"
                + " d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"
    })
    void inclusionProofsAreTheKnownOnesAndVerify(long index, long size, String expected) {
        MerkleTree tree = tree(INPUTS);
        List<byte[]> proof = tree.inclusionProof(index, size);

        assertThat(hex(proof)).isEqualTo(hex(bytes(expected)));
        assertThat(MerkleTree.verifyInclusion(
                        index, size, MerkleTree.leafHash(INPUTS.get((int) index)), proof, tree.root(size)))
                .isTrue();
    }

    /** transparency-dev/merkle TestRefConsistencyProof. */
    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({
        "1, 1, ''",
        "1, 8, 96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"
                + " 5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"
                + " 6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        "2, 5, 5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"
                + " bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "6, 8, 0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"
                + " ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"
                + " d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"
    })
    void consistencyProofsAreTheKnownOnesAndVerify(long first, long second, String expected) {
        MerkleTree tree = tree(INPUTS);
        List<byte[]> proof = tree.consistencyProof(first, second);

        assertThat(hex(proof)).isEqualTo(hex(bytes(expected)));
        assertThat(MerkleTree.verifyConsistency(first, second, tree.root(first), tree.root(second), proof))
                .isTrue();
    }

    /** Every proof of every pair of sizes up to 70 random leaves: as the reference makes it, and verifying. */
    @Test
    void agreesWithTheRfcsRecursiveDefinitionsEverywhere() {
        Random random = new Random(9162);
        List<byte[]> entries = new ArrayList<>();
        MerkleTree tree = new MerkleTree();
        for (int n = 1; n <= 70; n++) {
            byte[] entry = new byte[random.nextInt(40)];
            random.nextBytes(entry);
            entries.add(entry);
            tree.append(MerkleTree.leafHash(entry));
        }
        for (int n = 1; n <= 70; n++) {
            List<byte[]> prefix = entries.subList(0, n);
            byte[] root = Reference.mth(prefix);
            assertThat(tree.root(n)).as("root of " + n).isEqualTo(root);
            for (int m = 0; m < n; m++) {
                List<byte[]> path = tree.inclusionProof(m, n);
                assertThat(hex(path)).as("path " + m + " of " + n).isEqualTo(hex(Reference.path(m, prefix)));
                assertThat(MerkleTree.verifyInclusion(m, n, MerkleTree.leafHash(entries.get(m)), path, root))
                        .isTrue();
            }
            for (int m = 1; m <= n; m++) {
                List<byte[]> proof = tree.consistencyProof(m, n);
                assertThat(hex(proof)).as("proof " + m + " to " + n).isEqualTo(hex(Reference.proof(m, prefix)));
                assertThat(MerkleTree.verifyConsistency(m, n, tree.root(m), root, proof))
                        .as("consistency " + m + " to " + n)
                        .isTrue();
            }
        }
    }

    @Test
    void anyChangeToAProofOrItsClaimsFailsIt() {
        MerkleTree tree = tree(INPUTS);
        byte[] leaf = MerkleTree.leafHash(INPUTS.get(5));
        List<byte[]> proof = tree.inclusionProof(5, 8);
        byte[] root = tree.root(8);
        for (int i = 0; i < proof.size(); i++) {
            for (int bit = 0; bit < 8; bit++) {
                List<byte[]> tampered =
                        new ArrayList<>(proof.stream().map(byte[]::clone).toList());
                tampered.get(i)[bit * 4] ^= (byte) (1 << bit);
                assertThat(MerkleTree.verifyInclusion(5, 8, leaf, tampered, root))
                        .isFalse();
            }
        }
        assertThat(MerkleTree.verifyInclusion(4, 8, leaf, proof, root))
                .as("another index")
                .isFalse();
        // A path binds the size only through its shape (leaf 5 has the same path shape in trees of 7 and 8):
        // the signed checkpoint binds size and root together. A size of another shape fails.
        assertThat(MerkleTree.verifyInclusion(5, 6, leaf, proof, root))
                .as("another size")
                .isFalse();
        assertThat(MerkleTree.verifyInclusion(5, 8, MerkleTree.leafHash(INPUTS.get(4)), proof, root))
                .isFalse();
        assertThat(MerkleTree.verifyInclusion(5, 8, leaf, proof.subList(0, 2), root))
                .as("a short proof")
                .isFalse();
        List<byte[]> longer = new ArrayList<>(proof);
        longer.add(root);
        assertThat(MerkleTree.verifyInclusion(5, 8, leaf, longer, root))
                .as("a long proof")
                .isFalse();
        assertThat(MerkleTree.verifyInclusion(8, 8, leaf, proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(-1, 8, leaf, proof, root)).isFalse();

        List<byte[]> consistency = tree.consistencyProof(6, 8);
        assertThat(MerkleTree.verifyConsistency(6, 8, tree.root(5), root, consistency))
                .isFalse();
        assertThat(MerkleTree.verifyConsistency(6, 8, tree.root(6), tree.root(7), consistency))
                .isFalse();
        assertThat(MerkleTree.verifyConsistency(5, 8, tree.root(6), root, consistency))
                .isFalse();
        assertThat(MerkleTree.verifyConsistency(6, 8, tree.root(6), root, List.of()))
                .isFalse();
        assertThat(MerkleTree.verifyConsistency(0, 8, tree.root(0), root, consistency))
                .isFalse();
        assertThat(MerkleTree.verifyConsistency(8, 8, root, tree.root(7), List.of()))
                .isFalse();
    }

    @Test
    void sizesAndIndexesOutsideTheTreeAreRefused() {
        MerkleTree tree = tree(INPUTS);
        assertThatThrownBy(() -> tree.root(9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.inclusionProof(3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(4, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.append(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThat(MerkleTree.largestPowerOfTwoBelow(2)).isEqualTo(1);
        assertThat(MerkleTree.largestPowerOfTwoBelow(8)).isEqualTo(4);
        assertThat(MerkleTree.largestPowerOfTwoBelow(28937)).isEqualTo(16384);
    }

    /** RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 as written: recursion over lists, hashing everything every time. */
    static final class Reference {
        static byte[] mth(List<byte[]> d) {
            try {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                if (d.isEmpty()) {
                    return sha256.digest();
                }
                if (d.size() == 1) {
                    sha256.update((byte) 0);
                    return sha256.digest(d.get(0));
                }
                int k = Integer.highestOneBit(d.size() - 1);
                sha256.update((byte) 1);
                sha256.update(mth(d.subList(0, k)));
                return sha256.digest(mth(d.subList(k, d.size())));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        static List<byte[]> path(int m, List<byte[]> d) {
            List<byte[]> out = new ArrayList<>();
            if (d.size() == 1) {
                return out;
            }
            int k = Integer.highestOneBit(d.size() - 1);
            if (m < k) {
                out.addAll(path(m, d.subList(0, k)));
                out.add(mth(d.subList(k, d.size())));
            } else {
                out.addAll(path(m - k, d.subList(k, d.size())));
                out.add(mth(d.subList(0, k)));
            }
            return out;
        }

        static List<byte[]> proof(int m, List<byte[]> d) {
            return subproof(m, d, true);
        }

        private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
            List<byte[]> out = new ArrayList<>();
            if (m == d.size()) {
                if (!b) {
                    out.add(mth(d));
                }
                return out;
            }
            int k = Integer.highestOneBit(d.size() - 1);
            if (m <= k) {
                out.addAll(subproof(m, d.subList(0, k), b));
                out.add(mth(d.subList(k, d.size())));
            } else {
                out.addAll(subproof(m - k, d.subList(k, d.size()), false));
                out.add(mth(d.subList(0, k)));
            }
            return out;
        }
    }
}
