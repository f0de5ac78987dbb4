package org.termsguard.contracts.cloudevents;

import java.time.Instant;

/**
 * One record for a topic, as a CloudEvent in Kafka binary mode.
 *
 * @param time when the occurrence happened ({@code ce_time})
 * @param subject what it is about ({@code ce_subject}), e.g. the owner
 * @param json the {@code data}, already written as JSON
 */
public record OutgoingCloudEvent(
        String topic, String key, String id, String type, String subject, Instant time, byte[] json) {}
