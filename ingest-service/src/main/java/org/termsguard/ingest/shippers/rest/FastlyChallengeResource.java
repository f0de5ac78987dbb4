package org.termsguard.ingest.shippers.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.termsguard.ingest.IngestConfig;
import org.termsguard.ingest.shippers.FastlyChallenge;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;

/** Fastly's proof that this endpoint may receive its services' logs; public, as Fastly calls it unauthenticated. */
@Path("/.well-known/fastly/logging/challenge")
@Tag(name = "access logs", description = "Raw web-server access logs")
public class FastlyChallengeResource {

    private final IngestConfig config;

    public FastlyChallengeResource(IngestConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(
            summary = "Fastly's log-streaming challenge",
            description = "The hex SHA-256 of each Fastly service id in termsguard.ingest.fastly.service-ids, one a"
                    + " line (* admits any service). Fastly asks for it before it streams logs to an HTTPS endpoint.")
    @APIResponse(responseCode = "200", description = "One line per configured service id")
    @APIResponse(responseCode = "404", description = "No Fastly service is configured")
    public String challenge() {
        String body = FastlyChallenge.body(config.fastly().serviceIds().orElse(java.util.List.of()));
        if (body.isEmpty()) {
            throw new ProblemException(Problems.notFound(
                    "No Fastly service may stream logs here; set termsguard.ingest.fastly.service-ids."));
        }
        return body;
    }
}
