package org.termsguard.ingest.shippers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The answer to Fastly's domain-control challenge ({@code GET /.well-known/fastly/logging/challenge}, an RFC 8615
 * well-known URI): Fastly streams logs over HTTPS only to an endpoint whose challenge lists the hex SHA-256 of the
 * service's id on a line of its own, or a line {@code *} to admit any service.
 */
public final class FastlyChallenge {

    private FastlyChallenge() {}

    /** @param serviceIds Fastly service ids, or {@code *} */
    public static String body(List<String> serviceIds) {
        StringBuilder body = new StringBuilder();
        for (String id : serviceIds) {
            String trimmed = id.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            body.append(trimmed.equals("*") ? "*" : sha256Hex(trimmed)).append('\n');
        }
        return body.toString();
    }

    static String sha256Hex(String serviceId) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(serviceId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
