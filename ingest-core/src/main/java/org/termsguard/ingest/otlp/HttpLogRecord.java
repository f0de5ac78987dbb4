package org.termsguard.ingest.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP request an OTLP log record describes, read from its attributes by the OpenTelemetry semantic conventions
 * for HTTP (stable since semconv 1.23: {@code http.request.method}, {@code url.path}, {@code url.query}, {@code
 * url.full}, {@code http.response.status_code}, {@code http.response.body.size}, {@code user_agent.original}, {@code
 * client.address}), falling back to the names before 1.23 ({@code http.method}, {@code http.target}, {@code
 * http.url}, {@code http.status_code}, {@code http.user_agent}, {@code http.client_ip}, {@code net.sock.peer.addr})
 * that Envoy, Kong and older SDKs still send.
 *
 * @param time the record's {@code time_unix_nano}, or its {@code observed_time_unix_nano} when the source gave no
 *     time (OTLP data model: "if unknown, the observed time is used")
 * @param site {@code scheme://host[:port]} when the record names them ({@code url.full}, or {@code url.scheme} with
 *     {@code server.address}), else null
 * @param target path and query
 * @param body the record's body when it is a string: a raw access-log line, as the Collector's filelog receiver and
 *     the OTel outputs of Fluent Bit and Vector send it
 */
public record HttpLogRecord(
        Instant time,
        String site,
        String method,
        String target,
        Integer status,
        Long bytes,
        String userAgent,
        String clientIp,
        String referer,
        String forwardedFor,
        String body) {

    /** Whether the attributes describe a request (method and target); if not, the body may be a log line. */
    public boolean describesARequest() {
        return method != null && target != null;
    }

    /** The attributes of a resource, scope or record, by key; values of the scalar kinds as text, others absent. */
    static Map<String, String> attributes(List<KeyValue> keyValues) {
        Map<String, String> values = new HashMap<>();
        for (KeyValue kv : keyValues) {
            String text = text(kv.getValue());
            if (text != null) {
                values.put(kv.getKey(), text);
            }
        }
        return values;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            // HTTP header attributes (http.request.header.<name>) are string arrays; the first value is the header.
            case ARRAY_VALUE ->
                value.getArrayValue().getValuesCount() == 0
                        ? null
                        : text(value.getArrayValue().getValues(0));
            default -> null;
        };
    }

    /**
     * @param resource the resource's attributes, which may name the server ({@code server.address}, {@code
     *     url.scheme}) for all its records
     * @throws IllegalArgumentException with the reason the record cannot be read
     */
    public static HttpLogRecord of(LogRecord record, Map<String, String> resource) {
        Map<String, String> a = new HashMap<>(resource);
        a.putAll(attributes(record.getAttributesList()));
        Instant time = time(record);

        String site = null;
        String target = first(a, "url.path", "http.target");
        String query = a.get("url.query");
        if (target != null && query != null && !query.isEmpty() && !target.contains("?")) {
            target = target + "?" + query;
        }
        String full = first(a, "url.full", "http.url");
        if (full != null) {
            try {
                URI uri = new URI(full);
                if (uri.getScheme() != null && uri.getRawAuthority() != null) {
                    site = uri.getScheme() + "://" + uri.getRawAuthority();
                }
                if (target == null) {
                    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                    target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
                }
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("url.full is not a URI: " + e.getReason());
            }
        }
        if (site == null && a.containsKey("server.address")) {
            String scheme = a.getOrDefault("url.scheme", "https");
            String port = a.get("server.port");
            boolean defaultPort = port == null
                    || (scheme.equals("https") && port.equals("443"))
                    || (scheme.equals("http") && port.equals("80"));
            site = scheme + "://" + a.get("server.address") + (defaultPort ? "" : ":" + port);
        }
        String body = record.getBody().getValueCase() == AnyValue.ValueCase.STRING_VALUE
                ? record.getBody().getStringValue()
                : null;
        return new HttpLogRecord(
                time,
                site,
                first(a, "http.request.method", "http.method"),
                target,
                integer(first(a, "http.response.status_code", "http.status_code"), "http.response.status_code"),
                size(first(a, "http.response.body.size", "http.response_content_length"), "http.response.body.size"),
                first(a, "user_agent.original", "http.user_agent", "http.request.header.user-agent"),
                first(a, "client.address", "http.client_ip", "net.sock.peer.addr", "network.peer.address"),
                first(a, "http.request.header.referer"),
                first(a, "http.request.header.x-forwarded-for"),
                body);
    }

    private static Instant time(LogRecord record) {
        long nanos = record.getTimeUnixNano() != 0 ? record.getTimeUnixNano() : record.getObservedTimeUnixNano();
        // fixed64 is unsigned; Java reads past 2^63 as negative, a time after the year 2262 that no request had.
        if (nanos <= 0) {
            throw new IllegalArgumentException("the record has neither time_unix_nano nor observed_time_unix_nano");
        }
        return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    }

    private static String first(Map<String, String> attributes, String... keys) {
        for (String key : keys) {
            String value = attributes.get(key);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    private static Integer integer(String text, String what) {
        if (text == null) {
            return null;
        }
        try {
            int status = Integer.parseInt(text);
            if (status < 100 || status > 999) {
                throw new IllegalArgumentException(what + " " + text + " is not an HTTP status");
            }
            return status;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number");
        }
    }

    private static Long size(String text, String what) {
        if (text == null) {
            return null;
        }
        try {
            long size = Long.parseLong(text);
            if (size < 0) {
                throw new IllegalArgumentException(what + " is negative");
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a whole number");
        }
    }
}
