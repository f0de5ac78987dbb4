package org.termsguard.ingest.verification;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The snapshot history of every source, by source id: IP lists and key directories. Safe for concurrent use. */
public final class SnapshotHistories {

    private final ConcurrentMap<String, SnapshotHistory<IpRangeSnapshot>> ipRanges = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, SnapshotHistory<KeyDirectorySnapshot>> keyDirectories =
            new ConcurrentHashMap<>();

    /** The IP-list history of {@code sourceId}, empty until a snapshot is added. */
    public SnapshotHistory<IpRangeSnapshot> ipRanges(String sourceId) {
        return ipRanges.computeIfAbsent(sourceId, SnapshotHistory::new);
    }

    /** The key-directory history of {@code sourceId}, empty until a snapshot is added. */
    public SnapshotHistory<KeyDirectorySnapshot> keyDirectories(String sourceId) {
        return keyDirectories.computeIfAbsent(sourceId, SnapshotHistory::new);
    }
}
