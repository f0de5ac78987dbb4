package org.termsguard.ingest.accesslogs;

import java.time.Instant;

/**
 * One request from a web-server access log.
 *
 * @param path the request target as logged (path and query)
 * @param bytes the response size, null when the log says {@code -}
 */
public record LogLine(
        String clientIp,
        Instant time,
        String method,
        String path,
        int status,
        Long bytes,
        String referer,
        String userAgent) {}
