package org.termsguard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsKeyTest {

    @Test
    void theKeyIsMadeOnceReadableByItsOwnerOnlyAndTheSameOnEveryStart(@TempDir Path root) throws IOException {
        Path state = root.resolve(".termsguard");

        String first = SecretsKey.in(state);

        assertThat(Base64.getDecoder().decode(first)).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(SecretsKey.FILE))))
                .isEqualTo("rw-------");
        assertThat(SecretsKey.in(state)).isEqualTo(first);
        try (var left = Files.list(state)) {
            assertThat(left).containsExactly(state.resolve(SecretsKey.FILE));
        }
    }

    @Test
    void theEvidenceKeyIsASignedNoteKeyMadeOnce(@TempDir Path root) throws IOException {
        Path state = root.resolve(".termsguard");

        String first = SecretsKey.evidenceIn(state);

        org.termsguard.alert.evidence.NoteSigner signer = org.termsguard.alert.evidence.NoteSigner.parse(first);
        assertThat(signer.name()).isEqualTo(SecretsKey.EVIDENCE_ORIGIN);
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(state.resolve(SecretsKey.EVIDENCE_FILE))))
                .isEqualTo("rw-------");
        assertThat(SecretsKey.evidenceIn(state)).isEqualTo(first);
    }
}
