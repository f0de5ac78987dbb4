package org.termsguard.ingest.accesslogs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Parses web-server access-log lines: the nginx and Apache "combined" format, and JSON lines.
 *
 * <p>Combined: {@code $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent
 * "$http_referer" "$http_user_agent"}. Quoted fields may contain spaces and backslash-escaped quotes (nginx
 * escapes {@code "} as {@code \x22} or {@code \"}, Apache as {@code \"}); {@code -} stands for a missing value.
 *
 * <p>JSON lines: one object per line with {@code time} (RFC 3339 or combined's {@code dd/MMM/yyyy:HH:mm:ss Z}),
 * {@code remote_addr}, {@code request} (or {@code method} and {@code path}/{@code uri}), {@code status},
 * {@code body_bytes_sent} (or {@code bytes}), {@code http_referer}, {@code http_user_agent} (or
 * {@code user_agent}) — the names of nginx's variables, so {@code log_format ... escape=json} output works as is.
 */
public final class AccessLogParser {

    /** The formats accepted; the names are those of the {@code format} query parameter. */
    public enum Format {
        COMBINED,
        JSON
    }

    /** Why a line was skipped. */
    public static final class UnparseableLine extends Exception {
        public UnparseableLine(String reason) {
            super(reason, null, false, false);
        }
    }

    static final DateTimeFormatter COMBINED_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    private static final int MAX_LINE = 16 * 1024;

    private final ObjectMapper json = new ObjectMapper();

    public LogLine parse(String line, Format format) throws UnparseableLine {
        if (line.length() > MAX_LINE) {
            throw new UnparseableLine("line is longer than " + MAX_LINE + " characters");
        }
        return format == Format.JSON ? parseJson(line) : parseCombined(line);
    }

    LogLine parseCombined(String line) throws UnparseableLine {
        Cursor cursor = new Cursor(line);
        String ip = cursor.word("client address");
        cursor.word("identity");
        cursor.word("user");
        String time = cursor.bracketed("time");
        String request = cursor.quoted("request");
        String status = cursor.word("status");
        String bytes = cursor.word("bytes");
        String referer = cursor.atEnd() ? "-" : cursor.quoted("referer");
        String userAgent = cursor.atEnd() ? "-" : cursor.quoted("user agent");

        Instant instant;
        try {
            instant = ZonedDateTime.parse(time, COMBINED_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new UnparseableLine("time '" + time + "' is not dd/MMM/yyyy:HH:mm:ss +hhmm");
        }
        String[] parts = request.split(" ", 3);
        if (parts.length < 2 || parts[0].isEmpty() || !parts[1].startsWith("/") && !parts[1].startsWith("http")) {
            throw new UnparseableLine("request '" + abbreviate(request) + "' is not 'METHOD /path PROTOCOL'");
        }
        return new LogLine(
                ip, instant, parts[0], parts[1], status(status), size(bytes), dash(referer), dash(userAgent));
    }

    LogLine parseJson(String line) throws UnparseableLine {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new UnparseableLine("not a JSON object: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new UnparseableLine("not a JSON object");
        }
        String time = text(node, "time", "time_iso8601", "time_local", "timestamp");
        if (time == null) {
            throw new UnparseableLine("no time");
        }
        Instant instant = jsonTime(time);
        String method = text(node, "method", "request_method");
        String path = text(node, "path", "uri", "request_uri");
        String request = text(node, "request");
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
        String status = text(node, "status");
        return new LogLine(
                dash(text(node, "remote_addr", "client_ip", "ip")),
                instant,
                method,
                path,
                status == null ? 0 : status(status),
                size(text(node, "body_bytes_sent", "bytes_sent", "bytes")),
                dash(text(node, "http_referer", "referer")),
                dash(text(node, "http_user_agent", "user_agent")));
    }

    private static Instant jsonTime(String time) throws UnparseableLine {
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException notIso) {
            try {
                return ZonedDateTime.parse(time, COMBINED_TIME).toInstant();
            } catch (DateTimeParseException notCombined) {
                throw new UnparseableLine(
                        "time '" + abbreviate(time) + "' is neither RFC 3339 nor dd/MMM/yyyy:HH:mm:ss Z");
            }
        }
    }

    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull() && !value.isContainerNode()) {
                return value.asText();
            }
        }
        return null;
    }

    private static int status(String text) throws UnparseableLine {
        try {
            int status = Integer.parseInt(text);
            if (status < 100 || status > 999) {
                throw new UnparseableLine("status " + text + " is not an HTTP status");
            }
            return status;
        } catch (NumberFormatException e) {
            throw new UnparseableLine("status '" + abbreviate(text) + "' is not a number");
        }
    }

    private static Long size(String text) throws UnparseableLine {
        if (text == null || text.equals("-")) {
            return null;
        }
        try {
            long bytes = Long.parseLong(text);
            if (bytes < 0) {
                throw new UnparseableLine("size " + text + " is negative");
            }
            return bytes;
        } catch (NumberFormatException e) {
            throw new UnparseableLine("size '" + abbreviate(text) + "' is not a number");
        }
    }

    private static String dash(String value) {
        return value == null || value.equals("-") || value.isEmpty() ? null : value;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /** Walks a combined-format line field by field. */
    private static final class Cursor {
        private final String line;
        private int at;

        Cursor(String line) {
            this.line = line;
        }

        boolean atEnd() {
            skipSpaces();
            return at >= line.length();
        }

        String word(String what) throws UnparseableLine {
            skipSpaces();
            int start = at;
            while (at < line.length() && line.charAt(at) != ' ') {
                at++;
            }
            if (start == at) {
                throw new UnparseableLine("missing " + what);
            }
            return line.substring(start, at);
        }

        String bracketed(String what) throws UnparseableLine {
            skipSpaces();
            if (at >= line.length() || line.charAt(at) != '[') {
                throw new UnparseableLine("missing [" + what + "]");
            }
            int end = line.indexOf(']', at);
            if (end < 0) {
                throw new UnparseableLine("unclosed [" + what + "]");
            }
            String value = line.substring(at + 1, end);
            at = end + 1;
            return value;
        }

        String quoted(String what) throws UnparseableLine {
            skipSpaces();
            if (at >= line.length() || line.charAt(at) != '"') {
                throw new UnparseableLine("missing quoted " + what);
            }
            StringBuilder value = new StringBuilder();
            at++;
            while (at < line.length()) {
                char c = line.charAt(at);
                if (c == '\\' && at + 1 < line.length()) {
                    char next = line.charAt(at + 1);
                    if (next == 'x' && at + 3 < line.length()) {
                        // nginx writes bytes it escapes as \xHH.
                        try {
                            value.append((char) Integer.parseInt(line.substring(at + 2, at + 4), 16));
                            at += 4;
                            continue;
                        } catch (NumberFormatException notHex) {
                            // Not an escape after all; keep the backslash as written.
                        }
                    }
                    value.append(next);
                    at += 2;
                    continue;
                }
                if (c == '"') {
                    at++;
                    return value.toString();
                }
                value.append(c);
                at++;
            }
            throw new UnparseableLine("unclosed quoted " + what);
        }

        private void skipSpaces() {
            while (at < line.length() && line.charAt(at) == ' ') {
                at++;
            }
        }
    }
}
