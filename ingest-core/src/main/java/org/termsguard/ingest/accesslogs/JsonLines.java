package org.termsguard.ingest.accesslogs;

import java.util.Optional;

/** A JSON format read line by line: each line is one record. */
record JsonLines(JsonLog format) implements LogReader {

    @Override
    public Optional<LogLine> read(String line) throws UnparseableLine {
        return Optional.of(format.read(LogJson.parse(line)));
    }
}
