package org.termsguard.ingest.accesslogs;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Cloud Logging entries of Google Cloud's Application Load Balancers and Cloud CDN: a {@code LogEntry}
 * (cloud.google.com/logging/docs/reference/v2/rest/v2/LogEntry) whose {@code httpRequest}
 * (.../LogEntry#HttpRequest) holds {@code requestMethod}, {@code requestUrl} (absolute: its path and query are
 * kept), {@code status}, {@code responseSize} (an int64, which the JSON mapping writes as a string; it counts headers
 * and body, the only size logged), {@code userAgent}, {@code remoteIp} and {@code referer}; the request time is the
 * entry's {@code timestamp} (RFC 3339 to the nanosecond).
 */
final class GcpLoadBalancerLog implements JsonLog {

    @Override
    public LogLine read(JsonNode entry) throws UnparseableLine {
        JsonNode request = LogJson.object(entry, "httpRequest")
                .orElseThrow(() -> new UnparseableLine("no httpRequest: not a load balancer's log entry"));
        String method = LogJson.text(request, "requestMethod");
        String url = LogJson.text(request, "requestUrl");
        if (method == null || url == null) {
            throw new UnparseableLine("no httpRequest.requestMethod and httpRequest.requestUrl");
        }
        String time = LogJson.text(entry, "timestamp");
        if (time == null) {
            throw new UnparseableLine("no timestamp");
        }
        return new LogLine(
                LogJson.text(request, "remoteIp"),
                LogTime.iso(time),
                method,
                LogValues.pathOf(url),
                LogValues.status(LogJson.text(request, "status")),
                LogValues.bytes(LogJson.text(request, "responseSize")),
                LogJson.text(request, "referer"),
                LogJson.text(request, "userAgent"));
    }
}
