package org.termsguard.ingest.accesslogs;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns a W3C Extended Log File Format {@code #Fields:} directive declares (W3C Working Draft WD-logfile-960323,
 * "Directives"), each identifier mapped to its position. Identifiers are compared case-insensitively: IIS writes
 * {@code cs(User-Agent)}, other servers {@code cs(user-agent)}.
 */
record W3cFields(List<String> names, Map<String, Integer> positions) {

    /** More columns than any server's field list has; a longer directive is refused rather than indexed. */
    static final int MAX_FIELDS = 256;

    /** CloudFront's 33 standard-log fields, for files whose header lines a shipper dropped. */
    static final W3cFields CLOUDFRONT_STANDARD =
            parse("date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer)"
                    + " cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header"
                    + " cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher"
                    + " x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port"
                    + " time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start"
                    + " sc-range-end");

    static W3cFields parse(String directive) {
        String[] names = directive.strip().split("[ \t]+");
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            positions.putIfAbsent(names[i].toLowerCase(Locale.ROOT), i);
        }
        return new W3cFields(List.of(names), Map.copyOf(positions));
    }

    /** The value of the first of these columns that the line has and does not leave as {@code -}. */
    String get(List<String> values, String... names) {
        for (String name : names) {
            Integer position = positions.get(name);
            if (position != null && position < values.size()) {
                String value = values.get(position);
                if (!value.isEmpty() && !value.equals("-")) {
                    return value;
                }
            }
        }
        return null;
    }
}
