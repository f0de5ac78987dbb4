package org.termsguard.ingest.verification.service;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import io.vertx.mutiny.core.http.HttpClientResponse;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.termsguard.contracts.net.TargetPolicy;
import org.termsguard.ingest.IngestConfig;

/**
 * Fetches a source's published document: through the same resolve-then-check SSRF guard as webhook deliveries
 * ({@link TargetPolicy}: https only, no special-purpose address, the connection made to the address checked so a
 * second DNS answer cannot swap it), conditionally (RFC 9110 §13.1: {@code If-None-Match}, {@code If-Modified-Since}),
 * within a size bound and a time bound, following at most three redirects, each checked again.
 */
final class SourceFetcher {

    /** What a fetch found. */
    sealed interface Fetched {}

    /** A new body, with the validators to send next time. */
    record Body(byte[] document, String etag, String lastModified) implements Fetched {}

    /** 304: the document is as it was. */
    record NotModified() implements Fetched {}

    private static final int MAX_REDIRECTS = 3;

    private final TargetPolicy policy;
    private final HttpClient http;
    private final Duration timeout;

    SourceFetcher(Vertx vertx, IngestConfig.Verification.Refresh config) {
        this.policy = new TargetPolicy(
                config.allowHttp(), config.allowedRanges().orElse(List.of()), InetAddress::getAllByName);
        this.timeout = config.timeout();
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .setVerifyHost(true)
                .setKeepAlive(false));
    }

    void close() {
        http.closeAndAwait();
    }

    /**
     * @param maxBytes the largest document accepted; a longer one fails the fetch
     * @param etag the validator of the last body, or null
     * @param lastModified the {@code Last-Modified} of the last body, or null
     */
    Uni<Fetched> fetch(URI url, int maxBytes, String etag, String lastModified) {
        return fetch(url, maxBytes, etag, lastModified, 0)
                .ifNoItem()
                .after(timeout)
                .failWith(() -> new TimeoutException("no whole answer within " + timeout));
    }

    private Uni<Fetched> fetch(URI url, int maxBytes, String etag, String lastModified, int redirects) {
        // The check resolves the host name, which blocks: never on an event loop (the schedule's timer runs on one).
        return Uni.createFrom()
                .item(() -> {
                    try {
                        return policy.check(url.toString());
                    } catch (TargetPolicy.Refused e) {
                        throw new IllegalStateException("refused " + url + ": " + e.getMessage(), e);
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(target -> fetch(url, target, maxBytes, etag, lastModified, redirects));
    }

    private Uni<Fetched> fetch(
            URI url, TargetPolicy.Target target, int maxBytes, String etag, String lastModified, int redirects) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(url.toString())
                .setServer(SocketAddress.inetSocketAddress(
                        target.port(), target.address().getHostAddress()))
                .setFollowRedirects(false)
                .setTimeout(timeout.toMillis())
                .putHeader("Accept", "application/json, application/jwk-set+json, */*;q=0.1")
                .putHeader("User-Agent", "Termsguard/0.1 (crawler verification)");
        if (etag != null) {
            options.putHeader("If-None-Match", etag);
        }
        if (lastModified != null) {
            options.putHeader("If-Modified-Since", lastModified);
        }
        return http.request(options).chain(request -> request.send().chain(response -> {
            int status = response.statusCode();
            if (status == 304) {
                request.reset();
                return Uni.createFrom().item(new NotModified());
            }
            if (status >= 300 && status < 400 && response.getHeader("Location") != null) {
                request.reset();
                if (redirects >= MAX_REDIRECTS) {
                    return Uni.createFrom().failure(new IllegalStateException("more than 3 redirects from " + url));
                }
                return fetch(url.resolve(response.getHeader("Location")), maxBytes, etag, lastModified, redirects + 1);
            }
            if (status != 200) {
                request.reset();
                return Uni.createFrom().failure(new IllegalStateException(url + " answered HTTP " + status));
            }
            return body(request, response, maxBytes).map(bytes ->
                    (Fetched) new Body(bytes, response.getHeader("ETag"), response.getHeader("Last-Modified")));
        }));
    }

    /** The whole body, or a failure as soon as it passes {@code maxBytes} (the rest is never read). */
    private static Uni<byte[]> body(HttpClientRequest request, HttpClientResponse response, int maxBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return Uni.createFrom().emitter(done -> {
            response.exceptionHandler(done::fail);
            response.endHandler(() -> done.complete(out.toByteArray()));
            response.handler(chunk -> {
                if (out.size() + chunk.length() > maxBytes) {
                    response.handler(null);
                    request.reset();
                    done.fail(new IllegalStateException("the document is larger than " + maxBytes + " bytes"));
                    return;
                }
                out.writeBytes(chunk.getBytes());
            });
        });
    }
}
