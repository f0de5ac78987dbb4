package org.termsguard.ingest.accesslogs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.termsguard.contracts.crawlers.Crawler;
import org.termsguard.contracts.crawlers.CrawlerRegistry;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.Channel;
import org.termsguard.contracts.events.Identity;
import org.termsguard.contracts.validation.FieldError;
import org.termsguard.ingest.events.EventReader;

/**
 * Turns an uploaded access log into access events: one per request it records, the rest reported by line number.
 *
 * <ul>
 *   <li>The body is lines (text or NDJSON) read by the upload's {@link LogFormat}; for a JSON format it may also be
 *       a JSON array of records, read element by element without holding the array.
 *   <li>The client address is resolved through the {@link TrustedProxies}: the connecting peer, or the right-most
 *       untrusted address of the {@code X-Forwarded-For} the line carries.
 *   <li>A line whose user agent names a known crawler becomes a {@code crawler} event, with the crawler's operator
 *       as consumer and its purpose; the identity is {@code claimed}, since anyone can send any user agent.
 *   <li>Any other line is {@code feed} or {@code api} by {@link PathRules}, with no consumer or purpose: policy
 *       resolves them from the owner's aliases.
 *   <li>A request the server refused (status 400 and above) obtained no data: it is kept as evidence of the
 *       attempt with 0 records.
 *   <li>Every event passes the {@link EventReader} rules, as every path into {@code access-events} does.
 *   <li>The event id is derived from the owner and the record itself (plus how often the same record came before
 *       in the upload), so uploading the same log twice counts nothing twice.
 * </ul>
 */
public final class AccessLogTranslator {

    /** The longest line (or JSON array element) read; longer ones are skipped with the reason. */
    public static final int MAX_LINE = 32 * 1024;

    /** The most line errors a translation lists; it counts all of them. */
    public static final int MAX_REPORTED_ERRORS = 1000;

    private static final ObjectMapper JSON = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final CrawlerRegistry crawlers;
    private final PathRules paths;
    private final EventReader rules;
    private final TrustedProxies proxies;

    /**
     * @param rules the AccessEvent rules every path into {@code access-events} goes through: a line whose event
     *     breaks them (a NUL or other control character in its user agent, an over-long path) is skipped with the
     *     reason, like a line that does not parse
     * @param proxies whose {@code X-Forwarded-For} entries are believed
     */
    public AccessLogTranslator(CrawlerRegistry crawlers, PathRules paths, EventReader rules, TrustedProxies proxies) {
        this.crawlers = crawlers;
        this.paths = paths;
        this.rules = rules;
        this.proxies = proxies;
    }

    /** With {@link TrustedProxies#DEFAULT}. */
    public AccessLogTranslator(CrawlerRegistry crawlers, PathRules paths, EventReader rules) {
        this(crawlers, paths, rules, TrustedProxies.DEFAULT);
    }

    /** With the AccessEvent rules at the system clock and a five-minute skew, as ingest's defaults are. */
    public AccessLogTranslator(CrawlerRegistry crawlers, PathRules paths) {
        this(crawlers, paths, new EventReader(Clock.systemUTC(), Duration.ofMinutes(5)));
    }

    /**
     * A record that was skipped.
     *
     * @param line the line number, 1-based; for a JSON array body the element's position, 1-based
     */
    public record LineError(int line, String reason) {}

    /**
     * @param errors the first {@link #MAX_REPORTED_ERRORS} skipped records, in order
     * @param skipped how many records were skipped in all
     */
    public record Translation(List<AccessEvent> events, List<LineError> errors, int skipped) {
        public Translation {
            events = List.copyOf(events);
            errors = List.copyOf(errors);
        }

        /** Whether the upload had records and none of them could be read. */
        public boolean nothingRead() {
            return events.isEmpty() && skipped > 0;
        }
    }

    /**
     * @param site the scheme and host the log's paths belong to, e.g. {@code https://www.reddit.com}; when null the
     *     resource URI is the logged path alone
     * @param body the upload as UTF-8 (invalid sequences are replaced, and the lines holding them usually skipped)
     */
    public Translation translate(String owner, String site, LogFormat format, InputStream body) throws IOException {
        return translate(owner, site, format, new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** As {@link #translate(String, String, LogFormat, InputStream)}, from characters. */
    public Translation translate(String owner, String site, LogFormat format, Reader body) throws IOException {
        BufferedReader log = body instanceof BufferedReader buffered ? buffered : new BufferedReader(body);
        Upload upload = new Upload(owner, site);
        if (format.acceptsJsonArray() && startsArray(log)) {
            readArray(log, format.jsonLog(), upload);
        } else {
            readLines(log, format.newReader(), upload);
        }
        return new Translation(upload.events, upload.errors, upload.skipped);
    }

    /**
     * A request another reader read (an OTLP log record), for the same translation as a log's lines.
     *
     * @param number its position in what the sender sent, 1-based, for errors
     * @param site as for an upload, but per request: the record may name its own server
     * @param line the request, or null when the sender sent only a raw log line ({@code rawLine})
     * @param rawLine a log line in the translation's format, read when {@code line} is null
     * @param identity what the event id derives from: the same request sent again is the same event
     */
    public record ReadRequest(int number, String owner, String site, LogLine line, String rawLine, String identity) {}

    /**
     * Requests read elsewhere, through the same rules as an upload's lines; a request that comes as a raw line is
     * read as {@code lines} format.
     *
     * @param refused the requests the other reader could not read, reported with these
     */
    public Translation translate(List<ReadRequest> requests, LogFormat lines, List<LineError> refused) {
        Upload upload = new Upload(null, null);
        refused.forEach(e -> upload.skip(e.line(), e.reason()));
        LogReader reader = lines.newReader();
        for (ReadRequest request : requests) {
            try {
                Optional<LogLine> line = request.line() != null
                        ? Optional.of(request.line())
                        : request.rawLine() == null ? Optional.empty() : reader.read(raw(request.rawLine()));
                if (line.isPresent()) {
                    upload.add(request.number(), request.owner(), request.site(), request.identity(), line.get());
                } else {
                    upload.skip(request.number(), "the record describes no HTTP request and its body no log line");
                }
            } catch (UnparseableLine e) {
                upload.skip(request.number(), e.getMessage());
            }
        }
        return new Translation(upload.events, upload.errors, upload.skipped);
    }

    private static String raw(String line) throws UnparseableLine {
        if (line.length() > MAX_LINE) {
            throw new UnparseableLine("line is longer than " + MAX_LINE + " characters");
        }
        return line;
    }

    private void readLines(BufferedReader log, LogReader reader, Upload upload) throws IOException {
        String raw;
        int number = 0;
        while ((raw = log.readLine()) != null) {
            number++;
            if (number == 1 && raw.startsWith("\uFEFF")) {
                raw = raw.substring(1);
            }
            if (raw.isBlank()) {
                continue;
            }
            try {
                if (raw.length() > MAX_LINE) {
                    throw new UnparseableLine("line is longer than " + MAX_LINE + " characters");
                }
                Optional<LogLine> line = reader.read(raw);
                if (line.isPresent()) {
                    upload.add(number, raw, line.get());
                }
            } catch (UnparseableLine e) {
                upload.skip(number, e.getMessage());
            }
        }
    }

    private void readArray(BufferedReader log, JsonLog format, Upload upload) throws IOException {
        try (JsonParser parser = LogJson.MAPPER.createParser(log)) {
            parser.nextToken();
            int number = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    upload.skip(number + 1, "the JSON array ends before its closing ]");
                    return;
                }
                number++;
                long start = parser.currentTokenLocation().getCharOffset();
                JsonNode record = parser.readValueAsTree();
                long length = parser.currentLocation().getCharOffset() - start;
                String raw = record == null ? "" : record.toString();
                try {
                    if (length > MAX_LINE) {
                        throw new UnparseableLine("record is longer than " + MAX_LINE + " characters");
                    }
                    if (record == null || !record.isObject()) {
                        throw new UnparseableLine("not a JSON object");
                    }
                    upload.add(number, raw, format.read(record));
                } catch (UnparseableLine e) {
                    upload.skip(number, e.getMessage());
                }
            }
            if (parser.nextToken() != null) {
                upload.skip(number + 1, "more after the JSON array: a body is one array, or one record per line");
            }
        } catch (StreamConstraintsException e) {
            upload.skip(upload.seen + 1, "JSON beyond the limits of a log record: " + e.getOriginalMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // The array cannot be read past this point; what came before it stands.
            upload.skip(upload.seen + 1, "not valid JSON: " + UnparseableLine.abbreviate(e.getOriginalMessage()));
        }
    }

    /** Whether the first character after whitespace (and a byte order mark) opens a JSON array. */
    private static boolean startsArray(BufferedReader log) throws IOException {
        log.mark(MAX_LINE);
        int c;
        int read = 0;
        do {
            c = log.read();
            read++;
        } while (c != -1 && read < MAX_LINE && (Character.isWhitespace(c) || c == '\uFEFF'));
        log.reset();
        return c == '[';
    }

    /** What one upload produced so far. */
    private final class Upload {
        final String owner;
        final String site;
        final List<AccessEvent> events = new ArrayList<>();
        final List<LineError> errors = new ArrayList<>();
        final Map<String, Integer> seenRecords = new HashMap<>();
        int skipped;
        int seen;

        Upload(String owner, String site) {
            this.owner = owner;
            this.site = site;
        }

        void add(int number, String raw, LogLine line) {
            add(number, owner, site, raw, line);
        }

        void add(int number, String owner, String site, String raw, LogLine line) {
            seen = number;
            int occurrence = seenRecords.merge(owner + "\n" + raw, 1, Integer::sum);
            EventReader.Result checked =
                    rules.read(JSON.valueToTree(toEvent(owner, site, line, eventId(owner, raw, occurrence))));
            if (checked.errors().isEmpty()) {
                events.add(checked.event());
            } else {
                skip(number, describe(checked.errors()));
            }
        }

        void skip(int number, String reason) {
            seen = number;
            skipped++;
            if (errors.size() < MAX_REPORTED_ERRORS) {
                errors.add(new LineError(number, reason));
            }
        }
    }

    AccessEvent toEvent(String owner, String site, LogLine line, String eventId) {
        Optional<Crawler> crawler = crawlers.match(line.userAgent());
        Channel channel = crawler.isPresent() ? Channel.CRAWLER : paths.channelOf(line.path());
        String uri = site == null ? line.path() : stripTrailingSlash(site) + line.path();
        long records = line.status() >= 400 ? 0 : 1;
        return new AccessEvent(
                eventId,
                line.time(),
                owner,
                crawler.map(Crawler::consumer).orElse(null),
                channel,
                new AccessEvent.Resource(paths.kindOf(line.path()), uri),
                crawler.map(Crawler::purpose).orElse(null),
                new AccessEvent.Volume(records, line.bytes()),
                evidenceOf(line),
                null,
                null);
    }

    private static String describe(List<FieldError> errors) {
        StringBuilder reason = new StringBuilder("the line's event breaks the AccessEvent rules: ");
        for (int i = 0; i < errors.size(); i++) {
            reason.append(i == 0 ? "" : "; ")
                    .append(errors.get(i).field())
                    .append(' ')
                    .append(errors.get(i).message());
        }
        return reason.toString();
    }

    static String eventId(String owner, String rawLine, int occurrence) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((owner + "\n" + occurrence + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] digest = sha256.digest(rawLine.getBytes(StandardCharsets.UTF_8));
            return "log-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    private AccessEvent.Evidence evidenceOf(LogLine line) {
        AccessEvent.Evidence evidence = new AccessEvent.Evidence(
                null, line.userAgent(), proxies.clientOf(line.clientIp(), line.forwardedFor()), null, Identity.CLAIMED);
        LogLine.SignatureHeaders signed = line.signature();
        if (signed == null) {
            return evidence;
        }
        // The signature covers the request as the server received it: its method and target from the log, its
        // authority from the site the log belongs to (resource.uri).
        return evidence.withHttpSignature(new AccessEvent.HttpSignature(
                signed.signature(),
                signed.signatureInput(),
                signed.signatureAgent(),
                line.method(),
                null,
                line.path()));
    }

    private static String stripTrailingSlash(String site) {
        return site.endsWith("/") ? site.substring(0, site.length() - 1) : site;
    }
}
