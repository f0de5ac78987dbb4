package org.termsguard.ingest.accesslogs.rest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.termsguard.contracts.crawlers.CrawlerRegistry;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.validation.FieldError;
import org.termsguard.ingest.IngestConfig;
import org.termsguard.ingest.accesslogs.AccessLogTranslator;
import org.termsguard.ingest.accesslogs.LogFormat;
import org.termsguard.ingest.accesslogs.PathRules;
import org.termsguard.ingest.events.EventReader;
import org.termsguard.ingest.events.messaging.AccessEventPublisher;
import org.termsguard.ingest.events.service.IngestMetrics;
import org.termsguard.ingest.producers.ProducerIdentity;
import org.termsguard.ingest.producers.rest.ApiKeyFilter;
import org.termsguard.ingest.producers.rest.ProducerAuthenticated;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;

/** Log shippers post raw web-server access logs; each parseable line becomes an access event. */
@Path("/v1/access-logs")
@ProducerAuthenticated
@Blocking
@Tag(name = "access logs", description = "Raw web-server access logs")
@SecurityRequirement(name = "apiKey")
public class AccessLogResource {

    private static final String COMBINED_EXAMPLE =
            """
            203.0.113.7 - - [12/Apr/2023:09:30:00 +0000] "GET /r/programming/ HTTP/1.1" 200 5124 "-" "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)"
            198.51.100.4 - - [12/Apr/2023:09:30:01 +0000] "GET /r/news/.rss HTTP/1.1" 200 90 "-" "FeedFetcher/3.1"
            """;

    public record Accepted(int accepted, int skipped, List<AccessLogTranslator.LineError> errors) {}

    private final AccessLogTranslator translator;
    private final AccessEventPublisher publisher;
    private final IngestConfig config;
    private final IngestMetrics metrics;

    public AccessLogResource(
            AccessLogTranslator translator,
            AccessEventPublisher publisher,
            IngestConfig config,
            IngestMetrics metrics) {
        this.translator = translator;
        this.publisher = publisher;
        this.config = config;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Operation(
            summary = "Upload web-server access-log lines",
            description = "nginx/Apache combined lines, or JSON lines with nginx's variable names (time, remote_addr,"
                    + " request, status, body_bytes_sent, http_referer, http_user_agent). A line whose user agent names a"
                    + " known crawler (GET /v1/crawlers) becomes a crawler event with that crawler's consumer and purpose;"
                    + " other lines are feed or api by path. Identity is always claimed. Lines that cannot be read are"
                    + " skipped and reported by number; the others are published. Event ids derive from the lines, so"
                    + " uploading the same log again counts nothing twice.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.TEXT_PLAIN,
                            examples = @ExampleObject(name = "combined", value = COMBINED_EXAMPLE)))
    @APIResponse(
            responseCode = "202",
            description = "Kafka has every event of the parseable lines",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Accepted.class),
                            examples =
                                    @ExampleObject(
                                            name = "accepted",
                                            value =
                                                    "{\"accepted\":2,\"skipped\":1,\"errors\":[{\"line\":3,\"reason\":\"missing [time]\"}]}")))
    @APIResponse(responseCode = "400", description = "owner, format or site is invalid")
    @APIResponse(responseCode = "401", description = "Missing, unknown or revoked API key")
    @APIResponse(responseCode = "403", description = "The owner is outside the key's scope")
    @APIResponse(responseCode = "413", description = "The upload is too large")
    @APIResponse(responseCode = "415", description = "Not text/plain")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time; retry the same upload")
    public Uni<Response> upload(
            @Context ContainerRequestContext request,
            @Parameter(description = "The owner whose site the log is from", required = true) @QueryParam("owner")
                    String owner,
            @Parameter(description = "combined (default) or json") @QueryParam("format") @DefaultValue("combined")
                    String format,
            @Parameter(
                            description =
                                    "Scheme and host the logged paths belong to, e.g. https://www.reddit.com; resource URIs are this plus the path")
                    @QueryParam("site")
                    String site,
            byte[] body) {
        ProducerIdentity producer = (ProducerIdentity) request.getProperty(ApiKeyFilter.IDENTITY);
        LogFormat logFormat = format(format, null);
        checkOwner(owner, producer);
        checkSite(site);
        if (body.length > config.batch().maxBytes()) {
            metrics.rejected("too-large", 0);
            throw new ProblemException(Problems.tooLarge(
                    "An access-log upload may be at most " + config.batch().maxBytes() + " bytes; split it."));
        }
        AccessLogTranslator.Translation translation;
        try {
            translation = translator.translate(owner, site, logFormat, new ByteArrayInputStream(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        metrics.rejected("unparseable-line", translation.errors().size());
        var receivedAt = java.time.Instant.now();
        List<AccessEvent> events = translation.events().stream()
                .map(e -> e.withReception(producer.producerId(), receivedAt))
                .toList();
        var answer = new Accepted(
                events.size(),
                translation.errors().size(),
                translation.errors().stream().limit(1000).toList());
        if (events.isEmpty()) {
            return Uni.createFrom().item(Response.accepted(answer).build());
        }
        return publisher
                .publish(events)
                .onFailure()
                .invoke(e -> metrics.rejected("unavailable", events.size()))
                .invoke(() -> metrics.accepted("access-logs", events.size()))
                .replaceWith(() -> Response.accepted(answer)
                        .type(MediaType.APPLICATION_JSON)
                        .build());
    }

    private static LogFormat format(String format, String logFormat) {
        try {
            return LogFormat.of(format, logFormat);
        } catch (LogFormat.Invalid e) {
            throw new ProblemException(
                    Problems.validation("Unknown log format.", List.of(FieldError.of(e.field(), e.getMessage()))));
        }
    }

    private static void checkOwner(String owner, ProducerIdentity producer) {
        if (owner == null || !owner.matches("[a-z0-9][a-z0-9._-]{0,62}")) {
            throw new ProblemException(Problems.validation(
                    "The owner is missing or invalid.",
                    List.of(FieldError.of("owner", "must be the owner id whose site the log is from"))));
        }
        if (!producer.mayReportFor(owner)) {
            throw new ProblemException(Problems.forbidden("This API key may not report for " + owner + "."));
        }
    }

    private static void checkSite(String site) {
        if (site == null) {
            return;
        }
        try {
            URI uri = URI.create(site);
            boolean plain = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && (uri.getPath() == null
                            || uri.getPath().isEmpty()
                            || uri.getPath().equals("/"))
                    && uri.getQuery() == null;
            if (plain) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // Reported below like any other malformed site.
        }
        throw new ProblemException(Problems.validation(
                "The site is invalid.",
                List.of(FieldError.of("site", "must be a scheme and host only, e.g. https://www.reddit.com"))));
    }

    /** The translator for this service's configuration; built once. */
    static class Translators {
        @Produces
        @Singleton
        AccessLogTranslator translator(CrawlerRegistry crawlers, IngestConfig config) {
            return new AccessLogTranslator(
                    crawlers,
                    new PathRules(config.accessLogs().feedPaths()),
                    new EventReader(java.time.Clock.systemUTC(), config.maxClockSkew()));
        }
    }
}
