package org.termsguard.alert.notices.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.termsguard.alert.incidents.repository.IncidentStore.ChainPosition;
import org.termsguard.alert.notices.EvidenceChain;

/**
 * Where a page of the evidence export ended: the chain position of its last event, how many links the chain had
 * there and the last link, so the next page continues the chain without rehashing what came before. It is opaque to
 * clients (base64url); a forged one only changes the links its own holder is shown, never the digest.
 */
public record EvidenceCursor(ChainPosition position, int index, String link) {

    private static final long MIN_MICROS = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;
    private static final long MAX_MICROS = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() * 1_000_000L;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    public String token() {
        Instant at = position.observedAt().toInstant();
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        String text = micros + ":" + position.subMicros() + ":" + index + ":" + link + ":"
                + ENCODER.encodeToString(position.eventId().getBytes(StandardCharsets.UTF_8));
        return ENCODER.encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws IllegalArgumentException when {@code token} is not one this service wrote */
    public static EvidenceCursor parse(String token) {
        if (token.length() > 600) {
            throw new IllegalArgumentException("too long");
        }
        String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split(":", -1);
        if (parts.length != 5) {
            throw new IllegalArgumentException("not a cursor");
        }
        long micros = Long.parseLong(parts[0]);
        int subMicros = Integer.parseInt(parts[1]);
        int index = Integer.parseInt(parts[2]);
        EvidenceChain.Fold.resume(index, parts[3]);
        if (index == 0) {
            throw new IllegalArgumentException("a cursor follows at least one event");
        }
        // Within what PostgreSQL's timestamptz holds, with room: no overflow reaches the database.
        if (micros < MIN_MICROS || micros > MAX_MICROS || subMicros < 0 || subMicros > 999) {
            throw new IllegalArgumentException("out of range");
        }
        String eventId = new String(Base64.getUrlDecoder().decode(parts[4]), StandardCharsets.UTF_8);
        // Event ids are at most 128 printable ASCII characters (the AccessEvent schema); nothing else was written.
        if (eventId.isEmpty() || eventId.length() > 128 || !eventId.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("not an event id");
        }
        OffsetDateTime at = Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        return new EvidenceCursor(new ChainPosition(at, subMicros, eventId), index, parts[3]);
    }
}
