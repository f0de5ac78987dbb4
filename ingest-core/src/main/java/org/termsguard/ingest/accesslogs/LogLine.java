package org.termsguard.ingest.accesslogs;

import java.time.Instant;

/**
 * One request from an access log, as the log wrote it: addresses are not yet resolved through the trusted proxies.
 *
 * @param clientIp the connecting peer as logged: an address, an address with a port, or (Apache's {@code %h}
 *     replaced by {@code %{X-Forwarded-For}i}) a comma-separated list; null when the format logs none
 * @param path the request target as logged (path and query)
 * @param bytes the bytes sent to the client (the response body where the format tells it apart), null when the
 *     log says {@code -}
 * @param forwardedFor the request's {@code X-Forwarded-For} header when the format logs it separately, else null
 * @param signature the request's Web Bot Auth headers when the format logs them (a signature and its input at
 *     least), else null
 */
public record LogLine(
        String clientIp,
        Instant time,
        String method,
        String path,
        int status,
        Long bytes,
        String referer,
        String userAgent,
        String forwardedFor,
        SignatureHeaders signature) {

    /** RFC 9421's {@code Signature} and {@code Signature-Input} and Web Bot Auth's {@code Signature-Agent}, as logged. */
    public record SignatureHeaders(String signature, String signatureInput, String signatureAgent) {}

    public LogLine(
            String clientIp,
            Instant time,
            String method,
            String path,
            int status,
            Long bytes,
            String referer,
            String userAgent,
            String forwardedFor) {
        this(clientIp, time, method, path, status, bytes, referer, userAgent, forwardedFor, null);
    }

    public LogLine(
            String clientIp,
            Instant time,
            String method,
            String path,
            int status,
            Long bytes,
            String referer,
            String userAgent) {
        this(clientIp, time, method, path, status, bytes, referer, userAgent, null, null);
    }
}
