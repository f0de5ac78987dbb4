package org.termsguard.ingest.accesslogs;

import java.util.Optional;

/**
 * The NCSA formats Apache's mod_log_config and nginx write by default.
 *
 * <ul>
 *   <li>common: {@code %h %l %u %t "%r" %>s %b}
 *   <li>combined: common plus {@code "%{Referer}i" "%{User-agent}i"} (nginx: {@code $remote_addr - $remote_user
 *       [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"}); a line that ends
 *       after the size is read as common, so one upload may mix them
 *   <li>vhost_combined: Debian's {@code %v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i"}, whose
 *       {@code %O} counts the headers too
 * </ul>
 *
 * <p>{@code %h} may be a comma list ("203.0.113.1, 10.0.0.1") where a server logs {@code %{X-Forwarded-For}i} in its
 * place; the whole list is kept for {@link TrustedProxies} to resolve.
 */
record CombinedLog(boolean virtualHost) implements LogReader {

    @Override
    public Optional<LogLine> read(String line) throws UnparseableLine {
        LineCursor cursor = new LineCursor(line);
        if (virtualHost) {
            cursor.word("virtual host");
        }
        String ip = cursor.word("client address");
        while (ip.endsWith(",") && !cursor.atEnd()) {
            ip = ip + " " + cursor.word("client address");
        }
        cursor.word("identity");
        cursor.word("user");
        String time = cursor.bracketed("time");
        String request = cursor.quoted("request");
        String status = cursor.word("status");
        String bytes = cursor.word("bytes");
        String referer = cursor.atEnd() ? "-" : cursor.quoted("referer");
        String userAgent = cursor.atEnd() ? "-" : cursor.quoted("user agent");

        String[] target = LogValues.requestLine(request);
        return Optional.of(new LogLine(
                ip,
                LogTime.ncsa(time),
                target[0],
                target[1],
                LogValues.status(status),
                LogValues.bytes(bytes),
                LogValues.dash(referer),
                LogValues.dash(userAgent)));
    }
}
