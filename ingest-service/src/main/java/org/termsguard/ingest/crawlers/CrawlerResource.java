package org.termsguard.ingest.crawlers;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.termsguard.contracts.crawlers.Crawler;
import org.termsguard.contracts.crawlers.CrawlerRegistry;

/** The crawlers ingest recognises in access logs. Public: it describes Termsguard, not anyone's data. */
@Path("/v1/crawlers")
@Tag(name = "crawlers", description = "The built-in crawler registry")
@jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
public class CrawlerResource {

    public record Answer(int count, String sources, List<Crawler> crawlers) {}

    private final CrawlerRegistry registry;

    public CrawlerResource(CrawlerRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Operation(
            summary = "List the known crawlers",
            description =
                    "Token, consumer id, operator, RSL purpose and function of each; ?userAgent= shows which one a full user-agent string names.")
    @APIResponse(
            responseCode = "200",
            description = "The registry, or the crawler the user agent names (empty list when none)")
    public Answer list(
            @Parameter(description = "A full user-agent string to match") @QueryParam("userAgent") String userAgent) {
        List<Crawler> crawlers = userAgent == null
                ? registry.all()
                : registry.match(userAgent).stream().toList();
        return new Answer(
                crawlers.size(),
                "ai.robots.txt snapshot of 2026-08-22 (MIT licence) and Termsguard's curated list",
                crawlers);
    }
}
