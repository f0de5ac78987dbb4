package org.termsguard.alert.notices.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.termsguard.alert.incidents.Incident;
import org.termsguard.alert.incidents.rest.ReadableIncidents;
import org.termsguard.alert.notices.repository.NoticeVersions;
import org.termsguard.alert.notices.service.NoticeService;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;
import org.termsguard.platform.security.OwnerAccess;

/**
 * Issued notices (issue #20): each version frozen as sent, naming the checkpoint it was issued against and its
 * events' leaf indexes in the owner's evidence log, so that it can be checked long after the incident has grown.
 */
@Path("/v1/incidents/{id}/notices")
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "incidents", description = "Incidents, their notices and evidence")
public class NoticeVersionResource {

    public static final String MARKDOWN = "text/markdown";

    private final NoticeService notices;
    private final NoticeVersions versions;
    private final OwnerAccess access;
    private final ReadableIncidents visible;

    public NoticeVersionResource(
            NoticeService notices, NoticeVersions versions, OwnerAccess access, ReadableIncidents visible) {
        this.notices = notices;
        this.versions = versions;
        this.access = access;
        this.visible = visible;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Issue the notice: freeze it as it reads now, against the newest checkpoint",
            description = "201 with the new version; 200 with the last one when no event came since; 409 while the"
                    + " incident's events are not all in a signed checkpoint yet.")
    @APIResponse(responseCode = "201", description = "A new version")
    @APIResponse(responseCode = "200", description = "The last version, unchanged")
    @APIResponse(responseCode = "404", description = "No such incident")
    @APIResponse(responseCode = "409", description = "The checkpoint does not cover every event yet")
    public Uni<Response> issue(@PathParam("id") String id) {
        return readable(id).chain(incident -> {
            access.requireWrite(incident.key().owner());
            return notices.issue(incident, access.who()).map(issued -> Response.status(issued.created() ? 201 : 200)
                    .entity(withoutTexts(issued.version()))
                    .build());
        });
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every issued version of the incident's notice, oldest first")
    @APIResponse(responseCode = "200", description = "The versions (no texts; GET one for its text and leaf indexes)")
    @APIResponse(responseCode = "404", description = "No such incident")
    public Uni<List<NoticeVersions.Version>> list(@PathParam("id") String id) {
        return readable(id).chain(incident -> versions.list(id));
    }

    @GET
    @Path("{version}")
    @Produces({MediaType.APPLICATION_JSON, MARKDOWN, MediaType.TEXT_HTML})
    @Operation(
            summary = "One issued version: JSON with its leaf indexes, or its frozen text",
            description = "By the Accept header: application/json (tree size, leaf indexes, issued at and by),"
                    + " text/markdown or text/html (the notice exactly as issued).")
    @APIResponse(responseCode = "200", description = "The version")
    @APIResponse(responseCode = "404", description = "No such incident or version")
    public Uni<Response> get(
            @PathParam("id") String id, @PathParam("version") int version, @HeaderParam("Accept") String accept) {
        return readable(id).chain(incident -> versions.get(id, version)).map(found -> {
            NoticeVersions.Version v = found.orElseThrow(() -> new ProblemException(
                    Problems.notFound("Incident " + id + " has no notice version " + version + ".")));
            if (accept != null && accept.contains(MARKDOWN)) {
                return Response.ok(v.markdown(), MARKDOWN + ";charset=UTF-8").build();
            }
            if (accept != null && accept.contains(MediaType.TEXT_HTML)) {
                return Response.ok(v.html(), MediaType.TEXT_HTML + ";charset=UTF-8")
                        // The frozen text holds event-originated values (escaped); it runs nothing.
                        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                        .build();
            }
            return Response.ok(withoutTexts(v), MediaType.APPLICATION_JSON).build();
        });
    }

    private static NoticeVersions.Version withoutTexts(NoticeVersions.Version v) {
        return new NoticeVersions.Version(
                v.incidentId(),
                v.version(),
                v.owner(),
                v.treeSize(),
                v.events(),
                v.leafIndexes(),
                v.subject(),
                null,
                null,
                v.issuedAt(),
                v.issuedBy());
    }

    private Uni<Incident> readable(String id) {
        return visible.find(id);
    }
}
