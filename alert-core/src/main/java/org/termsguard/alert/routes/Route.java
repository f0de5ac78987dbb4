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

        public boolean hears(Severity severity) {
            return severity.atLeast(minSeverity);
        }
    }
}
