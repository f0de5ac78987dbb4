package org.termsguard.ingest.verification.service;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.termsguard.ingest.IngestConfig;
import org.termsguard.ingest.verification.AgentDirectory;
import org.termsguard.ingest.verification.KeyDirectorySnapshot;

/**
 * Key directories of Signature-Agents no web-bot-auth source holds, fetched from the origin the request names
 * (draft-ietf-webbotauth-httpsig-protocol §4: {@code /.well-known/http-message-signatures-directory}) through the
 * sources' SSRF guard, size and time bounds.
 *
 * <p>A request names its origin, so an attacker chooses what ingest fetches: one fetch per origin at a time, answers
 * cached (failures too, for less long), at most {@code cacheSize} origins, and a budget per ingest request shared by
 * its events after which only cached answers count. A fetch that outlives the budget goes on and serves later events.
 */
final class SignatureAgentDirectories {

    /** What a fetch came to: a directory, or why there is none. */
    private record Fetched(AgentDirectory directory, String failure) {}

    private final SourceFetcher fetcher;
    private final AsyncCache<URI, Fetched> answers;
    private final long requestBudgetNanos;
    private final Duration budget;
    private final Clock clock = Clock.systemUTC();
    private final MeterRegistry metrics;

    SignatureAgentDirectories(
            Vertx vertx,
            IngestConfig.Verification.SignatureAgents config,
            IngestConfig.Verification.Refresh fetching,
            MeterRegistry metrics) {
        this.fetcher = new SourceFetcher(vertx, fetching);
        this.budget = config.requestBudget();
        this.requestBudgetNanos = config.requestBudget().toNanos();
        this.metrics = metrics;
        long found = config.cacheTtl().toNanos();
        long failed = config.failureTtl().toNanos();
        this.answers = Caffeine.newBuilder()
                .maximumSize(config.cacheSize())
                .expireAfter(new Expiry<URI, Fetched>() {
                    @Override
                    public long expireAfterCreate(URI origin, Fetched fetched, long now) {
                        return fetched.directory() != null ? found : failed;
                    }

                    @Override
                    public long expireAfterUpdate(URI origin, Fetched fetched, long now, long current) {
                        return expireAfterCreate(origin, fetched, now);
                    }

                    @Override
                    public long expireAfterRead(URI origin, Fetched fetched, long now, long current) {
                        return current;
                    }
                })
                .buildAsync();
    }

    void close() {
        fetcher.close();
    }

    /** Lookups for one ingest request: cached answers always, new fetches until the request's budget is spent. */
    AgentDirectory.Lookup forRequest() {
        long deadline = System.nanoTime() + requestBudgetNanos;
        return origin -> {
            CompletableFuture<Fetched> known = answers.getIfPresent(origin);
            long left = deadline - System.nanoTime();
            if (known == null) {
                if (left <= 0) {
                    return new AgentDirectory.Answer(
                            null, "not fetched: this request's budget of " + budget + " for key directories is spent");
                }
                known = answers.get(origin, (key, executor) -> fetch(key));
            }
            if (known.isDone() || Context.isOnEventLoopThread()) {
                return answer(known.getNow(null), origin);
            }
            try {
                return answer(known.get(Math.max(left, 0), TimeUnit.NANOSECONDS), origin);
            } catch (TimeoutException e) {
                return new AgentDirectory.Answer(null, "not fetched within this request's budget of " + budget);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new AgentDirectory.Answer(null, "interrupted");
            } catch (ExecutionException e) {
                return new AgentDirectory.Answer(
                        null, String.valueOf(e.getCause().getMessage()));
            }
        };
    }

    private static AgentDirectory.Answer answer(Fetched fetched, URI origin) {
        if (fetched == null) {
            return new AgentDirectory.Answer(null, "the key directory of " + origin + " is being fetched");
        }
        return new AgentDirectory.Answer(fetched.directory(), fetched.failure());
    }

    private CompletableFuture<Fetched> fetch(URI origin) {
        URI url = origin.resolve(SourceRefresher.KEY_DIRECTORY_PATH);
        return fetcher.fetch(url, KeyDirectorySnapshot.MAX_DOCUMENT_BYTES, null, null)
                .map(fetched -> {
                    if (!(fetched instanceof SourceFetcher.Body body)) {
                        return new Fetched(null, url + " answered 304 to an unconditional request");
                    }
                    var now = clock.instant();
                    try {
                        return new Fetched(
                                new AgentDirectory(origin, KeyDirectorySnapshot.parse(body.document(), now), now),
                                null);
                    } catch (IllegalArgumentException e) {
                        return new Fetched(null, url + " is not a key directory: " + e.getMessage());
                    }
                })
                .onFailure()
                .recoverWithItem(e -> new Fetched(null, "fetching " + url + " failed: " + e.getMessage()))
                .invoke(fetched -> metrics.counter(
                                "termsguard.ingest.verification.agent.directory.fetches",
                                "outcome",
                                fetched.directory() != null ? "fetched" : "failed")
                        .increment())
                .subscribeAsCompletionStage();
    }
}
