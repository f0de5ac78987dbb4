package org.termsguard.ingest.accesslogs;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * JSON lines with the names of nginx's variables, so that {@code log_format ... escape=json} output is read as is:
 * {@code time} / {@code time_iso8601} / {@code time_local} / {@code msec} (RFC 3339, NCSA or Unix seconds),
 * {@code remote_addr}, {@code request} (or {@code method}/{@code request_method} and {@code path}/{@code uri}/
 * {@code request_uri}), {@code status}, {@code body_bytes_sent} (or {@code bytes_sent}, {@code bytes}),
 * {@code http_referer}, {@code http_user_agent} and {@code http_x_forwarded_for}.
 */
final class NginxJsonLog implements JsonLog {

    @Override
    public LogLine read(JsonNode node) throws UnparseableLine {
        String time = LogJson.text(node, "time", "time_iso8601", "time_local", "timestamp", "msec");
        if (time == null) {
            throw new UnparseableLine("no time");
        }
        String method = LogJson.text(node, "method", "request_method");
        String path = LogJson.text(node, "path", "uri", "request_uri");
        String request = LogJson.text(node, "request");
        if ((method == null || path == null) && request != null) {
            String[] parts = request.split(" ", 3);
            if (parts.length >= 2) {
                method = parts[0];
                path = parts[1];
            }
        }
        if (method == null || path == null) {
            throw new UnparseableLine("no request (give request, or method and path)");
        }
        String status = LogJson.text(node, "status");
        return new LogLine(
                LogJson.text(node, "remote_addr", "client_ip", "ip"),
                LogTime.any(time),
                method,
                path,
                status == null ? 0 : LogValues.status(status),
                LogValues.bytes(LogJson.text(node, "body_bytes_sent", "bytes_sent", "bytes")),
                LogJson.text(node, "http_referer", "referer"),
                LogJson.text(node, "http_user_agent", "user_agent"),
                LogJson.text(node, "http_x_forwarded_for", "x_forwarded_for"));
    }
}
