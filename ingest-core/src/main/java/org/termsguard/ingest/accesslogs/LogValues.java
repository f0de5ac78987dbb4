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
}
