package org.termsguard.platform.problems;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.termsguard.contracts.validation.FieldError;

/** The problems Termsguard's APIs answer with, named once so that every service words them alike. */
public final class Problems {

    private Problems() {}

    public static Problem validation(String detail, List<FieldError> errors) {
        return Problem.typed("validation", "Invalid request", 400, detail).withErrors(errors);
    }

    /**
     * 422 (RFC 9110 §15.5.21): the request is well-formed but cannot be taken as it is — a pattern the matcher
     * engine refuses, a limit reached — with every field concerned.
     */
    public static Problem unprocessable(String detail, List<FieldError> errors) {
        return Problem.typed("unprocessable", "Unprocessable content", 422, detail)
                .withErrors(errors);
    }

    /** The request body, or a 400 when there is none (an empty body or JSON {@code null}). */
    public static <T> T requireBody(T body) {
        if (body == null) {
            throw new ProblemException(
                    validation("The request needs a JSON body.", List.of(FieldError.of("body", "is required"))));
        }
        return body;
    }

    public static Problem unauthorized(String detail) {
        return Problem.typed("unauthorized", "Unauthorized", 401, detail);
    }

    public static Problem forbidden(String detail) {
        return Problem.typed("forbidden", "Forbidden", 403, detail);
    }

    public static Problem notFound(String detail) {
        return Problem.of(Response.Status.NOT_FOUND, detail);
    }

    public static Problem conflict(String detail) {
        return Problem.of(Response.Status.CONFLICT, detail);
    }

    public static Problem tooLarge(String detail) {
        return Problem.typed("too-large", "Content too large", 413, detail);
    }

    public static Problem unsupportedMediaType(String detail) {
        return Problem.typed("unsupported-media-type", "Unsupported media type", 415, detail);
    }

    /** 503 with {@code Retry-After}, for a dependency (the broker, the database) that does not answer in time. */
    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(
                Problem.typed("unavailable", "Service unavailable", 503, detail),
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }
}
