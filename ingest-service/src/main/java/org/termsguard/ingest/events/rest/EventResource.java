package org.termsguard.ingest.events.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.termsguard.ingest.IngestConfig;
import org.termsguard.ingest.encoding.rest.RequestDecoding;
import org.termsguard.ingest.events.BatchReader;
import org.termsguard.ingest.events.CloudEventEnvelope;
import org.termsguard.ingest.events.IntakeItem;
import org.termsguard.ingest.events.service.EventIntake;
import org.termsguard.ingest.events.service.IngestMetrics;
import org.termsguard.ingest.producers.ProducerIdentity;
import org.termsguard.ingest.producers.rest.ApiKeyFilter;
import org.termsguard.ingest.producers.rest.ProducerAuthenticated;
import org.termsguard.platform.problems.Problem;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;

/**
 * Producers post observed data-access events here. Every answer 202 means Kafka has acknowledged the events
 * (acks=all); anything else means none of them was published.
 */
@Path("/v1/events")
@ProducerAuthenticated
@Blocking
@Tag(name = "events", description = "Observed data-access events")
@SecurityScheme(
        securitySchemeName = "apiKey",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "A producer API key, tgk_<keyId>_<secret>, issued by POST /v1/producers")
@SecurityRequirement(name = "apiKey")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "413", description = "The body is too large")
@APIResponse(responseCode = "415", description = "Unsupported content type")
@APIResponse(
        responseCode = "503",
        description =
                "Kafka did not acknowledge in time; nothing was accepted. Retry after the Retry-After seconds with the same eventIds.")
public class EventResource {

    @Inject
    RequestDecoding decoding;

    public static final String CLOUDEVENTS_JSON = "application/cloudevents+json";
    public static final String CLOUDEVENTS_BATCH = "application/cloudevents-batch+json";
    public static final String NDJSON = "application/x-ndjson";

    static final String EVENT_EXAMPLE =
            """
            {"eventId":"0f8fad5b-d9cb-469f-a165-70867728950e","observedAt":"2023-04-12T09:30:00Z","owner":"x-corp",
             "consumer":"microsoft","channel":"api",
             "resource":{"kind":"tweets","uri":"https://api.x.example/2/tweets/search/all"},
             "purpose":"ai-train","volume":{"records":50000,"bytes":21000000},
             "evidence":{"apiClientId":"ms-ads-7731","userAgent":null,"clientIp":"203.0.113.7","requestId":"r-88","identity":"claimed"}}""";
    static final String CLOUDEVENT_EXAMPLE =
            """
            {"specversion":"1.0","id":"0f8fad5b-d9cb-469f-a165-70867728950e","source":"urn:gateway:x-api-eu1",
             "type":"termsguard.access.observed","time":"2023-04-12T09:30:00Z","datacontenttype":"application/json",
             "data":{"observedAt":"2023-04-12T09:30:00Z","owner":"x-corp","consumer":"microsoft","channel":"api",
                     "resource":{"kind":"tweets"},"purpose":"ai-train","volume":{"records":50000}}}""";
    static final String VALIDATION_EXAMPLE =
            """
            {"type":"https://termsguard.org/problems/validation","title":"Invalid request","status":400,
             "detail":"The batch was not accepted: 1 of 2 events are not valid. Nothing was published.",
             "instance":"/v1/events/batch",
             "errors":[{"index":1,"field":"observedAt","message":"is required"},
                       {"index":1,"field":"purpose","message":"must be an RSL usage token (ai-train, ai-input, ai-index, search, ai-all, all) or display, analytics, archive, unknown"}]}""";

    public record Accepted(String eventId) {}

    public record BatchAccepted(int accepted, List<String> eventIds) {}

    private final EventIntake intake;
    private final ObjectMapper json;
    private final IngestConfig config;
    private final IngestMetrics metrics;

    public EventResource(EventIntake intake, ObjectMapper json, IngestConfig config, IngestMetrics metrics) {
        this.intake = intake;
        this.json = json;
        this.config = config;
        this.metrics = metrics;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, CLOUDEVENTS_JSON})
    @Operation(
            summary = "Report one access event",
            description = "As a plain AccessEvent (application/json) or a structured CloudEvent of type"
                    + " termsguard.access.observed (application/cloudevents+json). Without an eventId, one is assigned"
                    + " and returned. Unknown fields are rejected. producer and receivedAt are stamped by ingest.")
    @RequestBody(
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        examples = @ExampleObject(name = "access event", value = EVENT_EXAMPLE)),
                @Content(
                        mediaType = CLOUDEVENTS_JSON,
                        examples = @ExampleObject(name = "structured CloudEvent", value = CLOUDEVENT_EXAMPLE))
            })
    @APIResponse(
            responseCode = "202",
            description = "Kafka has the event",
            content =
                    @Content(
                            schema = @Schema(implementation = Accepted.class),
                            examples =
                                    @ExampleObject(
                                            name = "accepted",
                                            value = "{\"eventId\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"}")))
    @APIResponse(responseCode = "400", description = "The event is not valid; every wrong field is listed")
    public Uni<Response> post(
            @Context ContainerRequestContext request,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] encoded) {
        byte[] body = decoding.decoded(request, encoded);
        limit(body, config.maxEventBytes(), "An event");
        JsonNode node = parse(body);
        IntakeItem item =
                isMediaType(contentType, CLOUDEVENTS_JSON) ? CloudEventEnvelope.unwrap(node) : IntakeItem.of(node);
        return intake.accept(producer(request), List.of(item), false, "single")
                .map(ids -> Response.accepted(new Accepted(ids.get(0))).build());
    }

    @POST
    @Path("batch")
    @Consumes({MediaType.APPLICATION_JSON, NDJSON, CLOUDEVENTS_BATCH})
    @Operation(
            summary = "Report a batch of access events, all or nothing",
            description =
                    "A JSON array of AccessEvents, NDJSON (one per line) or a CloudEvents JSON batch. If any event is"
                            + " invalid, the 400 lists every error by index and field and nothing is published. Limits: 10,000"
                            + " events and 5 MiB by default (termsguard.ingest.batch.*). On a 503 some events may have reached"
                            + " Kafka: retry with the same eventIds and each is counted once.")
    @RequestBody(
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        examples = @ExampleObject(name = "array", value = "[" + EVENT_EXAMPLE + "]")),
                @Content(
                        mediaType = NDJSON,
                        examples =
                                @ExampleObject(
                                        name = "ndjson",
                                        value =
                                                "{\"observedAt\":\"2023-04-12T09:30:00Z\",\"owner\":\"x-corp\",\"channel\":\"api\",\"resource\":{\"kind\":\"tweets\"}}\n{\"observedAt\":\"2023-04-12T09:31:00Z\",\"owner\":\"x-corp\",\"channel\":\"api\",\"resource\":{\"kind\":\"tweets\"}}\n")),
                @Content(
                        mediaType = CLOUDEVENTS_BATCH,
                        examples = @ExampleObject(name = "CloudEvents batch", value = "[" + CLOUDEVENT_EXAMPLE + "]"))
            })
    @APIResponse(
            responseCode = "202",
            description = "Kafka has every event of the batch",
            content =
                    @Content(
                            schema = @Schema(implementation = BatchAccepted.class),
                            examples =
                                    @ExampleObject(
                                            name = "accepted",
                                            value = "{\"accepted\":2,\"eventIds\":[\"e-1\",\"e-2\"]}")))
    @APIResponse(
            responseCode = "400",
            description = "At least one event is invalid; nothing was published",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "field errors", value = VALIDATION_EXAMPLE)))
    public Uni<Response> batch(
            @Context ContainerRequestContext request,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] encoded) {
        byte[] body = decoding.decoded(request, encoded);
        limit(body, config.batch().maxBytes(), "A batch");
        BatchReader reader = new BatchReader(json, config.batch().maxEvents());
        List<IntakeItem> items;
        try {
            if (isMediaType(contentType, NDJSON)) {
                items = reader.readNdjson(body);
            } else {
                boolean cloudEvents = isMediaType(contentType, CLOUDEVENTS_BATCH);
                items = reader.readArray(body).stream()
                        .map(node -> cloudEvents ? CloudEventEnvelope.unwrap(node) : IntakeItem.of(node))
                        .toList();
            }
        } catch (BatchReader.TooManyItems e) {
            metrics.rejected("too-large", 0);
            throw new ProblemException(Problems.tooLarge(e.getMessage() + " (termsguard.ingest.batch.max-events)."));
        } catch (IOException e) {
            throw new ProblemException(
                    Problems.validation("The body is not a JSON array of events: " + e.getMessage(), List.of()));
        }
        if (items.isEmpty()) {
            throw new ProblemException(Problems.validation("The batch holds no events.", List.of()));
        }
        return intake.accept(producer(request), items, true, "batch")
                .map(ids ->
                        Response.accepted(new BatchAccepted(ids.size(), ids)).build());
    }

    private static boolean isMediaType(String contentType, String mediaType) {
        return contentType != null
                && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(mediaType);
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(
                    Problems.validation("The body is not valid JSON: " + e.getOriginalMessage(), List.of()));
        } catch (IOException e) {
            throw new ProblemException(Problems.validation("The body cannot be read: " + e.getMessage(), List.of()));
        }
    }

    private void limit(byte[] body, long maxBytes, String what) {
        if (body.length > maxBytes) {
            metrics.rejected("too-large", 0);
            throw new ProblemException(Problems.tooLarge(
                    what + " may be at most " + maxBytes + " bytes; this one is " + body.length + "."));
        }
    }

    static ProducerIdentity producer(ContainerRequestContext request) {
        return (ProducerIdentity) request.getProperty(ApiKeyFilter.IDENTITY);
    }
}
