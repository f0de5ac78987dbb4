package org.termsguard.ingest.accesslogs.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.validation.FieldError;
import org.termsguard.ingest.IngestConfig;
import org.termsguard.ingest.accesslogs.AccessLogTranslator;
import org.termsguard.ingest.accesslogs.LogFormat;
import org.termsguard.ingest.events.messaging.AccessEventPublisher;
import org.termsguard.ingest.events.service.IngestMetrics;
import org.termsguard.ingest.producers.ProducerIdentity;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;

/**
 * What every way of sending logs shares — an upload, a Firehose delivery, an OTLP export: the checks of owner, site
 * and format, the line and byte limits, and publishing the events read, acknowledged only once Kafka has them all.
 */
@ApplicationScoped
public class LogUploads {

    /** The most errors a 422 lists. */
    public static final int MAX_PROBLEM_ERRORS = 100;

    /** What was taken from an upload. */
    public record Accepted(int accepted, int skipped, List<AccessLogTranslator.LineError> errors) {}

    private final AccessEventPublisher publisher;
    private final IngestConfig config;
    private final IngestMetrics metrics;

    public LogUploads(AccessEventPublisher publisher, IngestConfig config, IngestMetrics metrics) {
        this.publisher = publisher;
        this.config = config;
        this.metrics = metrics;
    }

    public LogFormat format(String format, String logFormat) {
        try {
            return LogFormat.of(format, logFormat);
        } catch (LogFormat.Invalid e) {
            String detail = e.field().equals("format") ? "Unknown log format." : "The logFormat cannot be used.";
            throw new ProblemException(Problems.validation(detail, List.of(FieldError.of(e.field(), e.getMessage()))));
        }
    }

    public void checkOwner(String owner, ProducerIdentity producer) {
        if (owner == null || !owner.matches("[a-z0-9][a-z0-9._-]{0,62}")) {
            throw new ProblemException(Problems.validation(
                    "The owner is missing or invalid.",
                    List.of(FieldError.of("owner", "must be the owner id whose site the log is from"))));
        }
        if (!producer.mayReportFor(owner)) {
            throw new ProblemException(Problems.forbidden("This API key may not report for " + owner + "."));
        }
    }

    public void checkSite(String site) {
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

    /**
     * Refuses a body over the upload limits before it is read: bytes, and lines — an upload's events are held until
     * Kafka has them all, so the count of lines bounds the memory one request takes (issue #17).
     */
    public void checkSize(byte[] body) {
        if (body.length > config.batch().maxBytes()) {
            metrics.rejected("too-large", 0);
            throw new ProblemException(Problems.tooLarge(
                    "An access-log upload may be at most " + config.batch().maxBytes() + " bytes; split it."));
        }
        int lines = 0;
        for (byte b : body) {
            if (b == '\n') {
                lines++;
            }
        }
        int max = config.accessLogs().maxLines();
        if (lines > max) {
            metrics.rejected("too-large", 0);
            throw new ProblemException(
                    Problems.tooLarge("An access-log upload may hold at most " + max + " lines; split it."));
        }
    }

    /**
     * Publishes what {@code translation} read, for {@code endpoint}'s metrics.
     *
     * @throws ProblemException 422 when nothing could be read (nothing is published)
     */
    public Uni<Accepted> publish(
            ProducerIdentity producer, AccessLogTranslator.Translation translation, String endpoint, String what) {
        metrics.rejected("unparseable-line", translation.skipped());
        if (translation.nothingRead()) {
            throw new ProblemException(Problems.unprocessable(
                    "No " + what + " could be read; nothing was published.",
                    translation.errors().stream()
                            .limit(MAX_PROBLEM_ERRORS)
                            .map(e -> new FieldError(e.line(), null, e.reason()))
                            .toList()));
        }
        Instant receivedAt = Instant.now();
        List<AccessEvent> events = translation.events().stream()
                .map(e -> e.withReception(producer.producerId(), receivedAt))
                .toList();
        Accepted answer = new Accepted(events.size(), translation.skipped(), translation.errors());
        if (events.isEmpty()) {
            return Uni.createFrom().item(answer);
        }
        return publisher
                .publish(events)
                .onFailure()
                .invoke(e -> metrics.rejected("unavailable", events.size()))
                .invoke(() -> metrics.accepted(endpoint, events.size()))
                .replaceWith(answer);
    }
}
