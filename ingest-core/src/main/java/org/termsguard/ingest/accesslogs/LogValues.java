package org.termsguard.ingest.accesslogs;

/** The values every access-log format writes alike: a status, a byte count, {@code -} for nothing. */
final class LogValues {

    private LogValues() {}

    static int status(String text) throws UnparseableLine {
        if (text == null) {
            throw new UnparseableLine("no status");
        }
        int status;
        try {
            status = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UnparseableLine("status '" + UnparseableLine.abbreviate(text) + "' is not a number");
        }
        if (status < 100 || status > 999) {
            throw new UnparseableLine("status " + text + " is not an HTTP status");
        }
        return status;
    }

    static Long bytes(String text) throws UnparseableLine {
        if (text == null || text.equals("-")) {
            return null;
        }
        long bytes;
        try {
            bytes = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UnparseableLine("size '" + UnparseableLine.abbreviate(text) + "' is not a number");
        }
        if (bytes < 0) {
            throw new UnparseableLine("size " + text + " is negative");
        }
        return bytes;
    }

    static String dash(String value) {
        return value == null || value.equals("-") || value.isEmpty() ? null : value;
    }

    /** {@code METHOD target PROTOCOL} (RFC 9112 §3): the method and the target. */
    static String[] requestLine(String request) throws UnparseableLine {
        String[] parts = request.split(" ", 3);
        if (parts.length < 2
                || parts[0].isEmpty()
                || !parts[1].startsWith("/") && !parts[1].startsWith("http") && !parts[1].equals("*")) {
            throw new UnparseableLine(
                    "request '" + UnparseableLine.abbreviate(request) + "' is not 'METHOD /path PROTOCOL'");
        }
        return new String[] {parts[0], parts[1]};
    }

    /**
     * The path and query of an absolute URL ({@code http://host:80/path?q}, as ALB and Cloud Logging log the
     * request), or the target itself when it is already a path.
     */
    static String pathOf(String target) {
        int scheme = target.indexOf("://");
        if (scheme < 0 || target.startsWith("/")) {
            return target;
        }
        int path = target.indexOf('/', scheme + 3);
        int query = target.indexOf('?', scheme + 3);
        if (path < 0 || query >= 0 && query < path) {
            return query < 0 ? "/" : "/" + target.substring(query);
        }
        return target.substring(path);
    }

    /**
     * A logged header value with the servers' byte escapes undone: nginx ({@code escape=default}) writes {@code "},
     * {@code \} and bytes outside printable ASCII as {@code \xHH}; Apache does the same for all but {@code "} and
     * {@code \} (mod_log_config, "Format Notes"). The bytes are read as UTF-8; null stays null.
     */
    static String unescapeBytes(String value) {
        if (value == null || value.indexOf("\\x") < 0) {
            return value;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(value.length());
        int i = 0;
        while (i < value.length()) {
            if (value.startsWith("\\x", i)
                    && i + 3 < value.length()
                    && hex(value.charAt(i + 2)) >= 0
                    && hex(value.charAt(i + 3)) >= 0) {
                bytes.write(hex(value.charAt(i + 2)) * 16 + hex(value.charAt(i + 3)));
                i += 4;
            } else {
                int codePoint = value.codePointAt(i);
                bytes.writeBytes(Character.toString(codePoint).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** An ASCII hex digit's value, else -1 (Character.digit would take other scripts' digits too). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
