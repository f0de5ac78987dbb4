package org.termsguard.ingest.accesslogs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
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
 * Turns an uploaded access log into access events: one per parseable line, the rest reported by line number.
 *
 * <ul>
 *   <li>A line whose user agent names a known crawler becomes a {@code crawler} event, with the crawler's operator
 *       as consumer and its purpose; the identity is {@code claimed}, since anyone can send any user agent.
 *   <li>Any other line is {@code feed} or {@code api} by {@link PathRules}, with no consumer or purpose: policy
 *       resolves them from the owner's aliases.
 *   <li>A request the server refused (status 400 and above) obtained no data: it is kept as evidence of the
 *       attempt with 0 records.
 *   <li>The event id is derived from the owner and the line itself (plus how often the same line came before in
 *       the upload), so uploading the same log twice counts nothing twice.
 * </ul>
 */
public final class AccessLogTranslator {

    private static final ObjectMapper JSON = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final AccessLogParser parser = new AccessLogParser();
    private final CrawlerRegistry crawlers;
    private final PathRules paths;
    private final EventReader rules;

    /**
     * @param rules the AccessEvent rules every path into {@code access-events} goes through: a line whose event
     *     breaks them (a NUL or other control character in its user agent, an over-long path) is skipped with the
     *     reason, like a line that does not parse
     */
    public AccessLogTranslator(CrawlerRegistry crawlers, PathRules paths, EventReader rules) {
        this.crawlers = crawlers;
        this.paths = paths;
        this.rules = rules;
    }

    /** With the AccessEvent rules at the system clock and a five-minute skew, as ingest's defaults are. */
    public AccessLogTranslator(CrawlerRegistry crawlers, PathRules paths) {
        this(crawlers, paths, new EventReader(Clock.systemUTC(), Duration.ofMinutes(5)));
    }

    /** A line that was skipped. */
    public record LineError(int line, String reason) {}

    public record Translation(List<AccessEvent> events, List<LineError> errors) {}

    /**
     * @param site the scheme and host the log's paths belong to, e.g. {@code https://www.reddit.com}; when null the
     *     resource URI is the logged path alone
     */
    public Translation translate(String owner, String site, AccessLogParser.Format format, BufferedReader log)
            throws IOException {
        List<AccessEvent> events = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String raw;
        int number = 0;
        while ((raw = log.readLine()) != null) {
            number++;
            if (raw.isBlank()) {
                continue;
            }
            try {
                LogLine line = parser.parse(raw, format);
                int occurrence = seen.merge(raw, 1, Integer::sum);
                EventReader.Result checked =
                        rules.read(JSON.valueToTree(toEvent(owner, site, line, eventId(owner, raw, occurrence))));
                if (checked.errors().isEmpty()) {
                    events.add(checked.event());
                } else {
                    errors.add(new LineError(number, describe(checked.errors())));
                }
            } catch (AccessLogParser.UnparseableLine e) {
                errors.add(new LineError(number, e.getMessage()));
            }
        }
        return new Translation(events, errors);
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
                new AccessEvent.Evidence(null, line.userAgent(), line.clientIp(), null, Identity.CLAIMED),
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

    private static String stripTrailingSlash(String site) {
        return site.endsWith("/") ? site.substring(0, site.length() - 1) : site;
    }
}
