package org.termsguard.ingest.shippers.rest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.termsguard.ingest.accesslogs.AccessLogTranslator;
import org.termsguard.ingest.accesslogs.LogFormat;
import org.termsguard.ingest.accesslogs.service.LogUploads;
import org.termsguard.ingest.encoding.rest.RequestDecoding;
import org.termsguard.ingest.producers.ProducerIdentity;
import org.termsguard.ingest.producers.rest.ApiKeyFilter;
import org.termsguard.ingest.producers.rest.ProducerAuthenticated;
import org.termsguard.ingest.shippers.FirehoseDelivery;
import org.termsguard.platform.problems.Problem;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;

/**
 * Amazon Data Firehose's HTTP endpoint destination (its request and response specification, version 1.0): the
 * records of a delivery are one access log in the stream's format. Firehose retries any answer but 200 and counts a
 * 200 as delivered, so 200 means Kafka has every event of the readable lines, as 202 does elsewhere.
 */
@Path("/v1/firehose")
@ProducerAuthenticated
@Blocking
@Tag(name = "access logs", description = "Raw web-server access logs")
@SecurityRequirement(name = "apiKey")
public class FirehoseResource {

    @Inject
    RequestDecoding decoding;

    private final AccessLogTranslator translator;
    private final LogUploads uploads;

    public FirehoseResource(AccessLogTranslator translator, LogUploads uploads) {
        this.translator = translator;
        this.uploads = uploads;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Amazon Data Firehose HTTP endpoint delivery",
            description = "Firehose's request ({\"requestId\", \"timestamp\", \"records\": [{\"data\": base64}]}),"
                    + " the API key in X-Amz-Firehose-Access-Key, gzip as Firehose sends it. The records are read as"
                    + " one access log in format=, as POST /v1/access-logs reads an upload. The answer echoes the"
                    + " requestId with a timestamp, as Firehose requires; a refusal is problem+json that also carries"
                    + " requestId, timestamp and errorMessage, which Firehose logs.")
    @APIResponse(responseCode = "200", description = "Kafka has every event of the readable lines")
    @APIResponse(responseCode = "400", description = "Not a Firehose delivery, or owner, format or site is invalid")
    @APIResponse(responseCode = "401", description = "Missing, unknown or revoked API key")
    @APIResponse(responseCode = "403", description = "The owner is outside the key's scope")
    @APIResponse(responseCode = "413", description = "The delivery is too large; lower the stream's buffer size")
    @APIResponse(responseCode = "415", description = "Not application/json")
    @APIResponse(responseCode = "422", description = "No line of the delivery could be read")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time; Firehose retries")
    public Uni<Response> deliver(
            @Context ContainerRequestContext request,
            @Parameter(description = "The owner whose site the log is from", required = true) @QueryParam("owner")
                    String owner,
            @Parameter(description = "How the records' log was written, as for POST /v1/access-logs")
                    @QueryParam("format")
                    @DefaultValue("combined")
                    String format,
            @Parameter(description = "With format=custom only: the log_format or LogFormat string")
                    @QueryParam("logFormat")
                    String logFormat,
            @Parameter(description = "Scheme and host the logged paths belong to") @QueryParam("site") String site,
            byte[] encoded) {
        byte[] body = decoding.decoded(request, encoded);
        ProducerIdentity producer = (ProducerIdentity) request.getProperty(ApiKeyFilter.IDENTITY);
        FirehoseDelivery delivery;
        try {
            delivery = FirehoseDelivery.read(body);
        } catch (FirehoseDelivery.Unreadable e) {
            return Uni.createFrom().item(refusal(Problems.validation(e.getMessage(), List.of()), e.requestId()));
        }
        try {
            LogFormat logs = uploads.format(format, logFormat);
            uploads.checkOwner(owner, producer);
            uploads.checkSite(site);
            uploads.checkSize(delivery.log().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            AccessLogTranslator.Translation translation =
                    translator.translate(owner, site, logs, new StringReader(delivery.log()));
            return uploads.publish(producer, translation, "firehose", "line of the delivery's records")
                    .map(accepted -> Response.ok(answer(delivery.requestId(), null))
                            .type(MediaType.APPLICATION_JSON)
                            .build())
                    .onFailure(ProblemException.class)
                    .recoverWithItem(e -> refusal((ProblemException) e, delivery.requestId()));
        } catch (ProblemException e) {
            return Uni.createFrom().item(refusal(e, delivery.requestId()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response refusal(Problem problem, String requestId) {
        return refusal(new ProblemException(problem), requestId);
    }

    /**
     * Firehose logs a refusal's body and looks in it for {@code requestId}, {@code timestamp} and {@code
     * errorMessage}: they go into the problem as extension members (RFC 9457 §3.2), so the body is both.
     */
    private static Response refusal(ProblemException e, String requestId) {
        Problem problem = e.problem().withInstance("/v1/firehose");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.put("instance", problem.instance());
        if (problem.errors() != null) {
            body.put("errors", problem.errors());
        }
        body.putAll(answer(requestId, problem.detail()));
        Response.ResponseBuilder response =
                Response.status(problem.status()).type(Problem.MEDIA).entity(body);
        e.headers().forEach(response::header);
        return response.build();
    }

    static Map<String, Object> answer(String requestId, String errorMessage) {
        Map<String, Object> answer = new LinkedHashMap<>();
        // A request whose id could not be read still gets a member Firehose's log can show.
        answer.put("requestId", requestId == null ? "" : requestId);
        answer.put("timestamp", System.currentTimeMillis());
        if (errorMessage != null) {
            answer.put("errorMessage", errorMessage);
        }
        return answer;
    }
}
