package org.termsguard.contracts.validation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One wrong field of an input, as the readers and validators of the core modules report it; the services' edges
 * carry it unchanged into an RFC 9457 problem's {@code errors} member (RFC 9457 §3.2 extension member).
 *
 * @param index the position of the item in a batch; absent for a single item
 * @param field the JSON path of the field within the item, e.g. {@code volume.records}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(Integer index, String field, String message) {
    public static FieldError of(String field, String message) {
        return new FieldError(null, field, message);
    }

    public FieldError at(int index) {
        return new FieldError(index, field, message);
    }
}
