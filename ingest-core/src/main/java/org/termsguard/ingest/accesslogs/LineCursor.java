package org.termsguard.ingest.accesslogs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Walks a line of space-separated fields, some of them quoted or bracketed: the shape of the NCSA formats, ALB and
 * Envoy. Quoted fields may hold spaces and backslash escapes: nginx writes the bytes it escapes as {@code \xHH}
 * (ngx_http_log_module's {@code escape=default}), Apache and Envoy a quote as {@code \"}. Linear in the line.
 */
final class LineCursor {

    private final String line;
    private int at;

    LineCursor(String line) {
        this.line = line;
    }

    boolean atEnd() {
        skipSpaces();
        return at >= line.length();
    }

    boolean nextIsQuoted() {
        skipSpaces();
        return at < line.length() && line.charAt(at) == '"';
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

    /** A quoted field, or a bare word. */
    String field(String what) throws UnparseableLine {
        return nextIsQuoted() ? quoted(what) : word(what);
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
        // nginx escapes every byte of a multi-byte UTF-8 character on its own: the run is decoded as one.
        ByteArrayOutputStream escaped = new ByteArrayOutputStream();
        at++;
        while (at < line.length()) {
            char c = line.charAt(at);
            if (c == '\\' && at + 3 < line.length() && line.charAt(at + 1) == 'x') {
                int hex = hex(line.charAt(at + 2), line.charAt(at + 3));
                if (hex >= 0) {
                    escaped.write(hex);
                    at += 4;
                    continue;
                }
            }
            flush(escaped, value);
            if (c == '\\' && at + 1 < line.length()) {
                value.append(line.charAt(at + 1));
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

    private static void flush(ByteArrayOutputStream escaped, StringBuilder value) {
        if (escaped.size() > 0) {
            value.append(escaped.toString(StandardCharsets.UTF_8));
            escaped.reset();
        }
    }

    private static int hex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }

    private void skipSpaces() {
        while (at < line.length() && line.charAt(at) == ' ') {
            at++;
        }
    }
}
