package org.termsguard.alert.notices.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.termsguard.alert.notices.EvidenceChain;

/**
 * Where a page of the evidence export ended: the (microsecond) observedAt of its last events, how many links the
 * chain had there and the last link, so the next page continues the chain without rehashing what came before. It is
 * opaque to clients (base64url); a forged one only changes the links its own holder is shown, never the digest.
 */
public record EvidenceCursor(OffsetDateTime observedAt, int index, String link) {

    private static final long MIN_MICROS = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;
    private static final long MAX_MICROS = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() * 1_000_000L;

    public String token() {
        Instant at = observedAt.toInstant();
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((micros + ":" + index + ":" + link).getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws IllegalArgumentException when {@code token} is not one this service wrote */
    public static EvidenceCursor parse(String token) {
        if (token.length() > 200) {
            throw new IllegalArgumentException("too long");
        }
        String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a cursor");
        }
        long micros = Long.parseLong(parts[0]);
        int index = Integer.parseInt(parts[1]);
        EvidenceChain.Fold.resume(index, parts[2]);
        if (index == 0) {
            throw new IllegalArgumentException("a cursor follows at least one event");
        }
        // Within what PostgreSQL's timestamptz holds, with room: no overflow reaches the database.
        if (micros < MIN_MICROS || micros > MAX_MICROS) {
            throw new IllegalArgumentException("out of range");
        }
        OffsetDateTime at = Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        return new EvidenceCursor(at, index, parts[2]);
    }
}
