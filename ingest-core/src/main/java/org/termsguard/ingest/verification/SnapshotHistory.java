package org.termsguard.ingest.verification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The published versions of one source's document, so that an event is judged by the version in force when it was
 * observed: the one with the latest {@code validFrom} at or before {@code observedAt}. An event from last April is
 * judged by last April's list, however often the list changed since.
 *
 * <p>Versions are numbered 1, 2, … in the order they are added, which need not be the order of their
 * {@code validFrom} (history can be filled in from archives later). Adding the same content with the same
 * {@code validFrom} again adds nothing and answers the version already there. Two different documents with the same
 * {@code validFrom}: the later added is in force from then.
 *
 * <p>Safe for concurrent use: lookups never block; additions are serialised.
 *
 * @param <S> the kind of document
 */
public final class SnapshotHistory<S extends Snapshot> {

    /**
     * One numbered version of the source's document.
     *
     * @param number 1 for the first added, and so on
     * @param snapshot the document
     */
    public record Version<S extends Snapshot>(int number, S snapshot) {}

    /**
     * What {@link #add} did.
     *
     * @param version the version holding the snapshot
     * @param created false when the same content with the same validFrom was already there
     */
    public record Added<S extends Snapshot>(Version<S> version, boolean created) {}

    private final String sourceId;
    private final List<Version<S>> versions = new ArrayList<>();
    private final Map<S, Version<S>> bySnapshot = new HashMap<>();
    private final ConcurrentSkipListMap<Instant, Version<S>> byValidFrom = new ConcurrentSkipListMap<>();

    public SnapshotHistory(String sourceId) {
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
    }

    public String sourceId() {
        return sourceId;
    }

    public synchronized Added<S> add(S snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        Version<S> known = bySnapshot.get(snapshot);
        if (known != null) {
            return new Added<>(known, false);
        }
        Version<S> version = new Version<>(versions.size() + 1, snapshot);
        versions.add(version);
        bySnapshot.put(snapshot, version);
        byValidFrom.put(snapshot.validFrom(), version);
        return new Added<>(version, true);
    }

    /** The version in force at {@code instant}: the latest validFrom at or before it; empty before the first. */
    public Optional<Version<S>> inForceAt(Instant instant) {
        Map.Entry<Instant, Version<S>> entry = byValidFrom.floorEntry(instant);
        return entry == null ? Optional.empty() : Optional.of(entry.getValue());
    }

    /** Every version, in the order added. */
    public synchronized List<Version<S>> versions() {
        return List.copyOf(versions);
    }
}
