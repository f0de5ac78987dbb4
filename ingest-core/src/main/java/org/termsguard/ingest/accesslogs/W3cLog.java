package org.termsguard.ingest.accesslogs;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * W3C Extended Log File Format (W3C Working Draft WD-logfile-960323), as IIS writes it and as CloudFront's standard
 * logs are: directive lines start with {@code #}, and the last {@code #Fields:} directive sets the columns of the
 * entries after it, which is why a reader lives for one upload. Entries are separated by tabs when the line has any
 * (CloudFront), else by spaces (IIS); a field may be quoted ({@code "two words"}, {@code ""} for a quote), and
 * {@code -} marks one left empty. Times are UTC ({@code date} + {@code time}, or the {@code #Date:} directive's day
 * when there is no {@code date} column).
 *
 * <p>Columns read: {@code c-ip}, {@code x-forwarded-for} (CloudFront) or {@code cs(X-Forwarded-For)} (an IIS
 * custom field), {@code cs-method}, {@code cs-uri-stem} + {@code cs-uri-query} (or {@code cs-uri}),
 * {@code sc-status}, {@code sc-content-len} (CloudFront's body length) or {@code sc-bytes} (with headers),
 * {@code cs(User-Agent)}, {@code cs(Referer)}. User agent and referer are decoded the way the server encoded them:
 * CloudFront percent-encodes them (RFC 3986 §2.1); IIS writes a space as {@code +}, so {@code +} reads as a space
 * and {@code ++} as a space and a plus (a literal plus not after a space cannot be told from a space, and reads as
 * one).
 */
final class W3cLog implements LogReader {

    private final boolean cloudfront;
    private W3cFields fields;
    private LocalDate directiveDate;

    /** @param cloudfront CloudFront's encoding, and its standard columns until a {@code #Fields:} says otherwise */
    W3cLog(boolean cloudfront) {
        this.cloudfront = cloudfront;
        this.fields = cloudfront ? W3cFields.CLOUDFRONT_STANDARD : null;
    }

    @Override
    public Optional<LogLine> read(String line) throws UnparseableLine {
        if (line.startsWith("#")) {
            directive(line);
            return Optional.empty();
        }
        if (fields == null) {
            throw new UnparseableLine("no #Fields: directive before the first entry");
        }
        List<String> values = split(line);
        String method = fields.get(values, "cs-method");
        String stem = fields.get(values, "cs-uri-stem");
        String query = fields.get(values, "cs-uri-query");
        String uri = fields.get(values, "cs-uri");
        if (method == null || stem == null && uri == null) {
            throw new UnparseableLine("no cs-method and cs-uri-stem in this line's columns (" + values.size()
                    + " values for " + fields.names().size() + " fields)");
        }
        String path = stem != null ? (query != null ? stem + "?" + query : stem) : uri;
        return Optional.of(new LogLine(
                fields.get(values, "c-ip"),
                time(values),
                method,
                path,
                LogValues.status(fields.get(values, "sc-status")),
                LogValues.bytes(fields.get(values, "sc-content-len", "sc-bytes")),
                decode(fields.get(values, "cs(referer)", "cs(referrer)")),
                decode(fields.get(values, "cs(user-agent)")),
                fields.get(values, "x-forwarded-for", "cs(x-forwarded-for)", "x_forwarded_for")));
    }

    private void directive(String line) throws UnparseableLine {
        int colon = line.indexOf(':');
        if (colon < 0) {
            return;
        }
        String name = line.substring(1, colon).strip();
        String value = line.substring(colon + 1).strip();
        if (name.equalsIgnoreCase("Fields")) {
            // Counted before it is split, so a hostile directive costs one pass.
            long separators = value.chars().filter(c -> c == ' ' || c == '\t').count();
            if (separators >= W3cFields.MAX_FIELDS) {
                fields = null;
                throw new UnparseableLine("#Fields: declares more than " + W3cFields.MAX_FIELDS
                        + " fields; the entries after it are not read until another #Fields:");
            }
            fields = W3cFields.parse(value);
        } else if (name.equalsIgnoreCase("Date") && value.length() >= 10) {
            try {
                directiveDate = LocalDate.parse(value.substring(0, 10));
            } catch (DateTimeParseException e) {
                throw new UnparseableLine("#Date: '" + UnparseableLine.abbreviate(value) + "' is not yyyy-mm-dd");
            }
        }
    }

    private Instant time(List<String> values) throws UnparseableLine {
        String date = fields.get(values, "date");
        String time = fields.get(values, "time");
        if (time == null || date == null && directiveDate == null) {
            throw new UnparseableLine("no date and time");
        }
        try {
            LocalDate day = date != null ? LocalDate.parse(date) : directiveDate;
            return day.atTime(LocalTime.parse(time)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new UnparseableLine("date '" + UnparseableLine.abbreviate(String.valueOf(date)) + "' time '"
                    + UnparseableLine.abbreviate(time) + "' is not yyyy-mm-dd hh:mm:ss");
        }
    }

    private String decode(String value) {
        if (value == null) {
            return null;
        }
        return cloudfront ? PercentEncoding.decode(value) : plusAsSpace(value);
    }

    private static String plusAsSpace(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean afterSpace = i > 0 && value.charAt(i - 1) == '+' && out.charAt(out.length() - 1) == ' ';
            out.append(c == '+' && !afterSpace ? ' ' : c);
        }
        return out.toString();
    }

    /** The values of an entry: tab-separated if it has a tab, else space-separated with W3C's quoted strings. */
    static List<String> split(String line) throws UnparseableLine {
        List<String> values = new ArrayList<>();
        if (line.indexOf('\t') >= 0) {
            int start = 0;
            while (values.size() <= W3cFields.MAX_FIELDS) {
                int tab = line.indexOf('\t', start);
                values.add(line.substring(start, tab < 0 ? line.length() : tab));
                if (tab < 0) {
                    break;
                }
                start = tab + 1;
            }
            return values;
        }
        int at = 0;
        while (at < line.length() && values.size() <= W3cFields.MAX_FIELDS) {
            while (at < line.length() && line.charAt(at) == ' ') {
                at++;
            }
            if (at >= line.length()) {
                break;
            }
            if (line.charAt(at) == '"') {
                StringBuilder value = new StringBuilder();
                at++;
                while (true) {
                    if (at >= line.length()) {
                        throw new UnparseableLine("unclosed quoted field");
                    }
                    char c = line.charAt(at++);
                    if (c == '"' && at < line.length() && line.charAt(at) == '"') {
                        value.append('"');
                        at++;
                    } else if (c == '"') {
                        break;
                    } else {
                        value.append(c);
                    }
                }
                values.add(value.toString());
            } else {
                int start = at;
                while (at < line.length() && line.charAt(at) != ' ') {
                    at++;
                }
                values.add(line.substring(start, at));
            }
        }
        return values;
    }
}
