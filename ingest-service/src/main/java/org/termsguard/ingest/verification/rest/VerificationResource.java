package org.termsguard.ingest.verification.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.termsguard.contracts.events.Verification;
import org.termsguard.contracts.validation.FieldError;
import org.termsguard.ingest.encoding.rest.RequestDecoding;
import org.termsguard.ingest.verification.IpRangeSnapshot;
import org.termsguard.ingest.verification.Observation;
import org.termsguard.ingest.verification.SignedRequest;
import org.termsguard.ingest.verification.SourceKind;
import org.termsguard.ingest.verification.VerificationSource;
import org.termsguard.ingest.verification.service.CrawlerVerification;
import org.termsguard.ingest.verification.service.SourceRefresher;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;

/**
 * Crawler identity verification: the sources operators publish (IP lists, host names, Web Bot Auth key
 * directories), their snapshots over time, and a dry run of the verdict ingest gives an event.
 */
@Path("/v1/verification")
@Tag(name = "verification", description = "Crawler identity: verification sources, their snapshots, a dry run")
@SecurityRequirement(name = "jwt")
@RolesAllowed("platform-admin")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class VerificationResource {

    /** A source as {@code PUT} takes it; the id is in the path. */
    public record SourceRequest(
            String operator,
            String consumer,
            List<String> tokens,
            String kind,
            String url,
            List<String> hostnameSuffixes,
            String refresh) {}

    /** A described request for the dry run. */
    public record CheckRequest(
            String userAgent, String clientIp, String observedAt, DescribedRequest request, Long now) {}

    /** @param headers field name to value, or to the list of its field lines' values */
    public record DescribedRequest(String method, String url, Map<String, JsonNode> headers) {}

    private static final String SOURCE_EXAMPLE =
            """
            {"operator":"OpenAI","consumer":"openai","tokens":["GPTBot"],"kind":"ip-ranges",
             "url":"https://openai.com/gptbot.json","refresh":"PT6H"}""";
    private static final String CHECK_EXAMPLE =
            """
            {"userAgent":"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
             "clientIp":"203.0.113.9","observedAt":"2026-04-12T09:30:00Z"}""";

    /** A source as listed: its definition, its versions, and this instance's last fetch of its url. */
    public record SourceListing(
            VerificationSource source,
            List<CrawlerVerification.VersionView> versions,
            SourceRefresher.Status refresh) {}

    private final CrawlerVerification verification;
    private final SourceRefresher refresher;
    private final RequestDecoding decoding;

    public VerificationResource(CrawlerVerification verification, SourceRefresher refresher, RequestDecoding decoding) {
        this.verification = verification;
        this.refresher = refresher;
        this.decoding = decoding;
    }

    @PUT
    @Path("sources/{sourceId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create or replace a verification source",
            description = "kind ip-ranges (an operator's published list; snapshots uploaded or fetched from url),"
                    + " reverse-dns (hostnameSuffixes the crawlers' PTR names must be under, forward-confirmed) or"
                    + " web-bot-auth (url: the Signature-Agent origin whose key directory the snapshots hold).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "GPTBot's list", value = SOURCE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Replaced")
    @APIResponse(responseCode = "400", description = "Not a valid source")
    @APIResponse(responseCode = "409", description = "The source holds snapshots of another kind")
    public Uni<Response> put(@PathParam("sourceId") String sourceId, SourceRequest request) {
        VerificationSource source = source(sourceId, request);
        if (source.url() != null && "http".equalsIgnoreCase(source.url().getScheme()) && !refresher.allowsHttp()) {
            throw invalid("url", "must be https");
        }
        return verification.putSource(source).map(created -> Response.status(created ? 201 : 200)
                .entity(source)
                .location(URI.create("/v1/verification/sources/" + sourceId))
                .build());
    }

    @GET
    @Path("sources")
    @Operation(
            summary = "Every verification source, with its snapshot versions",
            description = "refresh: this instance's last fetch of the source's url (attempt, success, change, error,"
                    + " stale when not fetched successfully for two refresh periods); absent before the first.")
    public Uni<List<SourceListing>> list() {
        return verification.sources().map(views -> views.stream()
                .map(view -> new SourceListing(
                        view.source(),
                        view.versions(),
                        refresher.status(view.source()).orElse(null)))
                .toList());
    }

    @POST
    @Path("sources/{sourceId}/refresh")
    @Operation(
            summary = "Fetch the source's published document now",
            description = "Through the SSRF guard webhooks use, conditionally; a changed document becomes a new"
                    + " snapshot. outcome: changed (with the new version), unchanged, or failed (with the error).")
    @APIResponse(responseCode = "200", description = "What the fetch did")
    @APIResponse(responseCode = "404", description = "No such source")
    @APIResponse(responseCode = "502", description = "The fetch failed; detail says why")
    public Uni<Response> refresh(@PathParam("sourceId") String sourceId) {
        return refresher
                .refresh(sourceId)
                .onFailure(java.util.NoSuchElementException.class)
                .transform(e -> new ProblemException(Problems.notFound("No verification source " + sourceId + ".")))
                .map(outcome -> "failed".equals(outcome.outcome())
                        ? new org.termsguard.platform.problems.Problem(
                                        URI.create("https://termsguard.org/problems/upstream"),
                                        "The source could not be fetched",
                                        502,
                                        outcome.error(),
                                        "/v1/verification/sources/" + sourceId + "/refresh",
                                        null)
                                .toResponse()
                        : Response.ok(outcome).build());
    }

    /** A key directory's media type (draft-ietf-webbotauth-httpsig-protocol, "Key Directory"). */
    static final String KEY_DIRECTORY = "application/http-message-signatures-directory+json";

    @POST
    @Path("sources/{sourceId}/snapshots")
    @Consumes({MediaType.APPLICATION_JSON, "application/jwk-set+json", KEY_DIRECTORY})
    @Operation(
            summary = "Add a snapshot of the source's published document",
            description = "The document exactly as published: the operators' shared list shape {\"creationTime\","
                    + " \"prefixes\": [{\"ipv4Prefix\"} | {\"ipv6Prefix\"}]} for ip-ranges, a JWKS (the key"
                    + " directory) for web-bot-auth. It is in force from validFrom, by default the list's"
                    + " creationTime, else now; any past time may be given, to add history from archives. The same"
                    + " document at the same time twice is one snapshot (200 the second time).")
    @APIResponse(responseCode = "201", description = "Added as a new version")
    @APIResponse(responseCode = "200", description = "The same document at the same time was there already")
    @APIResponse(responseCode = "404", description = "No such source")
    @APIResponse(responseCode = "413", description = "The document is larger than 8 MiB")
    @APIResponse(responseCode = "422", description = "Not a document of the source's kind")
    public Uni<Response> addSnapshot(
            @Context ContainerRequestContext context,
            @PathParam("sourceId") String sourceId,
            @Parameter(description = "RFC 3339 time the document is in force from") @QueryParam("validFrom")
                    String validFrom,
            byte[] encoded) {
        byte[] document = decoding.decoded(context, encoded == null ? new byte[0] : encoded);
        if (document.length > IpRangeSnapshot.MAX_DOCUMENT_BYTES) {
            throw new ProblemException(Problems.tooLarge(
                    "A published document may be at most " + IpRangeSnapshot.MAX_DOCUMENT_BYTES + " bytes."));
        }
        Optional<Instant> from = Optional.ofNullable(validFrom).map(text -> instant(text, "validFrom"));
        return verification.addSnapshot(sourceId, document, from).map(added -> Response.status(
                        added.created() ? 201 : 200)
                .entity(added)
                .build());
    }

    @POST
    @Path("check")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Dry run: the verdict ingest would give a request",
            description = "request (method, absolute url, headers) is needed only to check a Web Bot Auth"
                    + " signature; now (Unix seconds) replaces the clock for the signature's validity, in a dry run"
                    + " only. Nothing is published.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "a GPTBot claim", value = CHECK_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The verdict, its basis and the reasons")
    public Verification check(CheckRequest request) {
        if (request == null) {
            throw new ProblemException(Problems.validation("The body must be a JSON object.", List.of()));
        }
        Instant observedAt = request.observedAt() == null ? Instant.now() : instant(request.observedAt(), "observedAt");
        Observation observation =
                Observation.of(blankToNull(request.userAgent()), blankToNull(request.clientIp()), observedAt);
        if (request.request() != null) {
            observation = observation.withSignedRequest(signedRequest(request.request()));
        }
        if (request.now() != null) {
            // Unix seconds within years 0001-9999, as RFC 9421's created and expires are.
            if (request.now() < -62_135_596_800L || request.now() > 253_402_300_799L) {
                throw invalid("now", "must be Unix seconds between years 1 and 9999");
            }
            observation = observation.withSignatureClock(Instant.ofEpochSecond(request.now()));
        }
        return verification.check(observation);
    }

    private static SignedRequest signedRequest(DescribedRequest described) {
        URI url;
        try {
            url = URI.create(described.url() == null ? "" : described.url());
        } catch (IllegalArgumentException e) {
            throw invalid("request.url", "must be an absolute URI");
        }
        if (!url.isAbsolute() || url.getRawAuthority() == null) {
            throw invalid("request.url", "must be an absolute URI");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (described.headers() != null) {
            for (Map.Entry<String, JsonNode> header : described.headers().entrySet()) {
                List<String> values = new ArrayList<>();
                JsonNode value = header.getValue();
                if (value != null && value.isArray()) {
                    for (Iterator<JsonNode> it = value.elements(); it.hasNext(); ) {
                        values.add(text(it.next(), header.getKey()));
                    }
                } else {
                    values.add(text(value, header.getKey()));
                }
                fields.put(header.getKey(), values);
            }
        }
        return SignedRequest.of(described.method() == null ? "GET" : described.method(), url, fields);
    }

    private static String text(JsonNode value, String name) {
        if (value == null || !value.isTextual()) {
            throw invalid("request.headers." + name, "must be a string or a list of strings");
        }
        return value.textValue();
    }

    private static VerificationSource source(String sourceId, SourceRequest request) {
        if (request == null) {
            throw new ProblemException(Problems.validation("The body must be a JSON object.", List.of()));
        }
        SourceKind kind = request.kind() == null
                ? null
                : SourceKind.fromToken(request.kind()).orElse(null);
        if (kind == null) {
            throw invalid("kind", "must be ip-ranges, reverse-dns or web-bot-auth");
        }
        URI url;
        try {
            url = request.url() == null ? null : URI.create(request.url());
        } catch (IllegalArgumentException e) {
            throw invalid("url", "must be an https URL");
        }
        Duration refresh;
        try {
            refresh = request.refresh() == null ? null : Duration.parse(request.refresh());
        } catch (DateTimeParseException e) {
            throw invalid("refresh", "must be an ISO 8601 duration such as PT6H");
        }
        try {
            return new VerificationSource(
                    sourceId,
                    request.operator(),
                    request.consumer(),
                    request.tokens(),
                    kind,
                    url,
                    request.hostnameSuffixes(),
                    refresh);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProblemException(Problems.validation("The source is not valid: " + e.getMessage(), List.of()));
        }
    }

    private static Instant instant(String text, String field) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be an RFC 3339 date-time with an offset, e.g. 2026-04-12T09:30:00Z");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(
                Problems.validation("The request is not valid.", List.of(FieldError.of(field, message))));
    }
}
