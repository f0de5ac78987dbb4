package org.termsguard.ingest.accesslogs;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.basjes.parse.core.Parser;
import nl.basjes.parse.core.exceptions.DissectionFailure;
import nl.basjes.parse.core.exceptions.InvalidDissectorException;
import nl.basjes.parse.core.exceptions.MissingDissectorsException;
import nl.basjes.parse.httpdlog.HttpdLoglineParser;

/**
 * Lines written by an nginx {@code log_format} or an Apache {@code LogFormat} string, read by Niels Basjes's
 * httpdlog-parser, which turns the format string that wrote a log into the parser of it (both syntaxes, every
 * {@code %} directive and {@code $variable}, time formats, quoting). A parser holds per-line state, so each upload
 * builds its own.
 *
 * <p>The fields taken, by the library's names: {@code IP:connection.client.host} ({@code %h}, {@code %a},
 * {@code $remote_addr}), the {@code X-Forwarded-For} request header, the request time (nginx's {@code $msec} to
 * the millisecond; any other time to the precision the library gives it, at most the millisecond), the request's method and URI (from {@code %r} /
 * {@code $request}, or {@code %m %U%q} / {@code $request_method $request_uri}), the final status, the body bytes
 * ({@code %b}, {@code %B}, {@code $body_bytes_sent}; else {@code %O}, {@code $bytes_sent}), the referer, the user
 * agent, and Web Bot Auth's {@code Signature}, {@code Signature-Input} and {@code Signature-Agent} request headers
 * ({@code %{Signature-Input}i}, {@code $http_signature_input}, …) so that a signed request's signature is checked.
 */
final class CustomLog implements LogReader {

    static final String CLIENT = "IP:connection.client.host";
    static final String TIME = "TIME.EPOCH:request.receive.time.epoch";
    // nginx's $msec as written, seconds with milliseconds: preferred when a format also has a coarser time.
    static final String MSEC = "TIME.EPOCH_SECOND_MILLIS:request.receive.time.epoch";
    static final String METHOD = "HTTP.METHOD:request.firstline.method";
    static final String URI = "HTTP.URI:request.firstline.uri";
    static final String STATUS = "STRING:request.status.last";
    static final String BODY_BYTES = "BYTES:response.body.bytes";
    static final String BYTES = "BYTES:response.bytes";
    static final String REFERER = "HTTP.URI:request.referer";
    static final String USER_AGENT = "HTTP.USERAGENT:request.user-agent";
    // Apache names the header as written in %{X-Forwarded-For}i, nginx's $http_x_forwarded_for with underscores.
    static final String FORWARDED_FOR = "HTTP.HEADER:request.header.x-forwarded-for";
    static final String FORWARDED_FOR_NGINX = "HTTP.HEADER:request.header.x_forwarded_for";
    // Web Bot Auth's request headers (RFC 9421 §4, draft-ietf-webbotauth-httpsig-protocol), as either server names
    // them.
    static final String SIGNATURE = "HTTP.HEADER:request.header.signature";
    static final String SIGNATURE_INPUT = "HTTP.HEADER:request.header.signature-input";
    static final String SIGNATURE_INPUT_NGINX = "HTTP.HEADER:request.header.signature_input";
    static final String SIGNATURE_AGENT = "HTTP.HEADER:request.header.signature-agent";
    static final String SIGNATURE_AGENT_NGINX = "HTTP.HEADER:request.header.signature_agent";

    private static final List<String> TAKEN = List.of(
            CLIENT,
            TIME,
            MSEC,
            METHOD,
            URI,
            STATUS,
            BODY_BYTES,
            BYTES,
            REFERER,
            USER_AGENT,
            FORWARDED_FOR,
            FORWARDED_FOR_NGINX,
            SIGNATURE,
            SIGNATURE_INPUT,
            SIGNATURE_INPUT_NGINX,
            SIGNATURE_AGENT,
            SIGNATURE_AGENT_NGINX);
    private static final Method SET;

    static {
        try {
            SET = Fields.class.getMethod("set", String.class, String.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The values the parser found in one line; public for the library, which calls {@link #set} reflectively. */
    public static final class Fields {
        final Map<String, String> values = new HashMap<>();

        public void set(String name, String value) {
            if (value != null) {
                values.put(name, value);
            }
        }
    }

    /** The longest line read: the library matches lines with backtracking regular expressions. */
    static final int MAX_LINE = 8 * 1024;

    private final Parser<Fields> parser;
    private final int quotes;

    private CustomLog(Parser<Fields> parser, int quotes) {
        this.parser = parser;
        this.quotes = quotes;
    }

    /**
     * @throws LogFormat.Invalid when the library cannot read the format, or it logs no request time or no request
     */
    static CustomLog of(String logFormat) throws LogFormat.Invalid {
        Parser<Fields> parser;
        List<String> paths;
        try {
            parser = new HttpdLoglineParser<>(Fields.class, logFormat);
            paths = parser.getPossiblePaths();
            parser.addParseTarget(SET, TAKEN.stream().filter(paths::contains).toList());
        } catch (RuntimeException e) {
            throw new LogFormat.Invalid(
                    "logFormat",
                    "cannot be read as an nginx log_format or Apache LogFormat: "
                            + UnparseableLine.abbreviate(String.valueOf(e.getMessage())));
        }
        if (!paths.contains(TIME)) {
            throw new LogFormat.Invalid(
                    "logFormat", "logs no request time (Apache %t, nginx $time_local, $time_iso8601 or $msec)");
        }
        if (!paths.contains(METHOD) || !paths.contains(URI)) {
            throw new LogFormat.Invalid(
                    "logFormat",
                    "logs no request (Apache %r, or %m and %U; nginx $request, or $request_method and $request_uri)");
        }
        return new CustomLog(parser, unescapedQuotes(logFormat));
    }

    /** A request header as logged, by Apache's or nginx's name, its escapes undone; null when absent or "-". */
    private static String header(Map<String, String> values, String apache, String nginx) {
        return LogValues.unescapeBytes(LogValues.dash(values.getOrDefault(apache, values.get(nginx))));
    }

    private static BigDecimal seconds(String number) throws UnparseableLine {
        try {
            return new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw new UnparseableLine("time '" + UnparseableLine.abbreviate(number) + "' is not a number");
        }
    }

    private static int unescapedQuotes(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == '"') {
                count++;
            }
        }
        return count;
    }

    @Override
    public Optional<LogLine> read(String line) throws UnparseableLine {
        if (line.length() > MAX_LINE) {
            throw new UnparseableLine("line is longer than " + MAX_LINE + " characters, the most format=custom reads");
        }
        // Both servers escape a quote inside a value (Apache as \", nginx as \x22), so a line has exactly the
        // format's quotes. Counting them first, in one pass, spares the library's regular expressions the lines
        // whose extra quotes make them backtrack for seconds.
        int found = unescapedQuotes(line);
        if (found != quotes) {
            throw new UnparseableLine(
                    "does not match the logFormat (" + found + " unescaped quotes where it has " + quotes + ")");
        }
        Fields fields = new Fields();
        try {
            parser.parse(fields, line);
        } catch (DissectionFailure e) {
            throw new UnparseableLine("does not match the logFormat");
        } catch (InvalidDissectorException | MissingDissectorsException | RuntimeException e) {
            throw new UnparseableLine(
                    "cannot be read with the logFormat: " + UnparseableLine.abbreviate(String.valueOf(e.getMessage())));
        }
        Map<String, String> values = fields.values;
        String msec = values.get(MSEC);
        String time = values.get(TIME);
        String method = values.get(METHOD);
        String uri = values.get(URI);
        if (time == null && msec == null || method == null || uri == null) {
            throw new UnparseableLine("no request time or request in this line");
        }
        String body = values.get(BODY_BYTES);
        String signature = header(values, SIGNATURE, SIGNATURE);
        String signatureInput = header(values, SIGNATURE_INPUT, SIGNATURE_INPUT_NGINX);
        String signatureAgent = header(values, SIGNATURE_AGENT, SIGNATURE_AGENT_NGINX);
        return Optional.of(new LogLine(
                LogValues.dash(values.get(CLIENT)),
                msec != null
                        ? LogTime.epoch(seconds(msec))
                        : LogTime.epoch(seconds(time).movePointLeft(3)),
                method,
                uri,
                values.containsKey(STATUS) ? LogValues.status(values.get(STATUS)) : 0,
                LogValues.bytes(body != null ? body : values.get(BYTES)),
                LogValues.dash(values.get(REFERER)),
                LogValues.dash(values.get(USER_AGENT)),
                LogValues.dash(values.getOrDefault(FORWARDED_FOR, values.get(FORWARDED_FOR_NGINX))),
                signature == null || signatureInput == null
                        ? null
                        : new LogLine.SignatureHeaders(signature, signatureInput, signatureAgent)));
    }
}
