package org.termsguard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Figures a test leaves for the reliability report: {@code reliability/fuzz} copies every {@code target/b4-*.txt}
 * (authorisation) and {@code target/b6-*.txt} (hostile input) of each module into {@code fuzz.md}, as it does
 * {@code http-fuzz.txt} and {@code bad-input.txt}. One file per check, rewritten by each run, so a report never
 * mixes runs.
 */
public final class ReliabilityReport {

    private ReliabilityReport() {}

    /** @param check {@code b4-...} or {@code b6-...}, naming the file */
    public static void write(String check, String line) {
        if (!check.matches("b[46]-[a-z0-9-]+")) {
            throw new IllegalArgumentException("A report file is b4-… or b6-…: " + check);
        }
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            Files.writeString(target.resolve(check + ".txt"), line.strip() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
