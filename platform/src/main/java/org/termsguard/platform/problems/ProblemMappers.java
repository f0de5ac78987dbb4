package org.termsguard.platform.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.termsguard.contracts.validation.FieldError;

/** Turns every failure of a request into an RFC 9457 problem; nothing internal leaks into a 500. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = Response.status(e.problem().status())
                .type(Problem.MEDIA)
                .entity(e.problem().withInstance(uri.getPath()));
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        // Quarkus REST reports a body Jackson cannot read as a bare 400 around the Jackson exception.
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? null : e.getMessage();
        Problem problem = new Problem(
                java.net.URI.create("about:blank"),
                status.getReasonPhrase(),
                status.getStatusCode(),
                detail,
                uri.getPath(),
                null);
        Response.ResponseBuilder response =
                Response.status(status).type(Problem.MEDIA).entity(problem);
        // 405 must say what is allowed (RFC 9110 §15.5.6), 401 how to authenticate.
        for (String header : List.of("Allow", "WWW-Authenticate", "Retry-After")) {
            Object value = e.getResponse().getHeaderString(header);
            if (value != null) {
                response.header(header, value);
            }
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> FieldError.of(fieldOf(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(FieldError::field))
                .toList();
        return Problems.validation("The request is not valid.", errors)
                .withInstance(uri.getPath())
                .toResponse();
    }

    // Quarkus ships mappers for the more specific Jackson exceptions; these take them over so that every one of
    // them answers problem+json with the field's path.
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = null;
        String detail;
        if (e instanceof UnrecognizedPropertyException unknown) {
            field = path(unknown);
            detail = "Unknown field '" + unknown.getPropertyName() + "'.";
        } else if (e instanceof InvalidFormatException invalid) {
            field = path(invalid);
            detail = "Value " + invalid.getValue() + " is not valid here: " + invalid.getOriginalMessage();
        } else if (e instanceof MismatchedInputException mismatched) {
            field = path(mismatched);
            detail = "Wrong type of value: " + mismatched.getOriginalMessage();
        } else if (e instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            field = path(mapping);
            Throwable cause = mapping.getCause() == null ? mapping : mapping.getCause();
            detail = "Invalid value at " + field + ": " + cause.getMessage();
        } else {
            detail = "The body is not valid JSON: " + e.getOriginalMessage();
        }
        Problem problem =
                Problems.validation(detail, field == null ? List.of() : List.of(FieldError.of(field, detail)));
        return problem.withInstance(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return Problems.unauthorized("Credentials are missing or not valid.")
                .withInstance(uri.getPath())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(new UnauthorizedException(), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(Response.Status.FORBIDDEN, "These credentials do not allow this.")
                .withInstance(uri.getPath())
                .toResponse();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        var data = dataException(e, 0);
        if (data != null) {
            // SQLSTATE class 22 (data exception): a value from the request the database cannot hold, e.g. a NUL
            // byte or a string longer than its column. The request is wrong, not the server.
            return Problems.validation("A value in the request cannot be stored: " + data.getMessage(), List.of())
                    .withInstance(uri.getPath())
                    .toResponse();
        }
        Log.errorf(e, "Unexpected failure on %s", uri.getPath());
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it has been logged.")
                .withInstance(uri.getPath())
                .toResponse();
    }

    private static io.vertx.sqlclient.DatabaseException dataException(Throwable e, int depth) {
        if (e == null || depth > 10) {
            return null;
        }
        if (e instanceof io.vertx.sqlclient.DatabaseException database
                && database.getSqlState() != null
                && database.getSqlState().startsWith("22")) {
            return database;
        }
        for (Throwable suppressed : e.getSuppressed()) {
            var found = dataException(suppressed, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return dataException(e.getCause(), depth + 1);
    }

    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
            return null;
        }
        return m.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    /** {@code create.request.owners[0]} → {@code owners[0]}: drop the method and parameter names. */
    private static String fieldOf(String propertyPath) {
        String[] parts = propertyPath.split("\\.", 3);
        return parts.length == 3 ? parts[2] : propertyPath;
    }
}
