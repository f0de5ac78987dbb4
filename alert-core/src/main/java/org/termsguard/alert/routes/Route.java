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
                .map(r -> r.withSecret(r.secret() == null ? null : HIDDEN_SECRET))
                .toList());
    }

    /**
     * What {@link #keepingHiddenSecretsOf} made of a route sent back.
     *
     * @param unmatched the index of each receiver whose placeholder matches no stored secret; the route is valid
     *     only when there is none
     */
    public record SecretsKept(Route route, List<Integer> unmatched) {}

    /**
     * This route, as sent back by someone who read it with {@link #withoutSecrets()}: a receiver whose secret is
     * {@link #HIDDEN_SECRET} keeps the secret {@code stored} has for the receiver of the same type and URL, so that
     * saving a route as it was read does not overwrite each secret with the placeholder.
     */
    public SecretsKept keepingHiddenSecretsOf(Route stored) {
        List<Receiver> kept = new java.util.ArrayList<>();
        List<Integer> unmatched = new java.util.ArrayList<>();
        for (int i = 0; i < receivers.size(); i++) {
            Receiver receiver = receivers.get(i);
            if (!HIDDEN_SECRET.equals(receiver.secret())) {
                kept.add(receiver);
                continue;
            }
            var same = stored.receivers().stream()
                    .filter(s -> s.type() == receiver.type()
                            && java.util.Objects.equals(s.url(), receiver.url())
                            && s.secret() != null)
                    .findFirst();
            if (same.isEmpty()) {
                unmatched.add(i);
                kept.add(receiver);
            } else {
                kept.add(receiver.withSecret(same.get().secret()));
            }
        }
        return new SecretsKept(withReceivers(kept), List.copyOf(unmatched));
    }

    /**
     * This route as those who may only read it see it: no secret at all, and each URL cut to its scheme and host,
     * since webhook URLs often carry credentials in their path, query or user info.
     */
    public Route forReaders() {
        return withReceivers(receivers.stream()
                .map(r -> new Receiver(
                        r.type(), maskedUrl(r.url()), null, r.to(), r.minSeverity(), r.requireVerifiedIdentity()))
                .toList());
    }

    /** A copy with other receivers (e.g. their secrets sealed for storage). */
    public Route withReceivers(List<Receiver> others) {
        return new Route(groupWait, groupInterval, repeatInterval, resolveAfter, others);
    }

    /** {@code scheme://host[:port]/…} of a URL, without user info, path, query or fragment; {@code …} if unreadable. */
    public static String maskedUrl(String url) {
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
     * @param requireVerifiedIdentity hear of an incident only while every one of its events has a verified identity
     *     ({@code evidence.identity: verified}: a valid Web Bot Auth signature, the operator's published list, or
     *     forward-confirmed DNS): for receivers that put a notice before the operator it names, where a claimed user
     *     agent is not enough. Other deliveries are recorded as {@code held}, with the count, and not sent.
     */
    public record Receiver(
            ReceiverType type,
            String url,
            String secret,
            List<String> to,
            Severity minSeverity,
            boolean requireVerifiedIdentity) {
        // The canonical constructor reads JSON: the shorter one below is for code only.
        @com.fasterxml.jackson.annotation.JsonCreator
        public Receiver {
            to = to == null ? List.of() : List.copyOf(to);
            minSeverity = minSeverity == null ? Severity.INFO : minSeverity;
        }

        /** A receiver that hears incidents whatever their identity (routes written before the option). */
        public Receiver(ReceiverType type, String url, String secret, List<String> to, Severity minSeverity) {
            this(type, url, secret, to, minSeverity, false);
        }

        /** The same receiver with another secret (sealed for storage, or opened after it). */
        public Receiver withSecret(String other) {
            return new Receiver(type, url, other, to, minSeverity, requireVerifiedIdentity);
        }

        public boolean hears(Severity severity) {
            return severity.atLeast(minSeverity);
        }
    }
}
