package org.termsguard.ingest.accesslogs.rest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
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
import org.termsguard.ingest.IngestConfig;
import org.termsguard.ingest.accesslogs.AccessLogTranslator;
import org.termsguard.ingest.accesslogs.LogFormat;
import org.termsguard.ingest.accesslogs.PathRules;
import org.termsguard.ingest.accesslogs.TrustedProxies;
import org.termsguard.ingest.accesslogs.service.LogUploads;
import org.termsguard.ingest.encoding.rest.RequestDecoding;
import org.termsguard.ingest.events.EventReader;
import org.termsguard.ingest.producers.ProducerIdentity;
import org.termsguard.ingest.producers.rest.ApiKeyFilter;
import org.termsguard.ingest.producers.rest.ProducerAuthenticated;

/** Log shippers post raw web-server access logs; each parseable line becomes an access event. */
@Path("/v1/access-logs")
@ProducerAuthenticated
@Blocking
@Tag(name = "access logs", description = "Raw web-server access logs")
@SecurityRequirement(name = "apiKey")
public class AccessLogResource {

    @Inject
    RequestDecoding decoding;

    private static final String COMBINED_EXAMPLE =
            """
            203.0.113.7 - - [12/Apr/2023:09:30:00 +0000] "GET /r/programming/ HTTP/1.1" 200 5124 "-" "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)"
            198.51.100.4 - - [12/Apr/2023:09:30:01 +0000] "GET /r/news/.rss HTTP/1.1" 200 90 "-" "FeedFetcher/3.1"
            """;

    private static final String NDJSON = "application/x-ndjson";

    private static final String CLOUDFLARE_EXAMPLE =
            """
            {"ClientIP":"89.163.242.206","ClientRequestHost":"www.theburritobot.com","ClientRequestMethod":"GET","ClientRequestURI":"/static/img/testimonial-hipster.png","EdgeEndTimestamp":1506702504461999900,"EdgeResponseBytes":69045,"EdgeResponseStatus":200,"EdgeStartTimestamp":1506702504433000200,"RayID":"3a6050bcbe121a87"}
            """;

    private static final String GCP_EXAMPLE =
            """
            [{"httpRequest":{"requestMethod":"GET","requestUrl":"http://203.0.113.10/static/us/three-cats.jpg","status":304,"responseSize":"157","userAgent":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/83.0.4103.61 Safari/537.36","remoteIp":"198.51.100.23"},"timestamp":"2020-06-08T23:41:30.078Z"}]
            """;

    /** The most line errors a 422 lists; a 202 lists up to AccessLogTranslator.MAX_REPORTED_ERRORS. */
    static final int MAX_PROBLEM_ERRORS = LogUploads.MAX_PROBLEM_ERRORS;

    private final AccessLogTranslator translator;
    private final LogUploads uploads;

    public AccessLogResource(AccessLogTranslator translator, LogUploads uploads) {
        this.translator = translator;
        this.uploads = uploads;
    }

    @POST
    @Consumes({MediaType.TEXT_PLAIN, NDJSON, MediaType.APPLICATION_JSON})
    @Operation(
            summary = "Upload access logs as web servers, CDNs and load balancers write them",
            description = "The format parameter names how the log was written: combined, common or vhost_combined"
                    + " (nginx/Apache), json (JSON lines with nginx's variable names: time, remote_addr, request, status,"
                    + " body_bytes_sent, http_referer, http_user_agent, http_x_forwarded_for), cloudflare (Logpush"
                    + " http_requests, EdgeStartTimestamp as unixnano, unix or rfc3339), cloudfront (standard logs; the"
                    + " #Fields line sets the columns), w3c (any W3C extended log with #Fields, e.g. IIS), alb (AWS"
                    + " Application Load Balancer), gcp-lb (Cloud Logging entries with httpRequest), envoy (Envoy's"
                    + " default format, or Istio's), caddy (Caddy's JSON access log), or custom with logFormat the nginx"
                    + " log_format or Apache LogFormat string. The body is lines (text/plain, application/x-ndjson) or,"
                    + " for the JSON formats, also a JSON array of records (application/json). Each request becomes an"
                    + " access event: observedAt the request time in UTC; evidence.clientIp the client, found through"
                    + " X-Forwarded-For behind trusted proxies (termsguard.ingest.access-logs.trusted-proxies);"
                    + " resource.uri site plus path and query; volume.bytes the bytes sent (the body where the format"
                    + " tells it apart). A line whose user agent names a known crawler (GET /v1/crawlers) becomes a"
                    + " crawler event with that crawler's consumer and purpose; other lines are feed or api by path."
                    + " Identity is always claimed; a refused request (status 400 and above) counts 0 records. Lines"
                    + " that cannot be read are skipped and reported by number; the others are published. When no line"
                    + " can be read the answer is 422 and nothing is published. Event ids derive from the lines, so"
                    + " uploading the same log again counts nothing twice.")
    @RequestBody(
            content = {
                @Content(
                        mediaType = MediaType.TEXT_PLAIN,
                        examples = @ExampleObject(name = "combined", value = COMBINED_EXAMPLE)),
                @Content(
                        mediaType = NDJSON,
                        examples = @ExampleObject(name = "cloudflare", value = CLOUDFLARE_EXAMPLE)),
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        examples = @ExampleObject(name = "gcp-lb", value = GCP_EXAMPLE))
            })
    @APIResponse(
            responseCode = "202",
            description = "Kafka has every event of the parseable lines",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LogUploads.Accepted.class),
                            examples =
                                    @ExampleObject(
                                            name = "accepted",
                                            value =
                                                    "{\"accepted\":2,\"skipped\":1,\"errors\":[{\"line\":3,\"reason\":\"missing [time]\"}]}")))
    @APIResponse(responseCode = "400", description = "owner, format, logFormat or site is invalid")
    @APIResponse(responseCode = "401", description = "Missing, unknown or revoked API key")
    @APIResponse(responseCode = "403", description = "The owner is outside the key's scope")
    @APIResponse(responseCode = "413", description = "The upload is too large")
    @APIResponse(responseCode = "415", description = "Not text/plain, application/x-ndjson or application/json")
    @APIResponse(
            responseCode = "422",
            description = "No line of the upload could be read (nothing is published); errors lists the first "
                    + MAX_PROBLEM_ERRORS + " with index the line number (1-based) and message the reason")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time; retry the same upload")
    public Uni<Response> upload(
            @Context ContainerRequestContext request,
            @Parameter(description = "The owner whose site the log is from", required = true) @QueryParam("owner")
                    String owner,
            @Parameter(
                            description = "How the log was written: combined (default), common, vhost_combined, json,"
                                    + " cloudflare, cloudfront, w3c, alb, gcp-lb, envoy, caddy or custom")
                    @QueryParam("format")
                    @DefaultValue("combined")
                    String format,
            @Parameter(
                            description = "With format=custom only: the nginx log_format or Apache LogFormat string"
                                    + " that wrote the log, e.g. $remote_addr - $remote_user [$time_local] \"$request\""
                                    + " $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"")
                    @QueryParam("logFormat")
                    String logFormatString,
            @Parameter(
                            description =
                                    "Scheme and host the logged paths belong to, e.g. https://www.reddit.com; resource URIs are this plus the path")
                    @QueryParam("site")
                    String site,
            byte[] encoded) {
        byte[] body = decoding.decoded(request, encoded);
        ProducerIdentity producer = (ProducerIdentity) request.getProperty(ApiKeyFilter.IDENTITY);
        LogFormat logFormat = uploads.format(format, logFormatString);
        uploads.checkOwner(owner, producer);
        uploads.checkSite(site);
        uploads.checkSize(body);
        AccessLogTranslator.Translation translation;
        try {
            translation = translator.translate(owner, site, logFormat, new ByteArrayInputStream(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uploads.publish(
                        producer,
                        translation,
                        "access-logs",
                        "line of the upload as " + logFormat.name().token())
                .map(answer -> Response.accepted(answer)
                        .type(MediaType.APPLICATION_JSON)
                        .build());
    }

    /** The translator for this service's configuration; built once. */
    static class Translators {
        @Produces
        @Singleton
        AccessLogTranslator translator(CrawlerRegistry crawlers, IngestConfig config) {
            return new AccessLogTranslator(
                    crawlers,
                    new PathRules(config.accessLogs().feedPaths()),
                    new EventReader(java.time.Clock.systemUTC(), config.maxClockSkew()),
                    trustedProxies(config.accessLogs().trustedProxies()));
        }

        private static TrustedProxies trustedProxies(List<String> ranges) {
            try {
                return TrustedProxies.of(ranges);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "termsguard.ingest.access-logs.trusted-proxies: " + e.getMessage(), e);
            }
        }
    }
}
