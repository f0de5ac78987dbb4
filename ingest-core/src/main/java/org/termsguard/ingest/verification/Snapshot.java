package org.termsguard.ingest.verification;

import java.time.Instant;

/**
 * One published version of a source's document: an IP list or a key directory. Two snapshots are the same when they
 * have the same content (SHA-256 of the document as published) and the same {@code validFrom}.
 */
public sealed interface Snapshot permits IpRangeSnapshot, KeyDirectorySnapshot {

    /** SHA-256 of the document exactly as published, lower-case hex. */
    String sha256();

    /** When this version came into force: events observed from then on are judged by it (until the next). */
    Instant validFrom();
}
