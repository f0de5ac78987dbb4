package org.termsguard.ingest.verification;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The key directory a request's {@code Signature-Agent} names, fetched from that origin's {@code
 * /.well-known/http-message-signatures-directory} when no web-bot-auth source holds the origin
 * (draft-ietf-webbotauth-httpsig-protocol: the agent is identified by the (URL, key) pair, so a signature that verifies
 * with a key the origin publishes is that origin's). The origin's host is the operator it identifies.
 *
 * @param origin the Signature-Agent's origin ({@code scheme://host[:port]})
 * @param keys the directory as fetched
 * @param fetchedAt when it was fetched: its keys are known to have been published then, not before
 */
public record AgentDirectory(URI origin, KeyDirectorySnapshot keys, Instant fetchedAt) {

    /** The id under which a host not usable as a consumer id (too long, say) is reported. */
    public static final String UNNAMED = "signature-agent";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    public AgentDirectory {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }

    /** Looks an origin's directory up while a request is judged. */
    @FunctionalInterface
    public interface Lookup {
        /** The directory, or why there is none (not fetched in time, refused by the SSRF guard, unreadable, …). */
        Answer directoryOf(URI origin);

        /** Never looks anything up: only configured sources' directories verify. */
        Lookup NONE = origin -> new Answer(null, "Signature-Agent directories are not looked up");
    }

    /** A directory, or the reason there is none. */
    public record Answer(AgentDirectory directory, String reason) {}

    /**
     * The source this directory stands for in a verdict: operator the origin's host, consumer the host too (DESIGN.md's
     * id syntax allows dots), so an unknown agent's signed use is attributed to the origin that vouches for it.
     */
    public VerificationSource asSource() {
        String host = origin.getHost().toLowerCase(Locale.ROOT);
        String id = ID.matcher(host).matches() ? host : UNNAMED;
        return new VerificationSource(
                id, host, id, List.of(), SourceKind.WEB_BOT_AUTH, origin, List.of(), Duration.ofHours(1));
    }

    /** {@code scheme://host[:port]} of a Signature-Agent URL, lower case, or null when it is not an absolute http(s) URL. */
    public static URI originOf(String signatureAgent) {
        try {
            URI url = URI.create(signatureAgent.trim());
            String scheme = url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT);
            if (!("https".equals(scheme) || "http".equals(scheme))
                    || url.getHost() == null
                    || url.getRawUserInfo() != null) {
                return null;
            }
            return new URI(scheme, null, url.getHost().toLowerCase(Locale.ROOT), url.getPort(), null, null, null);
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return null;
        }
    }
}
