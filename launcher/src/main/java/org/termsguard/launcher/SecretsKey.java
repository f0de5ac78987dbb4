package org.termsguard.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;
import org.termsguard.alert.evidence.NoteSigner;

/**
 * The local stack's keys, each made on first start into a file of {@code .termsguard/} readable by its owner only
 * (0600), and the same on every later start: alert-service's key for sealed receiver secrets ({@code
 * termsguard.alert.secrets.key}, 32 random bytes), so routes written before stay readable, and the key that signs the
 * evidence log's checkpoints ({@code termsguard.alert.evidence.log-key}), so checkpoints signed before still verify.
 */
final class SecretsKey {

    static final String FILE = "alert-secrets.key";
    static final String EVIDENCE_FILE = "evidence-log.key";

    /** The name of the local stack's evidence-log key, which is also its checkpoints' origin before the owner. */
    static final String EVIDENCE_ORIGIN = "termsguard.local/evidence";

    private SecretsKey() {}

    /** The secrets key in {@code state}, made there first if there is none. */
    static String in(Path state) throws IOException {
        return in(state, FILE, () -> {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return Base64.getEncoder().encodeToString(key);
        });
    }

    /** The evidence-log signing key in {@code state} (C2SP signed-note's private key form), made first if none. */
    static String evidenceIn(Path state) throws IOException {
        return in(
                state, EVIDENCE_FILE, () -> NoteSigner.generate(EVIDENCE_ORIGIN).encodedSigner());
    }

    private static String in(Path state, String name, Supplier<String> make) throws IOException {
        Path file = state.resolve(name);
        if (!Files.exists(file)) {
            String key = make.get();
            Files.createDirectories(state);
            // Written whole to a file that is 0600 from its creation, then linked into place: link(2) never replaces
            // a file, so two launchers starting at once agree on the first key, and nobody reads a half-written one.
            Path written = Files.createTempFile(
                    state,
                    name,
                    ".new",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(written, key + "\n", StandardCharsets.US_ASCII);
                Files.createLink(file, written);
            } catch (FileAlreadyExistsException raced) {
                // Another launcher made it first: use that one.
            } finally {
                Files.deleteIfExists(written);
            }
        }
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }
}
