package org.termsguard.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.termsguard.alert.evidence.Checkpoint;
import org.termsguard.alert.evidence.EvidenceBundle;
import org.termsguard.alert.evidence.MerkleTree;
import org.termsguard.alert.evidence.NoteSigner;
import org.termsguard.alert.evidence.SignedNote;

/** The command as a recipient runs it: exit status and words for a good bundle, a changed one, a wrong key. */
class VerifyCommandTest {

    private static final NoteSigner.Generated KEY = NoteSigner.generate("termsguard.test");
    private static final String ORIGIN = "termsguard.test/evidence/reddit";

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = VerifyCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    /** A one-event bundle without a timestamp (the TSA's part is BundleVerifierTest's). */
    private static byte[] bundle() {
        String event = EvidenceBundle.canonical("{\"eventId\":\"ev-1\",\"owner\":\"reddit\"}");
        MerkleTree tree = new MerkleTree();
        tree.append(
                MerkleTree.leafHash("{\"eventId\":\"other\",\"owner\":\"reddit\"}".getBytes(StandardCharsets.UTF_8)));
        tree.append(MerkleTree.leafHash(event.getBytes(StandardCharsets.UTF_8)));
        String path = HexFormat.of().formatHex(tree.inclusionProof(1, 2).get(0));
        String root = HexFormat.of().formatHex(tree.root(2));
        return EvidenceBundle.write(
                new EvidenceBundle.Header("reddit", "inc-1", null, ORIGIN, 2, Instant.parse("2026-12-01T00:00:00Z")),
                List.of(
                        EvidenceBundle.File.text(EvidenceBundle.EVENTS, "events", event + "\n"),
                        EvidenceBundle.File.text(
                                EvidenceBundle.PROOFS,
                                "proofs",
                                "{\"proofs\":[{\"eventId\":\"ev-1\",\"leafIndex\":1,\"path\":[\"" + path
                                        + "\"]}],\"rootHash\":\"" + root + "\",\"treeSize\":2}"),
                        EvidenceBundle.File.text(
                                EvidenceBundle.CHECKPOINT,
                                "checkpoint",
                                SignedNote.sign(new Checkpoint(ORIGIN, 2, tree.root(2)).body(), KEY.signer())),
                        EvidenceBundle.File.text(
                                EvidenceBundle.LOG_KEY, "key", KEY.verifier().encoded() + "\n")),
                KEY.signer());
    }

    @Test
    void aGoodBundleVerifiesAndTheWordsSaySo(@TempDir Path dir) throws Exception {
        Path zip = Files.write(dir.resolve("b.zip"), bundle());

        Run run = run(zip.toString(), "--key", KEY.verifier().encoded());

        assertThat(run.status()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("ok    The evidence log key is the one you gave")
                .contains("1 event(s) of reddit (incident inc-1) are leaves 1 of that log")
                .contains("note  No trusted timestamp")
                .contains("VERIFIED");
        Files.writeString(dir.resolve("key.pub"), KEY.verifier().encoded() + "\n");
        assertThat(run(zip.toString(), "--key", dir.resolve("key.pub").toString())
                        .status())
                .isZero();
    }

    @Test
    void aChangedBundleOrAnotherKeyFailsLoudly(@TempDir Path dir) throws Exception {
        byte[] good = bundle();
        Path zip = Files.write(dir.resolve("b.zip"), good);
        Run other = run(
                zip.toString(),
                "--key",
                NoteSigner.generate("termsguard.test").verifier().encoded());
        assertThat(other.status()).isEqualTo(1);
        assertThat(other.out())
                .contains("FAIL")
                .contains("not by the key you trust")
                .contains("NOT VERIFIED");

        // Any byte of the zip changed: unreadable (2, a CRC or inflate error) or a failed check (1); verified only
        // where the byte is zip bookkeeping that leaves every file's content as it was (a timestamp, an unused flag).
        var original = EvidenceBundle.read(new java.io.ByteArrayInputStream(good));
        int refused = 0;
        for (int at = 0; at < good.length; at++) {
            byte[] changed = good.clone();
            changed[at] ^= 0x01;
            Files.write(zip, changed);
            Run run = run(zip.toString());
            int position = at;
            if (run.status() == 0) {
                var read = EvidenceBundle.read(new java.io.ByteArrayInputStream(changed));
                assertThat(read.keySet()).as("byte %d", at).isEqualTo(original.keySet());
                read.forEach((name, content) ->
                        assertThat(content).as("%s, byte %d", name, position).isEqualTo(original.get(name)));
            } else {
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(good.length / 2);
    }

    @Test
    void whatCannotBeReadIsSaidOnOneLine(@TempDir Path dir) throws Exception {
        Run missing = run(dir.resolve("absent.zip").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read");
        Path text = Files.writeString(dir.resolve("notes.zip"), "not a zip");
        assertThat(run(text.toString()).err()).contains("not a zip");
        assertThat(run(text.toString(), "--key", "nope+1+2").err()).contains("--key is not a C2SP note verifier key");
        assertThat(run().status()).isEqualTo(2);
        assertThat(run("--help").out()).contains("--tsa-ca");
    }
}
