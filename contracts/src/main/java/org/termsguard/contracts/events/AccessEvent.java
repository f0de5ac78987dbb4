package org.termsguard.contracts.events;

import java.time.Instant;

/**
 * One observed use of an owner's data: the {@code data} of a CloudEvent of type {@value #CLOUD_EVENT_TYPE} on
 * the {@code access-events} topic. Its JSON Schema is {@code schemas/access-event.schema.json}.
 *
 * @param eventId idempotency key: a retrying producer sends the same id, and Termsguard counts it once
 * @param producer the authenticated sensor that reported it, stamped by ingest
 * @param receivedAt when ingest accepted it, stamped by ingest
 */
public record AccessEvent(
        String eventId,
        Instant observedAt,
        String owner,
        String consumer,
        Channel channel,
        Resource resource,
        Purpose purpose,
        Volume volume,
        Evidence evidence,
        String producer,
        Instant receivedAt) {

    public static final String CLOUD_EVENT_TYPE = "termsguard.access.observed";

    /** What was read. */
    public record Resource(String kind, String uri) {}

    /** How much was read; {@code records} defaults to 1. */
    public record Volume(Long records, Long bytes) {
        public static final Volume ONE_RECORD = new Volume(1L, null);

        public long recordsOrOne() {
            return records == null ? 1L : records;
        }
    }

    /**
     * What identifies the consumer, and how sure that identification is.
     *
     * @param identity {@code verified} or {@code claimed}; once ingest has verified the event, derived from
     *     {@code verification} (verified exactly for signed, listed and dns)
     * @param verification who sent the request, as ingest checked it; set by ingest, never by a producer (null only in
     *     events published before verification existed)
     * @param httpSignature the request's message-signature headers, as a gateway saw them; null when none
     */
    public record Evidence(
            String apiClientId,
            String userAgent,
            String clientIp,
            String requestId,
            Identity identity,
            Verification verification,
            HttpSignature httpSignature) {

        /** Evidence as a producer states it, before verification. */
        public Evidence(String apiClientId, String userAgent, String clientIp, String requestId, Identity identity) {
            this(apiClientId, userAgent, clientIp, requestId, identity, null, null);
        }

        public Evidence withHttpSignature(HttpSignature signature) {
            return new Evidence(apiClientId, userAgent, clientIp, requestId, identity, verification, signature);
        }

        /**
         * This evidence with ingest's verification. {@code identity} follows the verdict, except that a producer's
         * {@code verified} for an authenticated API client (an {@code apiClientId}, no crawler named) stands: the
         * gateway checked that client's credentials, which no published list can.
         */
        public Evidence verifiedAs(Verification checked) {
            boolean authenticatedClient = identity == Identity.VERIFIED
                    && apiClientId != null
                    && checked.token() == null
                    && checked.verdict() != Verification.Verdict.CONTRADICTED;
            return new Evidence(
                    apiClientId,
                    userAgent,
                    clientIp,
                    requestId,
                    authenticatedClient ? Identity.VERIFIED : checked.identity(),
                    checked,
                    httpSignature);
        }
    }

    /**
     * The HTTP Message Signature (RFC 9421) fields of the request behind an event, as a gateway or a log saw them,
     * with the request components a Web Bot Auth signature covers, so that ingest can verify it.
     *
     * @param signature the {@code Signature} field
     * @param signatureInput the {@code Signature-Input} field
     * @param signatureAgent the {@code Signature-Agent} field; null when absent
     * @param method the request method; null means {@code GET}
     * @param authority the request's authority ({@code Host}); null means the authority of {@code resource.uri}
     * @param path the request target's path and query; null means those of {@code resource.uri}
     */
    public record HttpSignature(
            String signature,
            String signatureInput,
            String signatureAgent,
            String method,
            String authority,
            String path) {}

    /** The Kafka key: all events of one owner/consumer pair share a partition. */
    public String key() {
        return org.termsguard.contracts.topics.Topics.pairKey(owner, consumer);
    }

    public AccessEvent withReception(String producer, Instant receivedAt) {
        return with(eventId, evidence, producer, receivedAt);
    }

    public AccessEvent withEvidence(Evidence evidence) {
        return with(eventId, evidence, producer, receivedAt);
    }

    public AccessEvent withEventId(String eventId) {
        return with(eventId, evidence, producer, receivedAt);
    }

    private AccessEvent with(String eventId, Evidence evidence, String producer, Instant receivedAt) {
        return new AccessEvent(
                eventId,
                observedAt,
                owner,
                consumer,
                channel,
                resource,
                purpose,
                volume,
                evidence,
                producer,
                receivedAt);
    }
}
