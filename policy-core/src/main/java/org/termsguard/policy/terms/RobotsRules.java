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

    private final byte[] content;
    private final Map<String, BaseRobotRules> byToken = new ConcurrentHashMap<>();

    public RobotsRules(String robotsTxt) {
        this.content = robotsTxt.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the crawler with product token {@code token} may fetch {@code uri} (absolute, or a path). */
    public boolean allows(String token, String uri) {
        BaseRobotRules rules = byToken.computeIfAbsent(token.toLowerCase(Locale.ROOT), this::parse);
        return rules.isAllowed(absolute(uri));
    }

    private BaseRobotRules parse(String token) {
        SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
        parser.setExactUserAgentMatching(true);
        return parser.parseContent(PLACEHOLDER_SITE + "/robots.txt", content, "text/plain", List.of(token));
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
