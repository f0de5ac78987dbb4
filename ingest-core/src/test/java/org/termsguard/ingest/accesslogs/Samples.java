package org.termsguard.ingest.accesslogs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The vendor samples under {@code samples/} (their sources are in its README), read with a format. */
final class Samples {

    private Samples() {}

    static String text(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every request the sample records, read line by line with one reader as an upload would be. */
    static List<LogLine> read(LogFormat format, String name) throws UnparseableLine {
        return readText(format, text(name));
    }

    static List<LogLine> readText(LogFormat format, String text) throws UnparseableLine {
        LogReader reader = format.newReader();
        List<LogLine> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                Optional<LogLine> read = reader.read(line);
                read.ifPresent(lines::add);
            }
        }
        return lines;
    }

    static LogFormat format(String name) {
        try {
            return LogFormat.of(name, null);
        } catch (LogFormat.Invalid e) {
            throw new IllegalArgumentException(e);
        }
    }

    static LogFormat custom(String logFormat) {
        try {
            return LogFormat.of("custom", logFormat);
        } catch (LogFormat.Invalid e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
