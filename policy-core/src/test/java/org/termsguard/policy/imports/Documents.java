package org.termsguard.policy.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.policy.terms.TermsDocument;

/** The spec-shaped sample documents under src/test/resources/imports. */
final class Documents {

    static final Instant IMPORTED_AT = Instant.parse("2026-11-01T00:00:00Z");

    private Documents() {}

    static String text(String name) {
        try (InputStream in = Documents.class.getResourceAsStream("/imports/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TermsDocument fresh(ImportedTerms imported) {
        return TermsCombiner.combine("news", null, imported);
    }

    static List<String> tokens(List<Purpose> purposes) {
        return purposes.stream().map(Purpose::token).toList();
    }

    static List<String> unmappedClauses(ImportedTerms imported) {
        return imported.report().unmapped().stream()
                .map(u -> u.clause() + " | " + u.reason())
                .toList();
    }
}
