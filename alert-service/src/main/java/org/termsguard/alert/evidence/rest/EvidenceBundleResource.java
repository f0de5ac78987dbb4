package org.termsguard.alert.evidence.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.termsguard.alert.evidence.service.EvidenceBundles;
import org.termsguard.alert.incidents.rest.ReadableIncidents;
import org.termsguard.contracts.validation.FieldError;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;

/** An incident's evidence bundle: one zip a recipient checks offline with {@code ./termsguard verify}. */
@Path("/v1/incidents/{id}/evidence.zip")
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "incidents", description = "Incidents, their notices and evidence")
public class EvidenceBundleResource {

    public static final String ZIP = "application/zip";

    private final EvidenceBundles bundles;
    private final ReadableIncidents visible;

    public EvidenceBundleResource(EvidenceBundles bundles, ReadableIncidents visible) {
        this.bundles = bundles;
        this.visible = visible;
    }

    @GET
    @Produces(ZIP)
    @Operation(
            summary = "The evidence bundle of the incident, or of one issued notice version",
            description = "manifest.json (each file's SHA-256) signed by the log key in manifest.sig; events.ndjson,"
                    + " proofs.json (RFC 9162 inclusion proofs), checkpoint.txt (C2SP signed note), checkpoint.tsr"
                    + " (RFC 3161) and tsa-chain.pem, log-key.pub, terms.json and terms/v<n>.json, identities.json,"
                    + " notice.json, .md, .html, .pdf, README.txt. With notice=n, against the checkpoint that"
                    + " version was issued on; without, the incident's events in the newest checkpoint.")
    @APIResponse(responseCode = "200", description = "The zip")
    @APIResponse(responseCode = "404", description = "No such incident or notice version")
    @APIResponse(responseCode = "409", description = "No event of the incident is in a signed checkpoint yet")
    @APIResponse(responseCode = "422", description = "More events than one bundle carries")
    public Uni<Response> bundle(
            @PathParam("id") String id,
            @QueryParam("notice") String notice,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Integer version = version(notice);
        return visible.find(id)
                .chain(incident -> bundles.bundle(incident, version, authorization))
                .map(bundle -> Response.ok(bundle.zip(), ZIP)
                        .header("Content-Disposition", "attachment; filename=\"" + bundle.fileName() + "\"")
                        .build());
    }

    private static Integer version(String notice) {
        if (notice == null) {
            return null;
        }
        try {
            int version = Integer.parseInt(notice);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(Problems.validation(
                "notice is an issued version's number, 1 or more.",
                List.of(FieldError.of("notice", "must be a version number"))));
    }
}
