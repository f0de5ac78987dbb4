package org.termsguard.alert.notices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * DESIGN.md's evidence digest: events ordered by (observedAt, eventId); link_0 is the empty string; link_i is the
 * lowercase hex SHA-256 of the UTF-8 bytes of link_(i-1) followed by the RFC 8785 (JCS) canonical JSON of event i;
 * the digest is {@code sha256:} + link_n. Anyone can recompute it from the evidence export.
 *
 * <p>{@link #of} builds the chain of events held in memory; a {@link Fold} builds it one event at a time from events
 * read in chain order, so an incident of any size is hashed in the memory of one page of events.
 */
public final class EvidenceChain {

    /** One event as it enters the chain. */
    public record Event(String eventId, Instant observedAt, String json) {}

    /** One link of the exported chain: the canonical JSON that was hashed and the link it made. */
    public record Link(int index, String eventId, Instant observedAt, String canonicalJson, String link) {}

    public record Chain(List<Link> links, String digest) {}

    /** The chain's order: observedAt, then eventId (by UTF-16 code units, which is byte order for event ids). */
    public static final Comparator<Event> ORDER =
            Comparator.comparing(Event::observedAt).thenComparing(Event::eventId);

    private EvidenceChain() {}

    public static Chain of(List<Event> events) {
        List<Event> ordered = new ArrayList<>(events);
        ordered.sort(ORDER);
        List<Link> links = new ArrayList<>(ordered.size());
        Fold fold = new Fold();
        for (Event event : ordered) {
            links.add(fold.add(event));
        }
        return new Chain(links, fold.digest());
    }

    /**
     * The chain built incrementally. Events must come in {@link #ORDER}, each once; one that does not is refused,
     * since the digest would then not be the one a verifier recomputes. {@link #resume} continues a chain from its
     * last link, for the evidence export's pages.
     */
    public static final class Fold {
        private int size;
        private String previous;
        private Event last;

        public Fold() {
            this(0, "");
        }

        private Fold(int size, String previous) {
            this.size = size;
            this.previous = previous;
        }

        /** Continues after link {@code index} (0 for none), whose value was {@code link} ("" for none). */
        public static Fold resume(int index, String link) {
            if (index < 0 || (index == 0) != link.isEmpty() || !link.matches("[0-9a-f]{64}|")) {
                throw new IllegalArgumentException("not a link of an evidence chain: " + index + " " + link);
            }
            return new Fold(index, link);
        }

        public Link add(Event event) {
            if (last != null && ORDER.compare(last, event) >= 0) {
                throw new IllegalArgumentException("event " + event.eventId() + " is out of chain order after "
                        + last.eventId() + " (or a repeat)");
            }
            String canonical = canonical(event.json());
            previous = sha256Hex(previous + canonical);
            last = event;
            size++;
            return new Link(size, event.eventId(), event.observedAt(), canonical, previous);
        }

        /** How many events the chain holds so far. */
        public int size() {
            return size;
        }

        /** link_n so far ("" before the first event). */
        public String lastLink() {
            return previous;
        }

        public String digest() {
            return "sha256:" + previous;
        }
    }

    static String canonical(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException e) {
            throw new UncheckedIOException("An event is not JSON", e);
        }
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
