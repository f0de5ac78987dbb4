package org.termsguard.ingest.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.Channel;
import org.termsguard.contracts.events.Identity;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.contracts.validation.FieldError;

/**
 * Reads one access event as a producer posts it and reports every wrong field at once, not just the first.
 *
 * <p>Unknown fields are rejected: a misspelt {@code purpsoe} silently ignored would judge an event by the
 * wrong purpose. {@code producer} and {@code receivedAt} are stamped by ingest and may not be sent.
 */
public final class EventReader {

    static final Pattern PARTY_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    static final Pattern RESOURCE_KIND = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /**
     * The most records one event may report: a trillion. Bounded so that the sums of a batch and of a quota
     * period's counter stay far from 2^63−1; an event of more is several events.
     */
    public static final long MAX_RECORDS = 1_000_000_000_000L;
    /** The most bytes one event may report: 2^50 (a pebibyte). */
    public static final long MAX_BYTES = 1L << 50;

    private static final Set<String> FIELDS = Set.of(
            "eventId", "observedAt", "owner", "consumer", "channel", "resource", "purpose", "volume", "evidence");
    private static final Set<String> STAMPED = Set.of("producer", "receivedAt");
    private static final Set<String> RESOURCE_FIELDS = Set.of("kind", "uri");
    private static final Set<String> VOLUME_FIELDS = Set.of("records", "bytes");
    private static final Set<String> EVIDENCE_FIELDS =
            Set.of("apiClientId", "userAgent", "clientIp", "requestId", "identity", "httpSignature");
    private static final Set<String> SIGNATURE_FIELDS =
            Set.of("signature", "signatureInput", "signatureAgent", "method", "authority", "path");

    private final Clock clock;
    private final Duration maxClockSkew;

    /** @param maxClockSkew how far in the future {@code observedAt} may be (producers' clocks drift) */
    public EventReader(Clock clock, Duration maxClockSkew) {
        this.clock = clock;
        this.maxClockSkew = maxClockSkew;
    }

    /** The event, or the reasons it is not one. */
    public record Result(AccessEvent event, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public Result read(JsonNode node) {
        List<FieldError> errors = new ArrayList<>();
        if (node == null || !node.isObject()) {
            errors.add(FieldError.of("", "an event must be a JSON object"));
            return new Result(null, errors);
        }
        rejectUnknown(node, FIELDS, "", errors);

        String eventId = optionalText(node, "eventId", errors);
        if (eventId != null && !EVENT_ID.matcher(eventId).matches()) {
            errors.add(FieldError.of("eventId", "must be 1-128 letters, digits, '.', '_', ':' or '-'"));
        }
        Instant observedAt = observedAt(node, errors);
        String owner = partyId(node, "owner", true, errors);
        String consumer = partyId(node, "consumer", false, errors);
        Channel channel = channel(node, errors);
        AccessEvent.Resource resource = resource(node.get("resource"), errors);
        Purpose purpose = purpose(node, errors);
        AccessEvent.Volume volume = volume(node.get("volume"), errors);
        AccessEvent.Evidence evidence = evidence(node.get("evidence"), errors);

        if (!errors.isEmpty()) {
            return new Result(null, List.copyOf(errors));
        }
        return new Result(
                new AccessEvent(
                        eventId != null ? eventId : UUID.randomUUID().toString(),
                        observedAt,
                        owner,
                        consumer,
                        channel,
                        resource,
                        purpose,
                        volume,
                        evidence,
                        null,
                        null),
                List.of());
    }

    private Instant observedAt(JsonNode node, List<FieldError> errors) {
        String text = requiredText(node, "observedAt", errors);
        if (text == null) {
            return null;
        }
        try {
            Instant observedAt = OffsetDateTime.parse(text).toInstant();
            if (observedAt.isAfter(clock.instant().plus(maxClockSkew))) {
                errors.add(FieldError.of(
                        "observedAt", "is more than " + maxClockSkew.toMinutes() + " minutes in the future"));
            }
            return observedAt;
        } catch (DateTimeParseException e) {
            errors.add(FieldError.of(
                    "observedAt", "must be an RFC 3339 timestamp with offset, e.g. 2023-04-12T09:30:00Z"));
            return null;
        }
    }

    private static String partyId(JsonNode node, String field, boolean required, List<FieldError> errors) {
        String value = required ? requiredText(node, field, errors) : optionalText(node, field, errors);
        if (value != null && !PARTY_ID.matcher(value).matches()) {
            errors.add(FieldError.of(
                    field, "must be 1-63 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        return value;
    }

    private static Channel channel(JsonNode node, List<FieldError> errors) {
        String value = requiredText(node, "channel", errors);
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "api" -> Channel.API;
            case "crawler" -> Channel.CRAWLER;
            case "bulk-export" -> Channel.BULK_EXPORT;
            case "feed" -> Channel.FEED;
            default -> {
                errors.add(FieldError.of("channel", "must be one of api, crawler, bulk-export, feed"));
                yield null;
            }
        };
    }

    private static Purpose purpose(JsonNode node, List<FieldError> errors) {
        String value = optionalText(node, "purpose", errors);
        if (value == null) {
            return null;
        }
        return Purpose.fromToken(value).orElseGet(() -> {
            errors.add(FieldError.of(
                    "purpose",
                    "must be an RSL usage token (ai-train, ai-input, ai-index, search, ai-all, all) or display,"
                            + " analytics, archive, unknown"));
            return null;
        });
    }

    private static AccessEvent.Resource resource(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            errors.add(FieldError.of("resource", "is required"));
            return null;
        }
        if (!node.isObject()) {
            errors.add(FieldError.of("resource", "must be an object with kind and uri"));
            return null;
        }
        rejectUnknown(node, RESOURCE_FIELDS, "resource.", errors);
        String kind = requiredText(node, "kind", "resource.kind", errors);
        if (kind != null && !RESOURCE_KIND.matcher(kind).matches()) {
            errors.add(FieldError.of("resource.kind", "must be 1-64 letters, digits, '.', '_' or '-'"));
        }
        String uri = optionalText(node, "uri", "resource.uri", errors);
        if (uri != null) {
            if (uri.length() > 2048) {
                errors.add(FieldError.of("resource.uri", "must be at most 2048 characters"));
            } else {
                try {
                    new URI(uri);
                } catch (URISyntaxException e) {
                    errors.add(FieldError.of("resource.uri", "is not a valid URI: " + e.getReason()));
                }
            }
        }
        return new AccessEvent.Resource(kind, uri);
    }

    private static AccessEvent.Volume volume(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return AccessEvent.Volume.ONE_RECORD;
        }
        if (!node.isObject()) {
            errors.add(FieldError.of("volume", "must be an object with records and bytes"));
            return null;
        }
        rejectUnknown(node, VOLUME_FIELDS, "volume.", errors);
        Long records = count(node, "records", errors);
        Long bytes = count(node, "bytes", errors);
        return new AccessEvent.Volume(records == null ? 1L : records, bytes);
    }

    private static Long count(JsonNode parent, String field, List<FieldError> errors) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            errors.add(FieldError.of("volume." + field, "must be a whole number from 0 to 2^63-1"));
            return null;
        }
        long value = node.longValue();
        if (value < 0) {
            errors.add(FieldError.of("volume." + field, "must not be negative"));
            return null;
        }
        long max = field.equals("records") ? MAX_RECORDS : MAX_BYTES;
        if (value > max) {
            errors.add(FieldError.of("volume." + field, "must be at most " + max + "; report more as several events"));
            return null;
        }
        return value;
    }

    private static AccessEvent.Evidence evidence(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return new AccessEvent.Evidence(null, null, null, null, Identity.CLAIMED);
        }
        if (!node.isObject()) {
            errors.add(FieldError.of("evidence", "must be an object"));
            return null;
        }
        if (node.has("verification")) {
            errors.add(FieldError.of("evidence.verification", "is set by ingest; leave it out"));
        }
        rejectUnknown(node, EVIDENCE_FIELDS, "evidence.", errors);
        String apiClientId = bounded(node, "apiClientId", 256, errors);
        String userAgent = bounded(node, "userAgent", 1024, errors);
        String clientIp = bounded(node, "clientIp", 64, errors);
        if (clientIp != null && !IpLiteral.isValid(clientIp)) {
            errors.add(FieldError.of("evidence.clientIp", "must be an IPv4 or IPv6 address"));
        }
        String requestId = bounded(node, "requestId", 256, errors);
        String identityText = optionalText(node, "identity", "evidence.identity", errors);
        Identity identity = Identity.CLAIMED;
        if ("verified".equals(identityText)) {
            identity = Identity.VERIFIED;
        } else if (identityText != null && !"claimed".equals(identityText)) {
            errors.add(FieldError.of("evidence.identity", "must be claimed or verified"));
        }
        return new AccessEvent.Evidence(apiClientId, userAgent, clientIp, requestId, identity)
                .withHttpSignature(httpSignature(node.get("httpSignature"), errors));
    }

    /** {@code evidence.httpSignature}: the fields a gateway saw, checked for shape only; ingest verifies them. */
    private static AccessEvent.HttpSignature httpSignature(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(FieldError.of("evidence.httpSignature", "must be an object"));
            return null;
        }
        rejectUnknown(node, SIGNATURE_FIELDS, "evidence.httpSignature.", errors);
        String signature = signatureField(node, "signature", 8192, true, errors);
        String input = signatureField(node, "signatureInput", 8192, true, errors);
        String agent = signatureField(node, "signatureAgent", 2048, false, errors);
        String method = signatureField(node, "method", 16, false, errors);
        String authority = signatureField(node, "authority", 256, false, errors);
        String path = signatureField(node, "path", 2048, false, errors);
        if (signature == null || input == null) {
            return null;
        }
        return new AccessEvent.HttpSignature(signature, input, agent, method, authority, path);
    }

    private static String signatureField(
            JsonNode node, String field, int maxLength, boolean required, List<FieldError> errors) {
        String path = "evidence.httpSignature." + field;
        String value = required ? requiredText(node, field, path, errors) : optionalText(node, field, path, errors);
        if (value != null && value.length() > maxLength) {
            errors.add(FieldError.of(path, "must be at most " + maxLength + " characters"));
            return null;
        }
        if (value != null && value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            // A field value holds no control characters (RFC 9110 §5.5); one here would forge a signature base line.
            errors.add(FieldError.of(path, "must not hold control characters"));
            return null;
        }
        return value;
    }

    private static String bounded(JsonNode node, String field, int maxLength, List<FieldError> errors) {
        String value = optionalText(node, field, "evidence." + field, errors);
        if (value != null && value.length() > maxLength) {
            errors.add(FieldError.of("evidence." + field, "must be at most " + maxLength + " characters"));
            return null;
        }
        return value;
    }

    private static void rejectUnknown(JsonNode node, Set<String> known, String prefix, List<FieldError> errors) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (prefix.isEmpty() && STAMPED.contains(name)) {
                errors.add(FieldError.of(name, "is set by ingest; leave it out"));
            } else if (!known.contains(name)) {
                errors.add(FieldError.of(prefix + name, "is not a field of an access event"));
            }
        }
    }

    private static String requiredText(JsonNode node, String field, List<FieldError> errors) {
        return requiredText(node, field, field, errors);
    }

    private static String requiredText(JsonNode node, String field, String path, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null
                || value.isNull()
                || (value.isTextual() && value.textValue().isBlank())) {
            errors.add(FieldError.of(path, "is required"));
            return null;
        }
        return optionalText(node, field, path, errors);
    }

    private static String optionalText(JsonNode node, String field, List<FieldError> errors) {
        return optionalText(node, field, field, errors);
    }

    private static String optionalText(JsonNode node, String field, String path, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(FieldError.of(path, "must be a string"));
            return null;
        }
        String text = value.textValue();
        if (text.indexOf('\0') >= 0) {
            errors.add(FieldError.of(path, "must not contain NUL characters"));
            return null;
        }
        int control = firstControl(text);
        if (control >= 0) {
            errors.add(FieldError.of(
                    path,
                    String.format(
                            "must not contain control characters (U+%04X at %d): they corrupt logs and notices,"
                                    + " and PostgreSQL refuses some of them",
                            (int) text.charAt(control), control)));
            return null;
        }
        return text;
    }

    /** The index of the first C0 control, DEL or C1 control (Unicode Cc), or -1. */
    private static int firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return i;
            }
        }
        return -1;
    }
}
