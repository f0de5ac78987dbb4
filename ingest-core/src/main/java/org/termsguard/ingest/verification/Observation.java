package org.termsguard.ingest.verification;

import java.time.Instant;
import java.util.Objects;

/**
 * What ingest knows of one request when it verifies the event: who it says it is, where it came from, when, and
 * what a gateway or a resolver added.
 *
 * @param userAgent the user agent, as logged; null when none
 * @param clientIp the client address, as logged; null when none
 * @param observedAt when the request was made: the lists and key directories in force then judge it
 * @param signedRequest the request's signature fields and the components they may cover ({@code
 *     evidence.httpSignature}); null when the event carries none
 * @param reverseDns forward-confirmed reverse DNS of {@code clientIp}, if it was looked up; null otherwise
 * @param signatureClock the time signature validity is checked at; null for {@code observedAt} (a dry run's
 *     {@code now} replaces it)
 */
public record Observation(
        String userAgent,
        String clientIp,
        Instant observedAt,
        SignedRequest signedRequest,
        ReverseDnsAnswer reverseDns,
        Instant signatureClock) {

    public Observation {
        Objects.requireNonNull(observedAt, "observedAt");
    }

    public static Observation of(String userAgent, String clientIp, Instant observedAt) {
        return new Observation(userAgent, clientIp, observedAt, null, null, null);
    }

    public Observation withSignedRequest(SignedRequest request) {
        return new Observation(userAgent, clientIp, observedAt, request, reverseDns, signatureClock);
    }

    public Observation withReverseDns(ReverseDnsAnswer answer) {
        return new Observation(userAgent, clientIp, observedAt, signedRequest, answer, signatureClock);
    }

    public Observation withSignatureClock(Instant clock) {
        return new Observation(userAgent, clientIp, observedAt, signedRequest, reverseDns, clock);
    }

    /** The time signature validity is checked at. */
    public Instant signatureTime() {
        return signatureClock == null ? observedAt : signatureClock;
    }
}
