package org.termsguard.ingest.shippers;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One request of Amazon Data Firehose's HTTP endpoint delivery (protocol version 1.0): {@code {"requestId": ...,
 * "timestamp": <ms>, "records": [{"data": "<base64>"}, ...]}}. Each record's data is whatever the stream's source
 * put in — for access logs, one or more log lines — so the records are read as one log, a line break ensured
 * between records (Firehose itself adds no delimiter).
 *
 * @param requestId echoed in the answer, which Firehose requires to match
 * @param log the records' data, one log
 * @param records how many records the request held
 */
public record FirehoseDelivery(String requestId, String log, int records) {

    /** The request is not a Firehose delivery. */
    public static final class Unreadable extends Exception {
        private final String requestId;

        public Unreadable(String message, String requestId) {
            super(message, null, false, false);
            this.requestId = requestId;
        }

        /** The request id, when it could be read before the fault. */
        public String requestId() {
            return requestId;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REQUEST_ID = 128;

    /** Streams the body: a delivery is up to tens of megabytes of base64, never held twice as a tree. */
    public static FirehoseDelivery read(byte[] body) throws Unreadable {
        String requestId = null;
        StringBuilder log = new StringBuilder();
        int records = 0;
        try (JsonParser parser = JSON.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new Unreadable("The body is not a Firehose delivery (a JSON object).", null);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "requestId" -> requestId = requestId(parser, value);
                    case "records" -> records = records(parser, value, log, requestId);
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new Unreadable(
                    "The body is not valid JSON: "
                            + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()),
                    requestId);
        }
        if (requestId == null) {
            throw new Unreadable("The delivery has no requestId.", null);
        }
        return new FirehoseDelivery(requestId, log.toString(), records);
    }

    private static String requestId(JsonParser parser, JsonToken value) throws IOException, Unreadable {
        if (value != JsonToken.VALUE_STRING) {
            throw new Unreadable("requestId must be a string.", null);
        }
        String id = parser.getText();
        if (id.isEmpty() || id.length() > MAX_REQUEST_ID || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new Unreadable("requestId must be 1–" + MAX_REQUEST_ID + " printable ASCII characters.", null);
        }
        return id;
    }

    private static int records(JsonParser parser, JsonToken value, StringBuilder log, String requestId)
            throws IOException, Unreadable {
        if (value != JsonToken.START_ARRAY) {
            throw new Unreadable("records must be an array.", requestId);
        }
        int count = 0;
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            count++;
            String data = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                if (field.equals("data") && token == JsonToken.VALUE_STRING) {
                    data = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            if (data == null) {
                throw new Unreadable("record " + count + " has no data string.", requestId);
            }
            String text;
            try {
                text = new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new Unreadable("record " + count + "'s data is not base64.", requestId);
            }
            log.append(text);
            if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
                log.append('\n');
            }
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
            throw new Unreadable("records must hold objects with a data string.", requestId);
        }
        return count;
    }
}
