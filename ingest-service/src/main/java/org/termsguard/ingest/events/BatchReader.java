package org.termsguard.ingest.events;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits a batch body into its items: a JSON array, or NDJSON (one JSON value per line, blank lines ignored). */
final class BatchReader {

    /** The batch is bigger than allowed. */
    static final class TooManyItems extends Exception {
        TooManyItems(int limit) {
            super("A batch holds at most " + limit + " events", null, false, false);
        }
    }

    private final ObjectMapper json;
    private final int maxItems;

    BatchReader(ObjectMapper json, int maxItems) {
        this.json = json;
        this.maxItems = maxItems;
    }

    /** The items of a JSON array; the body must be one. */
    List<JsonNode> readArray(byte[] body) throws IOException, TooManyItems {
        JsonNode root = json.readTree(body);
        if (root == null || !root.isArray()) {
            throw new JsonParseException(null, "the body must be a JSON array of events");
        }
        if (root.size() > maxItems) {
            throw new TooManyItems(maxItems);
        }
        List<JsonNode> items = new ArrayList<>(root.size());
        root.forEach(items::add);
        return items;
    }

    /** One item per non-blank line; a line that is not JSON becomes an item holding that error. */
    List<EventIntake.Item> readNdjson(byte[] body) throws TooManyItems {
        List<EventIntake.Item> items = new ArrayList<>();
        for (String line : new String(body, StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (items.size() >= maxItems) {
                throw new TooManyItems(maxItems);
            }
            try {
                items.add(EventIntake.Item.of(json.readTree(line)));
            } catch (JsonProcessingException e) {
                items.add(EventIntake.Item.unreadable("line is not valid JSON: " + e.getOriginalMessage()));
            }
        }
        return items;
    }
}
