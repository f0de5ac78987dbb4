package org.termsguard.contracts.topics;

import java.time.Duration;
import java.util.List;

/** The topics of DESIGN.md, the one place their names and retention are written down. */
public final class Topics {

    static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

    /** Observed data accesses, key {@code owner/consumer} ({@code ?} for an unknown consumer). */
    public static final TopicSpec ACCESS_EVENTS = TopicSpec.deleteAfter("access-events", Duration.ofDays(7));

    /** One record per (event, rule broken), key {@code owner/consumer}. */
    public static final TopicSpec VIOLATIONS = TopicSpec.deleteAfter("violations", Duration.ofDays(30));

    /** Incident state changes, key {@code owner}. */
    public static final TopicSpec ALERTS = TopicSpec.deleteAfter("alerts", Duration.ofDays(90));

    /** The latest terms version per owner, key {@code owner}. */
    public static final TopicSpec TERMS_CHANGES = TopicSpec.compacted("terms-changes");

    /** Every topic with its dead-letter topic, in pipeline order. */
    public static final List<TopicSpec> ALL = List.of(
            ACCESS_EVENTS,
            ACCESS_EVENTS.deadLetter(),
            VIOLATIONS,
            VIOLATIONS.deadLetter(),
            ALERTS,
            ALERTS.deadLetter(),
            TERMS_CHANGES,
            TERMS_CHANGES.deadLetter());

    private Topics() {}

    /** The record key that puts all events of one owner/consumer pair on one partition. */
    public static String pairKey(String owner, String consumer) {
        return owner + "/" + (consumer == null || consumer.isBlank() ? "?" : consumer);
    }
}
