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

    /** What identifies the consumer, and how sure that identification is. */
    public record Evidence(
            String apiClientId, String userAgent, String clientIp, String requestId, Identity identity) {}

    /** The Kafka key: all events of one owner/consumer pair share a partition. */
    public String key() {
        return org.termsguard.contracts.topics.Topics.pairKey(owner, consumer);
    }

    public AccessEvent withReception(String producer, Instant receivedAt) {
        return with(eventId, producer, receivedAt);
    }

    public AccessEvent withEventId(String eventId) {
        return with(eventId, producer, receivedAt);
    }

    private AccessEvent with(String eventId, String producer, Instant receivedAt) {
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
