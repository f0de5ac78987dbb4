package org.termsguard.policy.terms;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An owner's robots.txt, judged per RFC 9309 by crawler-commons: the group of the crawler's product token (else
 * {@code *}) applies; within it the longest matching rule wins and Allow beats Disallow on a tie (§2.2.2);
 * {@code *} and {@code $} are honoured. Rules are parsed once per token and kept.
 */
public final class RobotsRules {

    /** Paths of events that name no host are judged against this placeholder host. */
    private static final String PLACEHOLDER_SITE = "https://owner.invalid";

    /** Most token sets whose parsed rules are kept. */
    static final int MAX_KEPT = 1024;

    private final byte[] content;
    private final Map<String, BaseRobotRules> byToken = new ConcurrentHashMap<>();

    public RobotsRules(String robotsTxt) {
        this.content = robotsTxt.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the crawler with product token {@code token} may fetch {@code uri} (absolute, or a path). */
    public boolean allows(String token, String uri) {
        return rules(token.toLowerCase(Locale.ROOT)).isAllowed(absolute(uri));
    }

    /**
     * Whether a crawler whose user agent names {@code tokens} may fetch {@code uri}: the group of whichever token a
     * {@code user-agent} line names applies, else {@code *} (RFC 9309 §2.2.1), for crawlers no registry knows.
     */
    public boolean allows(List<String> tokens, String uri) {
        if (tokens.size() == 1) {
            return allows(tokens.get(0), uri);
        }
        return rules(String.join("\n", tokens).toLowerCase(Locale.ROOT)).isAllowed(absolute(uri));
    }

    // Tokens now come from any user agent, so the parsed groups kept are bounded: past the bound a new token's
    // rules are parsed for the one decision and dropped.
    private BaseRobotRules rules(String key) {
        BaseRobotRules known = byToken.get(key);
        if (known != null) {
            return known;
        }
        BaseRobotRules parsed = parse(List.of(key.split("\n")));
        if (byToken.size() < MAX_KEPT) {
            byToken.putIfAbsent(key, parsed);
        }
        return parsed;
    }

    private BaseRobotRules parse(List<String> tokens) {
        SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
        parser.setExactUserAgentMatching(true);
        return parser.parseContent(PLACEHOLDER_SITE + "/robots.txt", content, "text/plain", tokens);
    }

    private static String absolute(String uri) {
        if (uri == null || uri.isEmpty()) {
            return PLACEHOLDER_SITE + "/";
        }
        try {
            URI parsed = URI.create(uri);
            if (parsed.isAbsolute()) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // Judged as a path below.
        }
        return PLACEHOLDER_SITE + (uri.startsWith("/") ? uri : "/" + uri);
    }
}
