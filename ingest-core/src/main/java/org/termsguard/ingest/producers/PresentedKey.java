package org.termsguard.ingest.producers;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Finds the API key a producer presented, in the places log shippers can put one: {@code Authorization: Bearer
 * <key>} (RFC 6750 §2.1), {@code Authorization: Basic} with the key as the password (RFC 7617; Fluent Bit's
 * {@code http_User}/{@code http_Passwd}, Logstash's {@code user}/{@code password}, any user name), or Amazon Data
 * Firehose's {@code X-Amz-Firehose-Access-Key}, which carries the configured key verbatim.
 */
public final class PresentedKey {

    /** How the request failed to present a key, said so that the sender can fix it. */
    public static final class Missing extends Exception {
        public Missing(String message) {
            super(message, null, false, false);
        }
    }

    /** Firehose limits its access key to 4096 bytes; nothing longer is a key of any of these schemes. */
    private static final int MAX_CREDENTIALS = 4096;

    private PresentedKey() {}

    /**
     * @param authorization the {@code Authorization} header, or null
     * @param firehoseKey the {@code X-Amz-Firehose-Access-Key} header, or null
     * @return the key as presented (its shape is {@link ApiKey#parse}'s to judge)
     */
    public static String from(String authorization, String firehoseKey) throws Missing {
        if (authorization != null) {
            if (authorization.length() > MAX_CREDENTIALS) {
                throw new Missing("The Authorization header is too long.");
            }
            // The scheme name is case-insensitive (RFC 9110 §11.1).
            if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return authorization.substring(7).trim();
            }
            if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                return basicPassword(authorization.substring(6).trim());
            }
            throw new Missing("Send the producer's API key as 'Authorization: Bearer <key>', or as the password of"
                    + " 'Authorization: Basic'.");
        }
        if (firehoseKey != null && !firehoseKey.isBlank()) {
            if (firehoseKey.length() > MAX_CREDENTIALS) {
                throw new Missing("The X-Amz-Firehose-Access-Key header is too long.");
            }
            return firehoseKey.trim();
        }
        throw new Missing("Send the producer's API key as 'Authorization: Bearer <key>', as the password of"
                + " 'Authorization: Basic', or (Amazon Data Firehose) as 'X-Amz-Firehose-Access-Key'.");
    }

    private static String basicPassword(String token) throws Missing {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw new Missing("The Basic credentials are not base64 (RFC 7617 §2).");
        }
        // RFC 7617 §2: user-id ":" password, the user-id holding no colon, so the password is after the first one.
        String pair = new String(decoded, StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon < 0) {
            throw new Missing("The Basic credentials have no ':' between user and password (RFC 7617 §2).");
        }
        return pair.substring(colon + 1);
    }
}
