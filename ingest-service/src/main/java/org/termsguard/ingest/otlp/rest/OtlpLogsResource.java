package org.termsguard.ingest.otlp.rest;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.termsguard.ingest.IngestConfig;
import org.termsguard.ingest.accesslogs.AccessLogTranslator;
import org.termsguard.ingest.accesslogs.LogFormat;
import org.termsguard.ingest.accesslogs.LogLine;
import org.termsguard.ingest.accesslogs.service.LogUploads;
import org.termsguard.ingest.encoding.rest.RequestDecoding;
import org.termsguard.ingest.otlp.HttpLogRecord;
import org.termsguard.ingest.otlp.OtlpExport;
import org.termsguard.ingest.otlp.OtlpLogs;
import org.termsguard.ingest.producers.ProducerIdentity;
import org.termsguard.ingest.producers.rest.ApiKeyFilter;
import org.termsguard.ingest.producers.rest.ProducerAuthenticated;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;

/**
 * An OTLP/HTTP logs receiver (OTLP 1.x, {@code POST /v1/logs}): what the OpenTelemetry Collector, Envoy, Kong,
 * nginx-otel and the OTel outputs of Fluent Bit and Vector send. Each log record that describes an HTTP request by
 * the semantic conventions, or whose body is an access-log line, becomes an access event; the others are counted in
 * the answer's {@code partial_success}, which is how OTLP says "retrying will not help" (OTLP specification, "Partial
 * Success"). Refusals of the whole request are problem+json like every error of this API, where OTLP would have a
 * {@code google.rpc.Status}: exporters log either and retry only 429, 502, 503 and 504 — which this answers as OTLP
 * expects, with {@code Retry-After} on 503.
 */
@Path("/v1/logs")
@ProducerAuthenticated
@Blocking
@Tag(name = "access logs", description = "Raw web-server access logs")
@SecurityRequirement(name = "apiKey")
public class OtlpLogsResource {

    @Inject
    RequestDecoding decoding;

    static final String PROTOBUF = "application/x-protobuf";

    private final AccessLogTranslator translator;
    private final LogUploads uploads;
    private final IngestConfig config;

    public OtlpLogsResource(AccessLogTranslator translator, LogUploads uploads, IngestConfig config) {
        this.translator = translator;
        this.uploads = uploads;
        this.config = config;
    }

    @POST
    @Consumes({PROTOBUF, MediaType.APPLICATION_JSON})
    @Produces({PROTOBUF, MediaType.APPLICATION_JSON})
    @Operation(
            summary = "OTLP/HTTP logs export",
            description = "An ExportLogsServiceRequest as binary protobuf or OTLP/JSON. The owner is the resource"
                    + " attribute termsguard.owner, else ?owner=. Records are read by the HTTP semantic conventions"
                    + " (http.request.method, url.path, url.query, url.full, http.response.status_code,"
                    + " http.response.body.size, user_agent.original, client.address; the pre-1.23 names too), or, when"
                    + " they name no request, their string body as an access-log line in format=. The answer is an"
                    + " ExportLogsServiceResponse in the request's encoding, with partial_success counting the records"
                    + " not taken and why.")
    @APIResponse(responseCode = "200", description = "Kafka has every event taken; partial_success counts the others")
    @APIResponse(responseCode = "400", description = "Not an ExportLogsServiceRequest, or owner or format invalid")
    @APIResponse(responseCode = "401", description = "Missing, unknown or revoked API key")
    @APIResponse(responseCode = "403", description = "The owner is outside the key's scope")
    @APIResponse(responseCode = "413", description = "Too large, or more records than one export may hold")
    @APIResponse(responseCode = "415", description = "Neither application/x-protobuf nor application/json")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time; retry the same export")
    public Uni<Response> export(
            @Context ContainerRequestContext request,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "The owner of records whose resource names none") @QueryParam("owner")
                    String owner,
            @Parameter(description = "How a record's string body is written when the record names no request")
                    @QueryParam("format")
                    @DefaultValue("combined")
                    String format,
            @Parameter(description = "With format=custom only: the log_format or LogFormat string")
                    @QueryParam("logFormat")
                    String logFormat,
            byte[] encoded) {
        byte[] body = decoding.decoded(request, encoded);
        ProducerIdentity producer = (ProducerIdentity) request.getProperty(ApiKeyFilter.IDENTITY);
        boolean json = contentType != null
                && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
        LogFormat lines = uploads.format(format, logFormat);
        if (owner != null) {
            uploads.checkOwner(owner, producer);
        }
        if (body.length > config.batch().maxBytes()) {
            throw new ProblemException(Problems.tooLarge("An OTLP export may be at most "
                    + config.batch().maxBytes() + " bytes; lower the exporter's batch size."));
        }
        ExportLogsServiceRequest export;
        OtlpExport.Reading reading;
        try {
            export = json ? OtlpLogs.fromJson(body) : OtlpLogs.fromProtobuf(body);
            reading = OtlpExport.read(export, owner);
        } catch (OtlpLogs.Unreadable e) {
            throw new ProblemException(Problems.validation(e.getMessage(), List.of()));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problems.tooLarge(e.getMessage()));
        }
        List<AccessLogTranslator.LineError> refused = new ArrayList<>();
        reading.refused().forEach(r -> refused.add(new AccessLogTranslator.LineError(r.index(), r.reason())));
        List<AccessLogTranslator.ReadRequest> requests = new ArrayList<>();
        for (OtlpExport.Entry entry : reading.entries()) {
            if (!producer.mayReportFor(entry.owner())) {
                refused.add(new AccessLogTranslator.LineError(
                        entry.index(), "this API key may not report for " + entry.owner()));
                continue;
            }
            HttpLogRecord r = entry.record();
            LogLine line = r.describesARequest()
                    ? new LogLine(
                            r.clientIp(),
                            r.time(),
                            r.method(),
                            r.target(),
                            r.status() == null ? 0 : r.status(),
                            r.bytes(),
                            r.referer(),
                            r.userAgent(),
                            r.forwardedFor())
                    : null;
            requests.add(new AccessLogTranslator.ReadRequest(
                    entry.index(),
                    entry.owner(),
                    r.site(),
                    line,
                    line == null ? r.body() : null,
                    Base64.getEncoder().encodeToString(entry.identity())));
        }
        AccessLogTranslator.Translation translation = translator.translate(requests, lines, refused);
        if (translation.events().isEmpty()) {
            return Uni.createFrom().item(answer(json, translation));
        }
        return uploads.publish(producer, translation, "otlp", "log record of the export")
                .map(accepted -> answer(json, translation));
    }

    private static Response answer(boolean json, AccessLogTranslator.Translation translation) {
        String reasons = translation.errors().stream()
                .limit(10)
                .map(e -> "record " + e.line() + ": " + e.reason())
                .collect(Collectors.joining("; "));
        ExportLogsServiceResponse response = OtlpLogs.response(translation.skipped(), reasons);
        return json
                ? Response.ok(OtlpLogs.toJson(response), MediaType.APPLICATION_JSON)
                        .build()
                : Response.ok(OtlpLogs.toProtobuf(response), PROTOBUF).build();
    }
}
