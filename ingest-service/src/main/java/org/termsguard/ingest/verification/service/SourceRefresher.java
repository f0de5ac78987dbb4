package org.termsguard.ingest.verification.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.termsguard.ingest.IngestConfig;
import org.termsguard.ingest.verification.IpRangeSnapshot;
import org.termsguard.ingest.verification.KeyDirectorySnapshot;
import org.termsguard.ingest.verification.SourceKind;
import org.termsguard.ingest.verification.VerificationSource;

/**
 * Keeps the sources' snapshots current in production: each source with a {@code url} and a {@code refresh} period
 * is fetched when due ({@link SourceFetcher}: SSRF-guarded, conditional), and a document that changed becomes a new
 * snapshot, in force from its {@code creationTime} (else the fetch time). A web-bot-auth source's url is the
 * Signature-Agent origin; its key directory is fetched from {@code /.well-known/http-message-signatures-directory}
 * there (draft-ietf-webbotauth-httpsig-protocol, "Key Directory"). A source not fetched successfully for two of its
 * periods is stale: a warning, and {@code termsguard_ingest_verification_sources_stale} counts it.
 *
 * <p>What each source's last fetch did is kept per instance; a restarted instance fetches unconditionally once,
 * and the same document is never stored twice (its SHA-256 is compared with the newest version's).
 */
@ApplicationScoped
public class SourceRefresher {

    private static final Logger LOG = Logger.getLogger(SourceRefresher.class);
    static final String KEY_DIRECTORY_PATH = "/.well-known/http-message-signatures-directory";

    /** What one refresh did: {@code changed} (a new version), {@code unchanged}, or {@code failed}. */
    public record Outcome(String sourceId, String outcome, Integer version, String sha256, String error) {}

    /** A source's fetch history on this instance. */
    public record Status(
            Instant lastAttempt, Instant lastSuccess, Instant lastChange, String lastError, boolean stale) {}

    private static final class State {
        volatile String etag;
        volatile String lastModified;
        volatile Instant lastAttempt;
        volatile Instant lastSuccess;
        volatile Instant lastChange;
        volatile String lastError;
        volatile boolean warnedStale;
        final Instant known;

        State(Instant known) {
            this.known = known;
        }
    }

    private final CrawlerVerification verification;
    private final IngestConfig.Verification.Refresh config;
    private final Vertx vertx;
    private final SourceFetcher fetcher;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final MeterRegistry metrics;
    private long timer = -1;

    public SourceRefresher(CrawlerVerification verification, IngestConfig config, Vertx vertx, MeterRegistry metrics) {
        this.verification = verification;
        this.config = config.verification().refresh();
        this.vertx = vertx;
        this.metrics = metrics;
        this.fetcher = new SourceFetcher(vertx, this.config);
        Gauge.builder("termsguard.ingest.verification.sources.stale", this, SourceRefresher::staleCount)
                .description("Verification sources not fetched successfully for two of their refresh periods")
                .register(metrics);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            timer = vertx.setPeriodic(config.tick().toMillis(), id -> refreshDue());
        }
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        fetcher.close();
    }

    /** Whether plain-http source urls are allowed (test servers only). */
    public boolean allowsHttp() {
        return config.allowHttp();
    }

    private void refreshDue() {
        Instant now = clock.instant();
        for (VerificationSource source : verification.current()) {
            if (!fetchable(source)) {
                continue;
            }
            State state = states.computeIfAbsent(source.sourceId(), id -> new State(now));
            if (state.lastAttempt == null || !now.isBefore(state.lastAttempt.plus(source.refresh()))) {
                refresh(source)
                        .subscribe()
                        .with(outcome -> {}, e -> LOG.warnf("Refreshing %s failed: %s", source.sourceId(), e));
            }
        }
    }

    private static boolean fetchable(VerificationSource source) {
        return source.url() != null && source.kind() != SourceKind.REVERSE_DNS;
    }

    /** Fetches the source now, whatever its schedule. */
    public Uni<Outcome> refresh(String sourceId) {
        return verification
                .sources()
                .map(views -> views.stream()
                        .map(CrawlerVerification.SourceView::source)
                        .filter(s -> s.sourceId().equals(sourceId))
                        .findFirst())
                .flatMap(found -> found.map(this::refresh)
                        .orElseGet(() -> Uni.createFrom().failure(new java.util.NoSuchElementException(sourceId))));
    }

    private Uni<Outcome> refresh(VerificationSource source) {
        if (!fetchable(source)) {
            return Uni.createFrom()
                    .item(new Outcome(
                            source.sourceId(), "failed", null, null, "the source has no document url to fetch"));
        }
        State state = states.computeIfAbsent(source.sourceId(), id -> new State(clock.instant()));
        state.lastAttempt = clock.instant();
        boolean keys = source.kind() == SourceKind.WEB_BOT_AUTH;
        URI url = keys ? source.url().resolve(KEY_DIRECTORY_PATH) : source.url();
        int maxBytes = keys ? KeyDirectorySnapshot.MAX_DOCUMENT_BYTES : IpRangeSnapshot.MAX_DOCUMENT_BYTES;
        return fetcher.fetch(url, maxBytes, state.etag, state.lastModified)
                .flatMap(fetched -> {
                    state.lastSuccess = clock.instant();
                    state.lastError = null;
                    state.warnedStale = false;
                    if (!(fetched instanceof SourceFetcher.Body body)) {
                        return Uni.createFrom().item(new Outcome(source.sourceId(), "unchanged", null, null, null));
                    }
                    state.etag = body.etag();
                    state.lastModified = body.lastModified();
                    String sha256 = sha256(body.document());
                    if (verification.newestSha256(source).filter(sha256::equals).isPresent()) {
                        return Uni.createFrom().item(new Outcome(source.sourceId(), "unchanged", null, sha256, null));
                    }
                    return verification
                            .addSnapshot(source.sourceId(), body.document(), Optional.empty())
                            .map(added -> {
                                state.lastChange = clock.instant();
                                return new Outcome(
                                        source.sourceId(),
                                        added.created() ? "changed" : "unchanged",
                                        added.version(),
                                        added.sha256(),
                                        null);
                            });
                })
                .onFailure()
                .recoverWithItem(e -> {
                    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    state.lastError = why;
                    return new Outcome(source.sourceId(), "failed", null, null, why);
                })
                .invoke(outcome -> counter(outcome.outcome()).increment())
                .invoke(outcome -> warnIfStale(source, state));
    }

    private Counter counter(String outcome) {
        return outcomes.computeIfAbsent(outcome, o -> Counter.builder("termsguard.ingest.verification.fetches")
                .description("Fetches of verification sources' published documents, by outcome")
                .tag("outcome", o)
                .register(metrics));
    }

    private void warnIfStale(VerificationSource source, State state) {
        if (stale(source, state) && !state.warnedStale) {
            state.warnedStale = true;
            LOG.warnf(
                    "Verification source %s is stale: not fetched successfully since %s (refresh %s); last error: %s",
                    source.sourceId(),
                    state.lastSuccess == null ? "this instance started" : state.lastSuccess,
                    source.refresh(),
                    state.lastError);
        }
    }

    private boolean stale(VerificationSource source, State state) {
        if (source.refresh() == null) {
            return false;
        }
        Instant since = state.lastSuccess == null ? state.known : state.lastSuccess;
        return clock.instant().isAfter(since.plus(source.refresh().multipliedBy(2)));
    }

    private double staleCount() {
        int stale = 0;
        for (VerificationSource source : verification.current()) {
            State state = states.get(source.sourceId());
            if (fetchable(source) && config.enabled() && state != null && stale(source, state)) {
                stale++;
            }
        }
        return stale;
    }

    /** The source's fetch history on this instance; empty when it was never fetched here. */
    public Optional<Status> status(VerificationSource source) {
        State state = states.get(source.sourceId());
        if (state == null || state.lastAttempt == null) {
            return Optional.empty();
        }
        return Optional.of(new Status(
                state.lastAttempt, state.lastSuccess, state.lastChange, state.lastError, stale(source, state)));
    }

    private static String sha256(byte[] document) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
