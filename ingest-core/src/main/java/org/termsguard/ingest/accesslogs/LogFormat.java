package org.termsguard.ingest.accesslogs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The format of an access-log upload: one of the formats Termsguard knows by name, or {@code custom} with the nginx
 * {@code log_format} / Apache {@code LogFormat} string that wrote the log.
 *
 * @param logFormat the format string of {@link Name#CUSTOM}; null for every other format
 */
public record LogFormat(Name name, String logFormat) {

    /** The longest logFormat read; real ones are a few hundred characters. */
    public static final int MAX_LOG_FORMAT = 2048;

    /** The formats, by the names the {@code format} query parameter takes. */
    public enum Name {
        COMBINED("combined", false),
        COMMON("common", false),
        VHOST_COMBINED("vhost_combined", false),
        JSON("json", true),
        CLOUDFLARE("cloudflare", true),
        CLOUDFRONT("cloudfront", false),
        W3C("w3c", false),
        ALB("alb", false),
        GCP_LB("gcp-lb", true),
        ENVOY("envoy", false),
        CADDY("caddy", true),
        CUSTOM("custom", false);

        private final String token;
        private final boolean json;

        Name(String token, boolean json) {
            this.token = token;
            this.json = json;
        }

        /** The name as the {@code format} parameter writes it. */
        public String token() {
            return token;
        }

        /** Whether the format's records are JSON objects, so that a body may also be a JSON array of them. */
        public boolean json() {
            return json;
        }

        public static Optional<Name> of(String token) {
            return Arrays.stream(values())
                    .filter(name -> name.token.equals(token.toLowerCase(Locale.ROOT)))
                    .findFirst();
        }

        static String all() {
            return Arrays.stream(values()).map(Name::token).collect(Collectors.joining(", "));
        }
    }

    /** A format or logFormat that cannot be used; {@code field} is the query parameter at fault. */
    public static final class Invalid extends Exception {
        private final String field;

        public Invalid(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        /** {@code format} or {@code logFormat}. */
        public String field() {
            return field;
        }
    }

    public LogFormat {
        if (name == null) {
            throw new IllegalArgumentException("a log format has a name");
        }
        if ((name == Name.CUSTOM) != (logFormat != null)) {
            throw new IllegalArgumentException("a logFormat goes with format custom, and only with it");
        }
    }

    /** A named format other than custom. */
    public static LogFormat of(Name name) {
        return new LogFormat(name, null);
    }

    /**
     * The format of the {@code format} and {@code logFormat} query parameters.
     *
     * @param name a {@link Name#token()}, case-insensitive; null or blank means {@code combined}
     * @param logFormat required with {@code custom}, refused with any other format
     * @throws Invalid naming the parameter at fault and why, e.g. an unknown name or a logFormat that logs no time
     */
    public static LogFormat of(String name, String logFormat) throws Invalid {
        Name parsed = name == null || name.isBlank()
                ? Name.COMBINED
                : Name.of(name.strip()).orElseThrow(() -> new Invalid("format", "must be one of " + Name.all()));
        if (parsed != Name.CUSTOM) {
            if (logFormat != null && !logFormat.isEmpty()) {
                throw new Invalid("logFormat", "is read only with format=custom");
            }
            return of(parsed);
        }
        if (logFormat == null || logFormat.isBlank()) {
            throw new Invalid("logFormat", "is required with format=custom: the log_format or LogFormat string");
        }
        if (logFormat.length() > MAX_LOG_FORMAT) {
            throw new Invalid("logFormat", "must be at most " + MAX_LOG_FORMAT + " characters");
        }
        for (int i = 0; i < logFormat.length(); i++) {
            char c = logFormat.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                throw new Invalid("logFormat", String.format("must not contain control characters (U+%04X)", (int) c));
            }
        }
        CustomLog.of(logFormat);
        return new LogFormat(Name.CUSTOM, logFormat);
    }

    /** Whether an upload may also be a JSON array of records. */
    public boolean acceptsJsonArray() {
        return name.json();
    }

    /** A reader for one upload, which may keep state from line to line. */
    LogReader newReader() {
        return switch (name) {
            case COMBINED, COMMON -> new CombinedLog(false);
            case VHOST_COMBINED -> new CombinedLog(true);
            case CLOUDFRONT -> new W3cLog(true);
            case W3C -> new W3cLog(false);
            case ALB -> new AlbLog();
            case ENVOY -> new EnvoyLog();
            case CUSTOM -> custom();
            case JSON, CLOUDFLARE, GCP_LB, CADDY -> new JsonLines(jsonLog());
        };
    }

    /** How a record of a JSON format reads; only for formats whose {@link Name#json()} is true. */
    JsonLog jsonLog() {
        return switch (name) {
            case JSON -> new NginxJsonLog();
            case CLOUDFLARE -> new CloudflareLog();
            case GCP_LB -> new GcpLoadBalancerLog();
            case CADDY -> new CaddyLog();
            default -> throw new IllegalStateException(name.token() + " is not a JSON format");
        };
    }

    private LogReader custom() {
        try {
            return CustomLog.of(logFormat);
        } catch (Invalid e) {
            // Only a value made with the constructor rather than of(String, String) gets here.
            throw new IllegalArgumentException("logFormat " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return logFormat == null ? name.token() : name.token() + " " + logFormat;
    }
}
