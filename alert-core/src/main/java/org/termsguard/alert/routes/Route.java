package org.termsguard.alert.routes;

import java.time.Duration;
import java.util.List;
import org.termsguard.contracts.violations.Severity;

/**
 * How an owner's incidents are timed and where they are sent, Alertmanager-style: wait {@code groupWait} before
 * the first notification (so a burst arrives as one), at least {@code groupInterval} between updates, repeat every
 * {@code repeatInterval} while open, and resolve after {@code resolveAfter} without a new violation.
 */
public record Route(
        Duration groupWait,
        Duration groupInterval,
        Duration repeatInterval,
        Duration resolveAfter,
        List<Receiver> receivers) {

    public Route {
        groupWait = groupWait == null ? DEFAULT_GROUP_WAIT : groupWait;
        groupInterval = groupInterval == null ? Duration.ofMinutes(5) : groupInterval;
        repeatInterval = repeatInterval == null ? Duration.ofHours(4) : repeatInterval;
        resolveAfter = resolveAfter == null ? Duration.ofHours(24) : resolveAfter;
        receivers = receivers == null ? List.of() : List.copyOf(receivers);
    }

    private static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);

    /** What is shown in place of a secret, to those who may change the route. */
    public static final String HIDDEN_SECRET = "********";

    /** This route as those who may change it see it: every secret hidden, URLs whole. */
    public Route withoutSecrets() {
        return withReceivers(receivers.stream()
                .map(r -> new Receiver(
                        r.type(), r.url(), r.secret() == null ? null : HIDDEN_SECRET, r.to(), r.minSeverity()))
                .toList());
    }

    /**
     * This route as those who may only read it see it: no secret at all, and each URL cut to its scheme and host,
     * since webhook URLs often carry credentials in their path, query or user info.
     */
    public Route forReaders() {
        return withReceivers(receivers.stream()
                .map(r -> new Receiver(r.type(), maskedUrl(r.url()), null, r.to(), r.minSeverity()))
                .toList());
    }

    /** A copy with other receivers (e.g. their secrets sealed for storage). */
    public Route withReceivers(List<Receiver> others) {
        return new Route(groupWait, groupInterval, repeatInterval, resolveAfter, others);
    }

    /** {@code scheme://host[:port]/…} of a URL, without user info, path, query or fragment; {@code …} if unreadable. */
    static String maskedUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "…";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/…";
        } catch (java.net.URISyntaxException e) {
            return "…";
        }
    }

    /**
     * Where alerts go.
     *
     * @param type {@code webhook} (Termsguard's JSON, signed), {@code alertmanager} (v4 payload) or {@code email};
     *     null when the route named another
     * @param secret the HMAC key of a webhook's {@code Termsguard-Signature}
     * @param minSeverity the least severe incident this receiver hears of; default {@code info}
     */
    public record Receiver(ReceiverType type, String url, String secret, List<String> to, Severity minSeverity) {
        public Receiver {
            to = to == null ? List.of() : List.copyOf(to);
            minSeverity = minSeverity == null ? Severity.INFO : minSeverity;
        }

        /** The same receiver with another secret (sealed for storage, or opened after it). */
        public Receiver withSecret(String other) {
            return new Receiver(type, url, other, to, minSeverity);
        }

        public boolean hears(Severity severity) {
            return severity.atLeast(minSeverity);
        }
    }
}
