package org.termsguard.ingest.verification.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.Verification;
import org.termsguard.contracts.events.Verification.Verdict;
import org.termsguard.ingest.IngestConfig;
import org.termsguard.ingest.verification.AgentDirectory;
import org.termsguard.ingest.verification.BuiltInSources;
import org.termsguard.ingest.verification.EventVerification;
import org.termsguard.ingest.verification.IpRangeSnapshot;
import org.termsguard.ingest.verification.KeyDirectorySnapshot;
import org.termsguard.ingest.verification.Observation;
import org.termsguard.ingest.verification.Snapshot;
import org.termsguard.ingest.verification.SnapshotHistories;
import org.termsguard.ingest.verification.SnapshotHistory;
import org.termsguard.ingest.verification.SourceKind;
import org.termsguard.ingest.verification.VerificationSource;
import org.termsguard.ingest.verification.Verifier;
import org.termsguard.ingest.verification.WebBotAuth;
import org.termsguard.ingest.verification.repository.VerificationStore;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;

/**
 * Verifies every event ingest publishes (the {@code AccessEventPublisher} calls {@link #verify} last, so every path
 * — single, batch, access logs, OTLP, Firehose — gets a verdict), and keeps the sources and their snapshot
 * histories: PostgreSQL holds them, each instance reads what any instance added, in the order added, so that version
 * numbers agree everywhere.
 */
@ApplicationScoped
public class CrawlerVerification {

    private static final Logger LOG = Logger.getLogger(CrawlerVerification.class);

    /** A snapshot as it was added: the version it became and whether it was new. */
    public record SnapshotAdded(
            String sourceId, int version, String sha256, Instant validFrom, boolean created, List<String> notes) {}

    /** A source with its versions, as {@code GET /v1/verification/sources} lists it. */
    public record SourceView(VerificationSource source, List<VersionView> versions) {}

    public record VersionView(int version, String sha256, Instant validFrom) {}

    private final VerificationStore store;
    private final IngestConfig.Verification config;
    private final Vertx vertx;
    private final Clock clock = Clock.systemUTC();
    private final SnapshotHistories histories = new SnapshotHistories();
    private final WebBotAuth webBotAuth;
    private final ReverseDnsLookups dns;
    private final SignatureAgentDirectories agents;
    private final Map<Verdict, Counter> verdicts = new EnumMap<>(Verdict.class);
    private volatile Verifier verifier;
    private long lastSeq;
    private long timer = -1;

    public CrawlerVerification(VerificationStore store, IngestConfig config, Vertx vertx, MeterRegistry metrics) {
        this.store = store;
        this.config = config.verification();
        this.vertx = vertx;
        this.webBotAuth = new WebBotAuth(this.config.signatureSkew());
        this.dns = this.config.dns().enabled() ? new ReverseDnsLookups(this.config.dns()) : null;
        this.agents = this.config.signatureAgents().enabled()
                ? new SignatureAgentDirectories(vertx, this.config.signatureAgents(), this.config.refresh(), metrics)
                : null;
        this.verifier = new Verifier(List.of(), histories, webBotAuth);
        for (Verdict verdict : Verdict.values()) {
            verdicts.put(
                    verdict,
                    Counter.builder("termsguard.ingest.verification.verdicts")
                            .description("Events published, by the verdict of their crawler-identity verification")
                            .tag("verdict", verdict.token())
                            .register(metrics));
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (config.seed()) {
            seed().await().atMost(Duration.ofSeconds(30));
        }
        reload().await().atMost(Duration.ofSeconds(30));
        timer = vertx.setPeriodic(config.reloadInterval().toMillis(), id -> reload().subscribe()
                .with(done -> {}, e -> LOG.warnf("Verification sources could not be reloaded: %s", e.getMessage())));
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (agents != null) {
            agents.close();
        }
    }

    private Uni<Void> seed() {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (VerificationSource source : BuiltInSources.all()) {
            chain = chain.flatMap(done -> store.seedSource(source))
                    .flatMap(created -> seedSnapshot(source))
                    .replaceWithVoid();
        }
        return chain;
    }

    private Uni<Void> seedSnapshot(VerificationSource source) {
        Optional<byte[]> document = BuiltInSources.seedDocument(source.sourceId());
        if (document.isEmpty() || source.kind() != SourceKind.IP_RANGES) {
            return Uni.createFrom().voidItem();
        }
        return store.hasSnapshots(source.sourceId()).flatMap(has -> {
            if (has) {
                return Uni.createFrom().voidItem();
            }
            IpRangeSnapshot snapshot = IpRangeSnapshot.parse(document.get(), Optional.empty(), clock.instant());
            return store.addSnapshot(source.sourceId(), snapshot.sha256(), micros(snapshot.validFrom()), document.get())
                    .replaceWithVoid();
        });
    }

    /** Reads sources and every snapshot added since the last reload, and rebuilds the verifier over them. */
    public Uni<Void> reload() {
        return store.sources().flatMap(sources -> {
            long after;
            synchronized (this) {
                after = lastSeq;
            }
            return store.snapshotsAfter(after).map(snapshots -> {
                apply(sources, snapshots);
                return null;
            });
        });
    }

    private synchronized void apply(List<VerificationSource> sources, List<VerificationStore.StoredSnapshot> added) {
        for (VerificationStore.StoredSnapshot stored : added) {
            if (stored.seq() <= lastSeq) {
                continue;
            }
            try {
                if (stored.kind() == SourceKind.IP_RANGES) {
                    histories
                            .ipRanges(stored.sourceId())
                            .add(IpRangeSnapshot.parse(
                                    stored.document(), Optional.of(stored.validFrom()), stored.validFrom()));
                } else if (stored.kind() == SourceKind.WEB_BOT_AUTH) {
                    histories
                            .keyDirectories(stored.sourceId())
                            .add(KeyDirectorySnapshot.parse(stored.document(), stored.validFrom()));
                }
            } catch (IllegalArgumentException e) {
                // Only documents that parsed were stored; one that no longer does (its source changed kind) is
                // left out rather than stopping every later snapshot.
                LOG.warnf("Snapshot %d of %s is left out: %s", stored.seq(), stored.sourceId(), e.getMessage());
            }
            lastSeq = stored.seq();
        }
        if (!sources.equals(verifier.sources())) {
            verifier = new Verifier(sources, histories, webBotAuth);
        }
    }

    /**
     * The events with {@code evidence.verification} set and {@code evidence.identity} derived from it. Reverse DNS
     * and unknown Signature-Agents' key directories each share one budget across the events of the call.
     */
    public List<AccessEvent> verify(List<AccessEvent> events) {
        EventVerification verification = forRequest();
        List<AccessEvent> verified = new ArrayList<>(events.size());
        for (AccessEvent event : events) {
            AccessEvent checked = verification.verify(event);
            verdicts.get(checked.evidence().verification().verdict()).increment();
            verified.add(checked);
        }
        return verified;
    }

    /** A dry run: the verdict for one described request, nothing published or counted. */
    public Verification check(Observation observation) {
        return forRequest().verify(observation);
    }

    /** Verification for one ingest request: its reverse-DNS and key-directory budgets start now. */
    private EventVerification forRequest() {
        return new EventVerification(
                verifier,
                dns == null ? EventVerification.ReverseDns.NONE : dns.forRequest(),
                agents == null ? AgentDirectory.Lookup.NONE : agents.forRequest());
    }

    /** Creates or replaces a source; answers whether it is new. A source with snapshots cannot change its kind. */
    public Uni<Boolean> putSource(VerificationSource source) {
        return store.sources()
                .flatMap(sources -> {
                    Optional<VerificationSource> known = sources.stream()
                            .filter(s -> s.sourceId().equals(source.sourceId()))
                            .findFirst();
                    if (known.isPresent() && known.get().kind() != source.kind()) {
                        return store.hasSnapshots(source.sourceId()).flatMap(has -> {
                            if (has) {
                                throw new ProblemException(Problems.conflict("Source " + source.sourceId() + " holds "
                                        + known.get().kind().token()
                                        + " snapshots; its kind cannot become "
                                        + source.kind().token()
                                        + ". Give the new source another id."));
                            }
                            return store.saveSource(source);
                        });
                    }
                    return store.saveSource(source);
                })
                .call(created -> reload());
    }

    /**
     * Adds a snapshot of the source's published document.
     *
     * @param validFrom when it came into force; empty for the document's {@code creationTime}, else now
     */
    public Uni<SnapshotAdded> addSnapshot(String sourceId, byte[] document, Optional<Instant> validFrom) {
        return store.sources().flatMap(sources -> {
            VerificationSource source = sources.stream()
                    .filter(s -> s.sourceId().equals(sourceId))
                    .findFirst()
                    .orElseThrow(
                            () -> new ProblemException(Problems.notFound("No verification source " + sourceId + ".")));
            Snapshot snapshot = parse(source, document, validFrom.map(CrawlerVerification::micros));
            List<String> notes = new ArrayList<>();
            if (snapshot instanceof KeyDirectorySnapshot keys && keys.skipped() > 0) {
                notes.add(
                        keys.skipped() + " keys of the directory were skipped (not Ed25519 or RSA-PSS, or malformed)");
            }
            Instant from = micros(snapshot.validFrom());
            return store.addSnapshot(sourceId, snapshot.sha256(), from, document)
                    .call(stored -> reload())
                    .map(stored -> new SnapshotAdded(
                            sourceId,
                            versionOf(source, snapshot.sha256(), from),
                            snapshot.sha256(),
                            from,
                            stored.created(),
                            notes));
        });
    }

    private Snapshot parse(VerificationSource source, byte[] document, Optional<Instant> validFrom) {
        try {
            return switch (source.kind()) {
                case IP_RANGES -> IpRangeSnapshot.parse(document, validFrom, clock.instant());
                case WEB_BOT_AUTH -> KeyDirectorySnapshot.parse(document, validFrom.orElse(clock.instant()));
                case REVERSE_DNS ->
                    throw new ProblemException(Problems.conflict("Source " + source.sourceId()
                            + " is reverse-dns: it checks host names, and holds no" + " published document."));
            };
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problems.unprocessable(e.getMessage() + "; nothing was stored.", List.of()));
        }
    }

    private int versionOf(VerificationSource source, String sha256, Instant validFrom) {
        SnapshotHistory<? extends Snapshot> history = source.kind() == SourceKind.IP_RANGES
                ? histories.ipRanges(source.sourceId())
                : histories.keyDirectories(source.sourceId());
        return history.versions().stream()
                .filter(v -> v.snapshot().sha256().equals(sha256)
                        && v.snapshot().validFrom().equals(validFrom))
                .mapToInt(SnapshotHistory.Version::number)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("A stored snapshot was not reloaded"));
    }

    /** The sources as this instance last read them. */
    public List<VerificationSource> current() {
        return verifier.sources();
    }

    /** The SHA-256 of the newest-added version of the source's document; empty before the first. */
    public Optional<String> newestSha256(VerificationSource source) {
        List<? extends SnapshotHistory.Version<? extends Snapshot>> versions =
                switch (source.kind()) {
                    case IP_RANGES -> histories.ipRanges(source.sourceId()).versions();
                    case WEB_BOT_AUTH ->
                        histories.keyDirectories(source.sourceId()).versions();
                    case REVERSE_DNS -> List.of();
                };
        return versions.isEmpty()
                ? Optional.empty()
                : Optional.of(versions.get(versions.size() - 1).snapshot().sha256());
    }

    /** Every source with its versions. */
    public Uni<List<SourceView>> sources() {
        return reload().map(done -> {
            List<SourceView> views = new ArrayList<>();
            for (VerificationSource source : verifier.sources()) {
                SnapshotHistory<? extends Snapshot> history =
                        switch (source.kind()) {
                            case IP_RANGES -> histories.ipRanges(source.sourceId());
                            case WEB_BOT_AUTH -> histories.keyDirectories(source.sourceId());
                            case REVERSE_DNS -> null;
                        };
                List<VersionView> versions = history == null
                        ? List.of()
                        : history.versions().stream()
                                .map(v -> new VersionView(
                                        v.number(),
                                        v.snapshot().sha256(),
                                        v.snapshot().validFrom()))
                                .toList();
                views.add(new SourceView(source, versions));
            }
            return views;
        });
    }

    // PostgreSQL keeps microseconds: a snapshot's validFrom is cut to them before it is stored, so that the
    // snapshot read back is the one added (the same content at the same time is one snapshot).
    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
