package org.termsguard.ingest.accesslogs;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Caddy's JSON access log (caddyserver.com/docs/logging, logger {@code http.log.access}): {@code ts} in the
 * encoder's {@code time_format} (by default Unix seconds as a float; also milliseconds, nanoseconds, RFC 3339 or
 * ISO 8601), {@code request.remote_ip} (the connecting peer; {@code request.client_ip} when it is missing),
 * {@code request.method}, {@code request.uri} (path and query), {@code request.headers} with each header an array
 * of values ({@code User-Agent}, {@code Referer}, {@code X-Forwarded-For}), {@code status} and {@code size} (the
 * response body).
 */
final class CaddyLog implements JsonLog {

    @Override
    public LogLine read(JsonNode entry) throws UnparseableLine {
        JsonNode request = LogJson.object(entry, "request")
                .orElseThrow(() -> new UnparseableLine("no request: not an access log entry of Caddy's"));
        String method = LogJson.text(request, "method");
        String uri = LogJson.text(request, "uri");
        if (method == null || uri == null) {
            throw new UnparseableLine("no request.method and request.uri");
        }
        JsonNode headers = LogJson.object(request, "headers").orElse(null);
        return new LogLine(
                LogJson.text(request, "remote_ip", "client_ip"),
                time(entry),
                method,
                uri,
                LogValues.status(LogJson.text(entry, "status")),
                LogValues.bytes(LogJson.text(entry, "size")),
                header(headers, "Referer"),
                header(headers, "User-Agent"),
                header(headers, "X-Forwarded-For"));
    }

    private static Instant time(JsonNode entry) throws UnparseableLine {
        JsonNode ts = entry.get("ts");
        if (ts == null || ts.isNull()) {
            throw new UnparseableLine("no ts");
        }
        if (ts.isNumber()) {
            return LogTime.epoch(new BigDecimal(ts.asText()));
        }
        if (ts.isTextual()) {
            return LogTime.any(ts.textValue());
        }
        throw new UnparseableLine("ts is neither a number nor a string");
    }

    /** Go's http.Header, as Caddy logs it: each name maps to the array of its values, joined as HTTP would. */
    private static String header(JsonNode headers, String name) {
        if (headers == null) {
            return null;
        }
        JsonNode values = headers.get(name);
        if (values == null || !values.isArray() || values.isEmpty()) {
            return values != null && values.isTextual() ? values.textValue() : null;
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < values.size() && i < 16; i++) {
            if (values.get(i).isTextual()) {
                joined.append(joined.length() == 0 ? "" : ", ")
                        .append(values.get(i).textValue());
            }
        }
        return joined.length() == 0 ? null : joined.toString();
    }
}
