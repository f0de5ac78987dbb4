package org.termsguard.ingest.accesslogs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Envoy's default access-log format (envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage,
 * "Default Format String"):
 *
 * <pre>
 * [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS%
 * %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%"
 * "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"
 * </pre>
 *
 * and the longer default that Istio's proxies (and the gateways built on them) write, which adds
 * {@code %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS% "%UPSTREAM_TRANSPORT_FAILURE_REASON%"} after the
 * flags and {@code %UPSTREAM_CLUSTER% %UPSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS%
 * %DOWNSTREAM_REMOTE_ADDRESS% %REQUESTED_SERVER_NAME% %ROUTE_NAME%} at the end (istio.io/latest/docs/tasks/
 * observability/logs/access-log/). The two are told apart by the field after the flags: a byte count in Envoy's,
 * a detail such as {@code via_upstream} in Istio's.
 *
 * <p>Envoy's default logs no client address other than {@code X-Forwarded-For}, so the client is found in that
 * header alone; Istio's logs the connecting peer ({@code %DOWNSTREAM_REMOTE_ADDRESS%}, with its port) as well.
 * {@code %BYTES_SENT%} is the response body; {@code %START_TIME%} is UTC to the millisecond.
 */
final class EnvoyLog implements LogReader {

    @Override
    public Optional<LogLine> read(String line) throws UnparseableLine {
        LineCursor cursor = new LineCursor(line);
        String time = cursor.bracketed("start time");
        String[] request = LogValues.requestLine(cursor.quoted("request"));
        List<String> fields = new ArrayList<>(20);
        while (fields.size() < 20 && !cursor.atEnd()) {
            fields.add(cursor.field("field " + (fields.size() + 3)));
        }
        boolean istio = fields.size() >= 3 && !isCount(fields.get(2));
        int details = istio ? 3 : 0;
        if (fields.size() < 11 + details) {
            throw new UnparseableLine(
                    "an Envoy default-format line has " + (13 + details) + " fields, this one " + (fields.size() + 2));
        }
        String peer = istio && fields.size() >= 18 ? LogValues.dash(fields.get(17)) : null;
        return Optional.of(new LogLine(
                peer,
                LogTime.iso(time),
                request[0],
                request[1],
                LogValues.status(fields.get(0)),
                LogValues.bytes(fields.get(3 + details)),
                null,
                LogValues.dash(fields.get(7 + details)),
                LogValues.dash(fields.get(6 + details))));
    }

    private static boolean isCount(String field) {
        if (field.isEmpty()) {
            return false;
        }
        for (int i = 0; i < field.length(); i++) {
            if (!Character.isDigit(field.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
