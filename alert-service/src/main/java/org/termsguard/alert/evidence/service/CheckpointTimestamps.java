package org.termsguard.alert.evidence.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.termsguard.alert.AlertConfig;
import org.termsguard.alert.evidence.Timestamps;
import org.termsguard.alert.evidence.repository.EvidenceLog;

/**
 * Stamps checkpoints with trusted time: an RFC 3161 request over the SHA-256 of the checkpoint's signed text (the
 * note up to its blank line) to the configured TSA (RFC 3161 §3.4, HTTP), the reply checked before it is kept.
 */
@ApplicationScoped
public class CheckpointTimestamps {

    private static final Logger LOG = Logger.getLogger(CheckpointTimestamps.class);
    private static final String QUERY = "application/timestamp-query";

    private final EvidenceLog log;
    private final Optional<URI> tsa;
    private final Duration timeout;
    private final List<X509Certificate> trusted;
    private final String trustedPem;
    private final HttpClient http;

    public CheckpointTimestamps(EvidenceLog log, AlertConfig config) {
        this.log = log;
        this.tsa = config.evidence().tsaUrl().map(URI::create);
        this.timeout = config.evidence().tsaTimeout();
        this.trustedPem =
                config.evidence().tsaTrust().map(CheckpointTimestamps::read).orElse("");
        this.trusted = trustedPem.isEmpty()
                ? List.of()
                : Timestamps.certificates(trustedPem.getBytes(StandardCharsets.US_ASCII));
        if (tsa.isPresent() && trusted.isEmpty()) {
            throw new IllegalStateException("termsguard.alert.evidence.tsa-url is set but tsa-trust names no PEM"
                    + " roots: the replies could not be checked");
        }
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        LOG.infof(
                tsa.isPresent()
                        ? "Evidence checkpoints are timestamped by %s"
                        : "Evidence checkpoints are not timestamped%s (termsguard.alert.evidence.tsa-url is unset)",
                tsa.map(URI::toString).orElse(""));
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("termsguard.alert.evidence.tsa-trust cannot be read: " + path, e);
        }
    }

    /** Whether a TSA is configured. */
    public boolean enabled() {
        return tsa.isPresent();
    }

    /** The PEM roots replies are checked against, for whoever checks them again. */
    public String trustedPem() {
        return trustedPem;
    }

    /** The text a checkpoint's note signs: what its token is over. */
    public static String signedText(String note) {
        return note.substring(0, note.lastIndexOf("\n\n") + 1);
    }

    /** Requests, checks and keeps a token for a stored checkpoint; a failure is recorded and tried again later. */
    public Uni<Void> stamp(EvidenceLog.StoredCheckpoint checkpoint) {
        if (tsa.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Timestamps.Request request =
                Timestamps.request(signedText(checkpoint.note()).getBytes(StandardCharsets.UTF_8));
        return Uni.createFrom()
                .completionStage(() -> http.sendAsync(
                        HttpRequest.newBuilder(tsa.get())
                                .timeout(timeout)
                                .header("Content-Type", QUERY)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(request.der()))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray()))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("the TSA answered HTTP " + response.statusCode());
                    }
                    try {
                        return Timestamps.verify(response.body(), request, trusted);
                    } catch (Timestamps.Refused e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                })
                .chain(token -> log.stamp(
                        checkpoint.owner(),
                        checkpoint.treeSize(),
                        new EvidenceLog.Stamp(token.response(), token.genTime())))
                .onFailure()
                .recoverWithUni(e -> {
                    LOG.warnf(
                            "Checkpoint %d of %s is not timestamped yet: %s",
                            checkpoint.treeSize(), checkpoint.owner(), e.getMessage());
                    return log.stampFailed(checkpoint.owner(), checkpoint.treeSize(), String.valueOf(e.getMessage()));
                });
    }

    /** Stamps checkpoints a failed or slow TSA left without a token. */
    public Uni<Void> stampMissing() {
        if (tsa.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return log.unstamped(20).chain(missing -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (EvidenceLog.StoredCheckpoint checkpoint : missing) {
                chain = chain.chain(() -> stamp(checkpoint));
            }
            return chain;
        });
    }
}
