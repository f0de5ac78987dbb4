package org.termsguard.ingest.accesslogs;

import java.util.Optional;

/**
 * Reads the lines of one upload in order. A reader may keep what earlier lines declared, as a W3C log's
 * {@code #Fields} directive sets the columns of the lines after it, so each upload gets a reader of its own
 * ({@link LogFormat#newReader()}), used by one thread.
 */
interface LogReader {

    /** The request a line records, or empty for a line that records none (a directive or a comment). */
    Optional<LogLine> read(String line) throws UnparseableLine;
}
