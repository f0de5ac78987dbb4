package org.termsguard.ingest.encoding.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.termsguard.ingest.IngestConfig;
import org.termsguard.ingest.encoding.ContentDecoding;
import org.termsguard.ingest.events.service.IngestMetrics;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;

/**
 * Decodes a compressed request body, so every ingest path (events, batches, access logs, Firehose, OTLP) takes what
 * shippers send by default. Each endpoint calls it on the body it was given: a JAX-RS reader interceptor would do it
 * for all of them, but its presence makes Quarkus REST stream every body through a blocking input stream, which cut
 * the single-event endpoint from thousands of requests a second to a few hundred. The endpoints' own size limits
 * then apply to the decoded body; this bound only stops a bomb from being inflated past it.
 */
@ApplicationScoped
public class RequestDecoding {

    private final IngestConfig config;
    private final IngestMetrics metrics;

    public RequestDecoding(IngestConfig config, IngestMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** {@code body} with its content codings undone; the same array when it has none. */
    public byte[] decoded(ContainerRequestContext request, byte[] body) {
        String header = request.getHeaderString(HttpHeaders.CONTENT_ENCODING);
        if (header == null) {
            return body;
        }
        List<String> codings;
        try {
            codings = ContentDecoding.codings(header);
        } catch (ContentDecoding.UnsupportedCoding e) {
            metrics.rejected("unsupported-encoding", 0);
            // RFC 9110 §12.5.3: a 415 for a content coding says which codings are accepted.
            throw new ProblemException(
                    Problems.unsupportedMediaType(e.getMessage()), Map.of("Accept-Encoding", "gzip, deflate, zstd"));
        }
        if (codings.isEmpty()) {
            return body;
        }
        try {
            return ContentDecoding.decode(codings, new ByteArrayInputStream(body), config.maxDecodedBytes());
        } catch (ContentDecoding.TooLarge e) {
            metrics.rejected("too-large", 0);
            throw new ProblemException(Problems.tooLarge(e.getMessage() + " Send smaller uploads."));
        } catch (ContentDecoding.Corrupt e) {
            metrics.rejected("corrupt-encoding", 0);
            throw new ProblemException(Problems.validation(e.getMessage(), List.of()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
