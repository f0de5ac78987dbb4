package org.termsguard.ingest.accesslogs;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Cloudflare Logpush (and Logpull) records of the {@code http_requests} dataset
 * (developers.cloudflare.com/logs/logpush/logpush-job/datasets/zone/http_requests/): {@code ClientIP},
 * {@code ClientRequestMethod}, {@code ClientRequestURI} (path and query; {@code ClientRequestPath} when the job does
 * not export it), {@code ClientRequestUserAgent}, {@code ClientRequestReferer}, {@code EdgeResponseStatus},
 * {@code EdgeResponseBodyBytes} (the body, preferred) or {@code EdgeResponseBytes} (with headers), and
 * {@code EdgeStartTimestamp} in any of Logpush's {@code timestamp_format}s: {@code unixnano} (the default, an
 * integer), {@code unix} (integer seconds) or {@code rfc3339} (a string).
 */
final class CloudflareLog implements JsonLog {

    @Override
    public LogLine read(JsonNode node) throws UnparseableLine {
        String method = LogJson.text(node, "ClientRequestMethod");
        String path = LogJson.text(node, "ClientRequestURI", "ClientRequestPath");
        if (method == null || path == null) {
            throw new UnparseableLine(
                    "no ClientRequestMethod and ClientRequestURI: is the job's dataset http_requests?");
        }
        return new LogLine(
                LogJson.text(node, "ClientIP"),
                startTime(node),
                method,
                path,
                LogValues.status(LogJson.text(node, "EdgeResponseStatus")),
                LogValues.bytes(LogJson.text(node, "EdgeResponseBodyBytes", "EdgeResponseBytes")),
                LogJson.text(node, "ClientRequestReferer"),
                LogJson.text(node, "ClientRequestUserAgent"));
    }

    private static Instant startTime(JsonNode node) throws UnparseableLine {
        JsonNode time = node.get("EdgeStartTimestamp");
        if (time == null || time.isNull()) {
            throw new UnparseableLine("no EdgeStartTimestamp");
        }
        if (time.isNumber()) {
            return LogTime.epoch(new BigDecimal(time.asText()));
        }
        if (time.isTextual()) {
            return LogTime.any(time.textValue());
        }
        throw new UnparseableLine("EdgeStartTimestamp is neither a number nor a string");
    }
}
