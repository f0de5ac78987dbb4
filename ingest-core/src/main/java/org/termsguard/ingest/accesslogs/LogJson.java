package org.termsguard.ingest.accesslogs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Optional;

/** How JSON access-log records are read, and the small accessors their formats share. */
final class LogJson {

    /**
     * Bounded well below Jackson's defaults: a record is one request, so deep nesting or a 1,000-digit number is an
     * attack, not a log. Floats are read as {@link BigDecimal} so that Caddy's {@code ts} keeps its microseconds and
     * a nanosecond {@code EdgeStartTimestamp} is never rounded through a double.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32)
                            .maxNumberLength(64)
                            .maxStringLength(AccessLogTranslator.MAX_LINE)
                            .build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private LogJson() {}

    static JsonNode parse(String line) throws UnparseableLine {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (StreamConstraintsException e) {
            throw new UnparseableLine("JSON beyond the limits of a log record: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UnparseableLine(
                    "not a JSON object: " + UnparseableLine.abbreviate(String.valueOf(e.getMessage())));
        }
        if (node == null || !node.isObject()) {
            throw new UnparseableLine("not a JSON object");
        }
        return node;
    }

    /** The first of the fields that holds a string or a number, as text. */
    static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && (value.isTextual() || value.isNumber())) {
                String text = value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText();
                if (!text.isEmpty() && !text.equals("-")) {
                    return text;
                }
            }
        }
        return null;
    }

    static Optional<JsonNode> object(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isObject() ? Optional.of(value) : Optional.empty();
    }
}
