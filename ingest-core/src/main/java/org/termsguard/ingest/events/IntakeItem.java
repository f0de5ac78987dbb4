package org.termsguard.ingest.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.termsguard.contracts.validation.FieldError;

/**
 * One item as posted: the JSON of the access event and the errors found around it (a line that is not JSON, a
 * CloudEvent envelope that is wrong).
 *
 * @param fieldPrefix where the event sits in what was posted: {@code data.} inside a CloudEvent
 */
public record IntakeItem(JsonNode event, List<FieldError> errors, String fieldPrefix) {
    public static IntakeItem of(JsonNode event) {
        return new IntakeItem(event, List.of(), "");
    }

    public static IntakeItem unreadable(String why) {
        return new IntakeItem(null, List.of(FieldError.of("", why)), "");
    }
}
