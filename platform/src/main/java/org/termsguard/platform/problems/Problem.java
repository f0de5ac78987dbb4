package org.termsguard.platform.problems;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.termsguard.contracts.validation.FieldError;

/**
 * An RFC 9457 problem detail: every error Termsguard's HTTP APIs answer has this shape, served as {@value #MEDIA_TYPE}.
 *
 * @param type a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param errors for validation problems, every field that is wrong (RFC 9457 §3.2 extension member)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);
    static final String TYPE_BASE = "https://termsguard.org/problems/";

    public static Problem of(Response.Status status, String detail) {
        return new Problem(
                URI.create("about:blank"), status.getReasonPhrase(), status.getStatusCode(), detail, null, null);
    }

    /** A problem of a kind Termsguard names, e.g. {@code validation} → https://termsguard.org/problems/validation. */
    public static Problem typed(String kind, String title, int status, String detail) {
        return new Problem(URI.create(TYPE_BASE + kind), title, status, detail, null, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, List.copyOf(fieldErrors));
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA).entity(this).build();
    }
}
