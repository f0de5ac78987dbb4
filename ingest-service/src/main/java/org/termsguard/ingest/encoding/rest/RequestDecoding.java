package org.termsguard.ingest.encoding.rest;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.termsguard.ingest.IngestConfig;
import org.termsguard.ingest.encoding.ContentDecoding;
import org.termsguard.ingest.events.service.IngestMetrics;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;

/**
 * Decodes compressed request bodies before any endpoint reads them, so every ingest path (events, batches, access
 * logs, Firehose, OTLP) takes what shippers send by default. The endpoints' own size limits then apply to the
 * decoded body; this bound only stops a bomb from being inflated past it.
 */
@Provider
public class RequestDecoding implements ReaderInterceptor {

    // Providers are made while the application starts, before its runtime configuration is there: both are looked
    // up per request instead.
    private final Instance<IngestConfig> config;
    private final Instance<IngestMetrics> metrics;

    public RequestDecoding(Instance<IngestConfig> config, Instance<IngestMetrics> metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        String header = context.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING);
        List<String> codings;
        try {
            codings = ContentDecoding.codings(header);
        } catch (ContentDecoding.UnsupportedCoding e) {
            metrics.get().rejected("unsupported-encoding", 0);
            // RFC 9110 §12.5.3: a 415 for a content coding says which codings are accepted.
            throw new ProblemException(
                    Problems.unsupportedMediaType(e.getMessage()), Map.of("Accept-Encoding", "gzip, deflate, zstd"));
        }
        if (codings.isEmpty()) {
            return context.proceed();
        }
        byte[] decoded;
        try {
            decoded = ContentDecoding.decode(
                    codings, context.getInputStream(), config.get().maxDecodedBytes());
        } catch (ContentDecoding.TooLarge e) {
            metrics.get().rejected("too-large", 0);
            throw new ProblemException(Problems.tooLarge(e.getMessage() + " Send smaller uploads."));
        } catch (ContentDecoding.Corrupt e) {
            metrics.get().rejected("corrupt-encoding", 0);
            throw new ProblemException(Problems.validation(e.getMessage(), List.of()));
        }
        context.getHeaders().remove(HttpHeaders.CONTENT_ENCODING);
        context.setInputStream(new ByteArrayInputStream(decoded));
        return context.proceed();
    }
}
