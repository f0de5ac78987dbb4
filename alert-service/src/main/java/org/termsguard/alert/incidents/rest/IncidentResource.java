package org.termsguard.alert.incidents.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.termsguard.alert.AlertConfig;
import org.termsguard.alert.incidents.Incident;
import org.termsguard.alert.incidents.IncidentStatus;
import org.termsguard.alert.incidents.repository.IncidentStore;
import org.termsguard.alert.incidents.service.AlertScheduler;
import org.termsguard.alert.incidents.service.IncidentUpdates;
import org.termsguard.alert.notices.EvidenceChain;
import org.termsguard.alert.notices.service.EvidenceCursor;
import org.termsguard.alert.notices.service.NoticeService;
import org.termsguard.contracts.alerts.Alert;
import org.termsguard.contracts.validation.FieldError;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;
import org.termsguard.platform.security.OwnerAccess;

/** The ops API of incidents: list, read, acknowledge, resolve, follow live, and the notice with its evidence. */
@Path("/v1/incidents")
@Authenticated
@Tag(name = "incidents", description = "Incidents, their notices and evidence")
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
@SecurityRequirement(name = "jwt")
public class IncidentResource {

    public static final String MARKDOWN = "text/markdown";

    /** A page of incidents; {@code next} is the offset of the following page, absent on the last. */
    public record Page(List<Alert.IncidentSummary> incidents, Integer next) {}

    /**
     * One incident with the digest of its evidence and how many events the digest covers.
     *
     * @param identities how many of its events each identity confidence has ({@code verified}, {@code claimed}, …)
     * @param verdicts how many of its events each crawler-identity verdict has ({@code listed}, {@code contradicted},
     *     …; {@code none} for events published before ingest verified identities)
     */
    public record Detail(
            Alert.IncidentSummary incident,
            String evidenceDigest,
            long evidenceEvents,
            boolean silenced,
            Instant acknowledgedAt,
            String acknowledgedBy,
            Instant resolvedAt,
            String resolvedBy,
            Map<String, Long> identities,
            Map<String, Long> verdicts) {}

    /** The name of the stream's last event, sent when it ends (incidents themselves come as unnamed events). */
    public static final String STREAM_END = "end";

    /** Why the stream ended, in its last event. */
    public record StreamEnd(String reason, String detail) {}

    /**
     * A page of the evidence export: events in chain order with their links, the digest over all events and how many
     * there are; {@code next} is the {@code after} of the following page, absent on the last.
     */
    public record Evidence(
            String incidentId,
            String digest,
            long totalEvents,
            String algorithm,
            List<EvidenceChain.Link> events,
            String next) {}

    private final IncidentStore store;
    private final ReadableIncidents visible;
    private final AlertScheduler scheduler;
    private final NoticeService notices;
    private final IncidentUpdates updates;
    private final OwnerAccess access;
    private final JsonWebToken token;
    private final String externalUrl;

    public IncidentResource(
            IncidentStore store,
            AlertScheduler scheduler,
            NoticeService notices,
            IncidentUpdates updates,
            OwnerAccess access,
            JsonWebToken token,
            AlertConfig config,
            ReadableIncidents visible) {
        this.store = store;
        this.visible = visible;
        this.scheduler = scheduler;
        this.notices = notices;
        this.updates = updates;
        this.access = access;
        this.token = token;
        this.externalUrl = config.externalUrl();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "List incidents, newest activity first",
            description =
                    "Filters: owner, consumer, rule, status, severity, from/to (RFC 3339, on the seen period). An owner's people see only their owners.")
    @APIResponse(responseCode = "200", description = "A page of incidents")
    @APIResponse(responseCode = "400", description = "A filter is invalid")
    public Uni<Page> list(
            @QueryParam("owner") String owner,
            @QueryParam("consumer") String consumer,
            @QueryParam("rule") String rule,
            @QueryParam("status") String status,
            @QueryParam("severity") String severity,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("50") int limit,
            @QueryParam("offset") @DefaultValue("0") int offset) {
        if (limit < 1 || limit > 500 || offset < 0) {
            throw new ProblemException(Problems.validation(
                    "limit must be 1-500 and offset 0 or more.", List.of(FieldError.of("limit", "must be 1-500"))));
        }
        Set<String> readable = access.readableOwners();
        List<String> owners;
        if (owner != null) {
            access.requireRead(owner);
            owners = List.of(owner);
        } else {
            owners = readable == null ? null : List.copyOf(readable);
        }
        var query = new IncidentStore.Query(
                owners, consumer, rule, status, severity, instant("from", from), instant("to", to), limit + 1, offset);
        return store.list(query)
                .map(found -> new Page(
                        found.stream().limit(limit).map(this::summary).toList(),
                        found.size() > limit ? offset + limit : null));
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Follow incidents live (Server-Sent Events)",
            description = "Every new or changed incident of the owners this token may read, as it happens, each as an"
                    + " unnamed event whose data is the incident summary. When the token expires (its exp claim) a last"
                    + " event named end says why ({\"reason\":\"token-expired\"}) and the stream closes.")
    @APIResponse(
            responseCode = "200",
            description = "An event stream of incident summaries, ending with an end event at the token's expiry",
            content =
                    @Content(
                            mediaType = MediaType.SERVER_SENT_EVENTS,
                            schema = @Schema(implementation = Alert.IncidentSummary.class)))
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        Set<String> readable = access.readableOwners();
        // The token was valid when the stream opened; it must not stay good for as long as the connection lasts
        // (issue #17). At its exp claim (RFC 7519 §4.1.4) the stream says why it ends, and ends.
        Duration left = Duration.between(Instant.now(), Instant.ofEpochSecond(token.getExpirationTime()));
        Multi<OutboundSseEvent> incidents = updates.stream()
                .filter(i -> readable == null || readable.contains(i.owner()))
                .map(i -> sse.newEventBuilder()
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(Alert.IncidentSummary.class, i)
                        .build());
        OutboundSseEvent end = sse.newEventBuilder()
                .name(STREAM_END)
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(StreamEnd.class, new StreamEnd("token-expired", "The token expired; reconnect with a new one."))
                .build();
        return Multi.createBy()
                .concatenating()
                .streams(
                        left.isNegative() || left.isZero()
                                ? Multi.createFrom().empty()
                                : incidents.select().first(left),
                        Multi.createFrom().item(end));
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One incident, with its evidence digest")
    @APIResponse(
            responseCode = "200",
            description = "The incident",
            content = @Content(schema = @Schema(implementation = Detail.class)))
    @APIResponse(responseCode = "404", description = "No such incident")
    public Uni<Detail> get(@PathParam("id") String id) {
        return readable(id).chain(this::detail);
    }

    private Uni<Detail> detail(Incident incident) {
        return notices.digest(incident)
                .chain(digest -> store.identitiesOf(incident.id()).chain(identities -> store.verdictsOf(incident.id())
                        .map(verdicts -> new Detail(
                                summary(incident),
                                digest.digest(),
                                digest.events(),
                                incident.silenced(),
                                incident.acknowledgedAt(),
                                incident.acknowledgedBy(),
                                incident.resolvedAt(),
                                incident.resolvedBy(),
                                identities,
                                verdicts))));
    }

    @POST
    @Path("{id}/ack")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Acknowledge an incident",
            description = "Alerts 'acknowledged' at once; no more repeats, updates still come.")
    @APIResponse(
            responseCode = "200",
            description = "The incident now",
            content = @Content(schema = @Schema(implementation = Detail.class)))
    @APIResponse(responseCode = "404", description = "No such incident")
    @APIResponse(responseCode = "409", description = "The incident is resolved")
    public Uni<Detail> acknowledge(@PathParam("id") String id) {
        return transition(id, IncidentStatus.ACKNOWLEDGED);
    }

    @POST
    @Path("{id}/resolve")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Resolve an incident",
            description =
                    "Alerts 'resolved' at once. Later violations of the same owner, consumer and rule open a new incident.")
    @APIResponse(
            responseCode = "200",
            description = "The incident now",
            content = @Content(schema = @Schema(implementation = Detail.class)))
    @APIResponse(responseCode = "404", description = "No such incident")
    @APIResponse(responseCode = "409", description = "The incident is resolved already")
    public Uni<Detail> resolve(@PathParam("id") String id) {
        return transition(id, IncidentStatus.RESOLVED);
    }

    @GET
    @Path("{id}/notice")
    @Produces({MARKDOWN, MediaType.TEXT_HTML})
    @Operation(
            summary = "The formal notice of possible unlicensed use",
            description =
                    "Markdown or HTML by the Accept header: who, what data, which term or clause and terms version, when, how much, estimated fee and basis, identity confidence, and the evidence digest with how to verify it.")
    @APIResponse(
            responseCode = "200",
            description = "The notice",
            content = {@Content(mediaType = MARKDOWN), @Content(mediaType = MediaType.TEXT_HTML)})
    @APIResponse(responseCode = "404", description = "No such incident")
    public Uni<Response> notice(@PathParam("id") String id, HttpHeaders headers) {
        boolean wantsHtml = headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> m.isCompatible(MediaType.TEXT_HTML_TYPE) && !m.isWildcardType());
        return readable(id)
                .chain(incident -> notices.notice(id))
                .map(notice -> wantsHtml
                        ? Response.ok(notice.html(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                                .build()
                        : Response.ok(notice.markdown(), MediaType.valueOf(MARKDOWN + "; charset=UTF-8"))
                                .build());
    }

    @GET
    @Path("{id}/evidence")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The evidence export, a page at a time",
            description =
                    "The incident's events in chain order, with the RFC 8785 canonical JSON that was hashed and its link of the SHA-256 chain; anyone can recompute the digest from the pages alone. Follow next (as after) until it is absent; every page states the digest over all events, so a client that recomputes a different one (events arrived meanwhile) starts again.")
    @APIResponse(
            responseCode = "200",
            description = "A page of the evidence",
            content = @Content(schema = @Schema(implementation = Evidence.class)))
    @APIResponse(responseCode = "400", description = "limit is not 1-10000 or after is not a cursor from a page")
    @APIResponse(responseCode = "404", description = "No such incident")
    public Uni<Evidence> evidence(
            @PathParam("id") String id,
            @QueryParam("limit") @DefaultValue("1000") int limit,
            @QueryParam("after") String after) {
        if (limit < 1 || limit > MAX_EVIDENCE_PAGE) {
            throw new ProblemException(Problems.validation(
                    "limit must be 1-" + MAX_EVIDENCE_PAGE + ".",
                    List.of(FieldError.of("limit", "must be 1-" + MAX_EVIDENCE_PAGE))));
        }
        EvidenceCursor cursor = cursor(after);
        return readable(id)
                .chain(incident -> notices.evidence(incident, cursor, limit))
                .map(page -> new Evidence(
                        id,
                        page.digest().digest(),
                        page.digest().events(),
                        "events ordered by (observedAt, eventId); link_0 = \"\"; link_i = hex(SHA-256(UTF-8(link_(i-1) + JCS(event_i))));"
                                + " digest = \"sha256:\" + link_n",
                        page.links(),
                        page.next() == null ? null : page.next().token()));
    }

    /** The most events one page of the evidence export holds. */
    static final int MAX_EVIDENCE_PAGE = 10_000;

    private static EvidenceCursor cursor(String after) {
        if (after == null || after.isEmpty()) {
            return null;
        }
        try {
            return EvidenceCursor.parse(after);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problems.validation(
                    "after is not a cursor from a page of this export.",
                    List.of(FieldError.of("after", "must be the next of a previous page"))));
        }
    }

    private Uni<Detail> transition(String id, IncidentStatus target) {
        return readable(id)
                .chain(incident -> {
                    access.requireWrite(incident.key().owner());
                    if (incident.status() == IncidentStatus.RESOLVED) {
                        throw new ProblemException(Problems.conflict("Incident " + id + " is resolved."));
                    }
                    return scheduler.transition(id, target, access.who());
                })
                .chain(done -> get(id));
    }

    private Uni<Incident> readable(String id) {
        return visible.find(id);
    }

    private Alert.IncidentSummary summary(Incident incident) {
        return incident.summary(externalUrl + "/v1/incidents/" + incident.id() + "/notice");
    }

    private static Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problems.validation(
                    name + " is not a timestamp.", List.of(FieldError.of(name, "must be RFC 3339"))));
        }
    }
}
