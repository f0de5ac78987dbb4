package org.termsguard.ingest.accesslogs;

import com.fasterxml.jackson.databind.JsonNode;

/** A format whose records are JSON objects: one per line, or the elements of a JSON array. */
@FunctionalInterface
interface JsonLog {

    LogLine read(JsonNode record) throws UnparseableLine;
}
