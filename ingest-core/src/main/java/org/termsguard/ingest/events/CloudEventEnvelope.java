package org.termsguard.ingest.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.validation.FieldError;

/**
 * Unwraps a CloudEvent in structured JSON mode (CloudEvents 1.0 §3.1, JSON format): the access event is its
 * {@code data}; the CloudEvent {@code id} serves as {@code eventId} when the data has none.
 */
public final class CloudEventEnvelope {

    private CloudEventEnvelope() {}

    /** The access event inside {@code envelope}, with whatever is wrong with the envelope itself. */
    public static IntakeItem unwrap(JsonNode envelope) {
        List<FieldError> errors = new ArrayList<>();
        if (envelope == null || !envelope.isObject()) {
            errors.add(FieldError.of("", "a CloudEvent must be a JSON object"));
            return new IntakeItem(null, errors, "");
        }
        if (!"1.0".equals(envelope.path("specversion").asText(null))) {
            errors.add(FieldError.of("specversion", "must be 1.0"));
        }
        if (!AccessEvent.CLOUD_EVENT_TYPE.equals(envelope.path("type").asText(null))) {
            errors.add(FieldError.of("type", "must be " + AccessEvent.CLOUD_EVENT_TYPE));
        }
        for (String required : List.of("id", "source")) {
            if (!envelope.path(required).isTextual()
                    || envelope.path(required).asText().isBlank()) {
                errors.add(FieldError.of(required, "is required"));
            }
        }
        String contentType = envelope.path("datacontenttype").asText("application/json");
        if (!contentType.startsWith("application/json")) {
            errors.add(FieldError.of("datacontenttype", "must be application/json"));
        }
        JsonNode data = envelope.get("data");
        if (data == null || !data.isObject()) {
            errors.add(FieldError.of("data", "must be the access event, as a JSON object"));
            return new IntakeItem(null, errors, "");
        }
        if (!data.hasNonNull("eventId") && envelope.path("id").isTextual()) {
            data = ((ObjectNode) data.deepCopy())
                    .put("eventId", envelope.get("id").asText());
        }
        return new IntakeItem(data, errors, "data.");
    }
}
