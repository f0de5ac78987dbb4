package org.termsguard.alert.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * C2SP signed-note and tlog-checkpoint against published vectors: golang.org/x/mod's {@code sumdb/note/note_test.go}
 * (BSD-3-Clause: PeterNeumann's and EnochRoot's keys, the signed text and its exact signature) and a checkpoint
 * sum.golang.org signed, with its published verifier key (transparency-dev/formats {@code log/note_test.go},
 * Apache-2.0).
 */
class SignedNoteTest {

    private static final String PETER_KEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String PETER_SIGNER =
            "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String ENOCH_KEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
    private static final String TEXT =
            "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private static final String PETER_SIG = "\u2014 PeterNeumann"
            + " x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    private static final String ENOCH_SIG = "\u2014 EnochRoot"
            + " rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

    private static final String SUM_GOLANG_KEY = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";
    private static final String SUM_GOLANG_CHECKPOINT = "go.sum database tree\n6476701\n"
            + "mb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\n\n\u2014 sum.golang.org"
            + " Az3grsLX85Gz+s1SiTbgkuqxgItqFq7gsMUEyVnrsa9LM7Us9S+1xbFIGu95949rj4nPRYfvimWEPWL+o3GeoWwOoAw=\n";

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void signingWithThePublishedKeyGivesThePublishedNote() {
        NoteSigner signer = NoteSigner.parse(PETER_SIGNER);

        assertThat(SignedNote.sign(TEXT, signer)).isEqualTo(TEXT + "\n" + PETER_SIG);
        assertThat(signer.matches(NoteKey.parse(PETER_KEY))).isTrue();
        assertThat(signer.matches(NoteKey.parse(ENOCH_KEY))).isFalse();
        assertThat(NoteKey.parse(PETER_KEY).encoded()).isEqualTo(PETER_KEY);
        // The public key derived from the published seed is the published verifier key.
        assertThat(signer.verifier().encoded()).isEqualTo(PETER_KEY);
    }

    @Test
    void aNoteOpensWithTheKeysItKnowsAndReportsTheOthers() throws Exception {
        byte[] note = utf8(TEXT + "\n" + PETER_SIG + ENOCH_SIG);

        SignedNote.Opened one = SignedNote.open(note, List.of(NoteKey.parse(PETER_KEY)));
        SignedNote.Opened both = SignedNote.open(note, List.of(NoteKey.parse(PETER_KEY), NoteKey.parse(ENOCH_KEY)));

        assertThat(one.text()).isEqualTo(TEXT);
        assertThat(one.signedBy()).containsExactly("PeterNeumann");
        assertThat(one.unknownSignatures()).containsExactly(ENOCH_SIG.strip());
        assertThat(both.signedBy()).containsExactly("PeterNeumann", "EnochRoot");
        assertThatThrownBy(() -> SignedNote.open(note, List.of()))
                .isInstanceOf(SignedNote.Refused.class)
                .hasMessage("note has no verifiable signatures");
    }

    @Test
    void aTamperedNoteOrSignatureIsRefused() {
        NoteKey peter = NoteKey.parse(PETER_KEY);
        String badSignature = PETER_SIG.substring(0, 60) + "ABCD" + PETER_SIG.substring(60);
        assertThatThrownBy(() -> SignedNote.open(utf8(TEXT + "\n" + badSignature), List.of(peter)))
                .isInstanceOf(SignedNote.Refused.class)
                .hasMessage("invalid signature for key PeterNeumann+c74f20a3");
        assertThatThrownBy(() ->
                        SignedNote.open(utf8(TEXT.replace("answer", "Answer") + "\n" + PETER_SIG), List.of(peter)))
                .isInstanceOf(SignedNote.Refused.class);
        // The malformed notes of note_test.go's TestOpen.
        for (String malformed : List.of(
                TEXT,
                TEXT + "\n",
                TEXT + "\n" + PETER_SIG.substring(0, PETER_SIG.length() - 1),
                "\u0001" + TEXT + "\n" + PETER_SIG,
                TEXT + "\n"
                        + "\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
                TEXT + "\n" + PETER_SIG + "Unexpected line.\n",
                TEXT + "\n" + PETER_SIG.repeat(101))) {
            assertThatThrownBy(() -> SignedNote.open(utf8(malformed), List.of(peter)))
                    .as(malformed)
                    .isInstanceOf(SignedNote.Refused.class);
        }
        byte[] notUtf8 = utf8("x" + TEXT + "\n" + PETER_SIG);
        notUtf8[0] = (byte) 0xff;
        assertThatThrownBy(() -> SignedNote.open(notUtf8, List.of(peter))).isInstanceOf(SignedNote.Refused.class);
    }

    @Test
    void mangledKeysAreRefused() {
        // note_test.go's TestNewVerifier: every substring and every one-byte change of the key is refused.
        byte[] key = utf8(PETER_KEY);
        for (int i = 0; i <= key.length; i++) {
            for (int j = i + 1; j <= key.length; j++) {
                if (i == 0 && j == key.length) {
                    continue;
                }
                String part = new String(key, i, j - i, StandardCharsets.UTF_8);
                assertThatThrownBy(() -> NoteKey.parse(part)).as(part).isInstanceOf(IllegalArgumentException.class);
            }
        }
        for (int i = 0; i < key.length; i++) {
            byte[] changed = key.clone();
            changed[i]++;
            String mangled = new String(changed, StandardCharsets.UTF_8);
            assertThatThrownBy(() -> NoteKey.parse(mangled)).as(mangled).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> NoteKey.parse("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteSigner.parse(PETER_SIGNER.replace("AYEK", "AZEK")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRealCheckpointOfSumGolangOrgVerifiesAndReads() throws Exception {
        SignedNote.Opened opened = SignedNote.open(utf8(SUM_GOLANG_CHECKPOINT), List.of(NoteKey.parse(SUM_GOLANG_KEY)));
        Checkpoint checkpoint = Checkpoint.parse(opened.text());

        assertThat(opened.signedBy()).containsExactly("sum.golang.org");
        assertThat(checkpoint.origin()).isEqualTo("go.sum database tree");
        assertThat(checkpoint.size()).isEqualTo(6476701L);
        assertThat(Base64.getEncoder().encodeToString(checkpoint.rootHash()))
                .isEqualTo("mb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=");
        assertThat(checkpoint.body()).isEqualTo(opened.text());
    }

    @Test
    void aGeneratedKeySignsCheckpointsItsVerifierKeyOpens() throws Exception {
        NoteSigner.Generated generated = NoteSigner.generate("termsguard.example/evidence/reddit");
        Checkpoint checkpoint = new Checkpoint("termsguard.example/evidence/reddit", 8, MerkleTree.emptyRoot());

        String note = SignedNote.sign(checkpoint.body(), NoteSigner.parse(generated.encodedSigner()));
        SignedNote.Opened opened = SignedNote.open(
                utf8(note), List.of(NoteKey.parse(generated.verifier().encoded())));

        assertThat(Checkpoint.parse(opened.text())).isEqualTo(checkpoint);
        assertThat(generated.signer().matches(generated.verifier())).isTrue();
    }

    @Test
    void checkpointBodiesAreReadStrictly() {
        String root = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(Checkpoint.parse("log\n0\n" + root + "\n").size()).isZero();
        assertThat(Checkpoint.parse("log\n5\n" + root + "\next one\n").extensions())
                .containsExactly("ext one");
        for (String bad : List.of(
                "log\n05\n" + root + "\n",
                "log\n-1\n" + root + "\n",
                "log\n99999999999999999999\n" + root + "\n",
                "log\n5\n" + root,
                "log\n5\n",
                "\n5\n" + root + "\n",
                "log\n5\n" + Base64.getEncoder().encodeToString(new byte[31]) + "\n",
                "log\n5\n" + root + "\n\n")) {
            assertThatThrownBy(() -> Checkpoint.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
