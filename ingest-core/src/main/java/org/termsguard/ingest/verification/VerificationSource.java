package org.termsguard.ingest.verification;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an operator publishes what identifies its crawlers ({@code PUT /v1/verification/sources/{sourceId}}).
 *
 * @param sourceId the source's id, in DESIGN.md's id syntax ({@code [a-z0-9][a-z0-9._-]{0,62}})
 * @param operator who runs the crawlers, e.g. {@code OpenAI}
 * @param consumer the operator's consumer id, e.g. {@code openai}
 * @param tokens the user-agent product tokens the source speaks for, e.g. {@code GPTBot}; may be empty for a key
 *     directory, whose signatures identify the operator without a user agent
 * @param kind what is published
 * @param url where it is published: the list's or directory's URL (https), or the Signature-Agent origin whose
 *     key directory a web-bot-auth source holds; null when snapshots are only uploaded (ip-ranges) — required for
 *     web-bot-auth, since a signature is attributed to the Signature-Agent it names (draft-ietf-webbotauth-httpsig-
 *     protocol, "Key lookup MUST be keyed on the (URL, key) pair")
 * @param hostnameSuffixes for reverse-dns, the domains the crawlers' host names are under, e.g. {@code googlebot.com};
 *     stored lower case without leading or trailing dots
 * @param refresh how often the URL is fetched in production; null for uploaded-only sources
 */
public record VerificationSource(
        String sourceId,
        String operator,
        String consumer,
        List<String> tokens,
        SourceKind kind,
        URI url,
        List<String> hostnameSuffixes,
        Duration refresh) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.-]+( [A-Za-z0-9_.-]+)*");
    private static final Pattern HOSTNAME =
            Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

    public VerificationSource {
        Objects.requireNonNull(kind, "kind");
        require(sourceId != null && ID.matcher(sourceId).matches(), "sourceId must match [a-z0-9][a-z0-9._-]{0,62}");
        require(consumer != null && ID.matcher(consumer).matches(), "consumer must match [a-z0-9][a-z0-9._-]{0,62}");
        require(operator != null && !operator.isBlank(), "operator is required");
        tokens = List.copyOf(tokens == null ? List.of() : tokens);
        for (String token : tokens) {
            require(TOKEN.matcher(token).matches(), "token " + token + " is not a product token");
        }
        hostnameSuffixes = (hostnameSuffixes == null ? List.<String>of() : hostnameSuffixes)
                .stream().map(VerificationSource::suffix).toList();
        for (String suffix : hostnameSuffixes) {
            require(HOSTNAME.matcher(suffix).matches(), "hostname suffix " + suffix + " is not a domain name");
        }
        // http is only for local test servers: the service refuses it unless verification.refresh.allow-http is set,
        // as webhooks do (net.TargetPolicy).
        require(
                url == null
                        || (("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme()))
                                && url.getHost() != null),
                "url must be https");
        require(refresh == null || refresh.compareTo(Duration.ofMinutes(1)) >= 0, "refresh must be PT1M or more");
        switch (kind) {
            case REVERSE_DNS -> require(!hostnameSuffixes.isEmpty(), "a reverse-dns source needs hostnameSuffixes");
            case WEB_BOT_AUTH -> require(url != null, "a web-bot-auth source needs the Signature-Agent url");
            case IP_RANGES -> {}
        }
        require(kind == SourceKind.WEB_BOT_AUTH || !tokens.isEmpty(), "an " + kind.token() + " source needs tokens");
    }

    private static String suffix(String suffix) {
        String s = suffix.trim().toLowerCase(Locale.ROOT);
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
