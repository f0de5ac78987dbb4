package org.termsguard.policy.imports;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Every importer on arbitrary documents: each either maps what it can (reporting the rest) or refuses the whole
 * document as unreadable; nothing else may escape, since either would be a 500 for the owner who posted it.
 * {@code JAZZER_FUZZ=1} fuzzes one target for its budget ({@code reliability/fuzz} runs them all); plain builds
 * replay the inputs under {@code ImportFuzzTestInputs}.
 */
class ImportFuzzTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @FuzzTest(maxDuration = "30s")
    void odrl(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            TermsCombiner.combine("fuzz", null, OdrlReader.read(text, AT));
        } catch (UnreadableDocument expected) {
            // A clear 400 for the owner.
        }
    }

    @FuzzTest(maxDuration = "30s")
    void rsl(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            TermsCombiner.combine("fuzz", null, RslReader.read(text));
        } catch (UnreadableDocument expected) {
            // A clear 400 for the owner.
        }
    }

    @FuzzTest(maxDuration = "30s")
    void robotsTxt(byte[] data) {
        TermsCombiner.combine("fuzz", null, RobotsTxtReader.read(new String(data, StandardCharsets.UTF_8)));
    }

    @FuzzTest(maxDuration = "30s")
    void tdmRep(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            TermsCombiner.combine("fuzz", null, TdmRepReader.read(text));
        } catch (UnreadableDocument expected) {
            // A clear 400 for the owner.
        }
    }
}
