package org.termsguard.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local stack's key for alert-service's sealed receiver secrets ({@code termsguard.alert.secrets.key}): 32
 * random bytes made on first start into {@code .termsguard/alert-secrets.key}, readable by its owner only (0600), and
 * the same key on every later start, so routes written before stay readable.
 */
final class SecretsKey {

    static final String FILE = "alert-secrets.key";

    private SecretsKey() {}

    /** The key in {@code state}, made there first if there is none. */
    static String in(Path state) throws IOException {
        Path file = state.resolve(FILE);
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(state);
            // Written whole to a file that is 0600 from its creation, then linked into place: link(2) never replaces
            // a file, so two launchers starting at once agree on the first key, and nobody reads a half-written one.
            Path written = Files.createTempFile(
                    state,
                    FILE,
                    ".new",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(written, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
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
