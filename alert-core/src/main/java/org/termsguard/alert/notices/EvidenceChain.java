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
 */
public final class EvidenceChain {

    /** One event as it enters the chain. */
    public record Event(String eventId, Instant observedAt, String json) {}

    /** One link of the exported chain: the canonical JSON that was hashed and the link it made. */
    public record Link(int index, String eventId, Instant observedAt, String canonicalJson, String link) {}

    public record Chain(List<Link> links, String digest) {}

    private EvidenceChain() {}

    public static Chain of(List<Event> events) {
        List<Event> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparing(Event::observedAt).thenComparing(Event::eventId));
        List<Link> links = new ArrayList<>(ordered.size());
        String previous = "";
        for (int i = 0; i < ordered.size(); i++) {
            Event event = ordered.get(i);
            String canonical = canonical(event.json());
            previous = sha256Hex(previous + canonical);
            links.add(new Link(i + 1, event.eventId(), event.observedAt(), canonical, previous));
        }
        return new Chain(links, "sha256:" + previous);
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
