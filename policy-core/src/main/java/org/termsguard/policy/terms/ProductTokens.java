package org.termsguard.policy.terms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The product tokens a user agent names, so that a crawler no registry knows is still judged by the robots.txt group
 * of its own name (RFC 9309 §2.2.1: crawlers match their product token against {@code user-agent} lines
 * case-insensitively). A User-Agent is products and comments (RFC 9110 §10.1.5); crawlers put their token either
 * first ({@code FooBot/1.2}) or in the comment of a browser-like string ({@code Mozilla/5.0 (compatible;
 * FooBot/1.2; +https://foo.example/bot)}), so both are read, in order.
 */
public final class ProductTokens {

    /**
     * A word of product-token characters (RFC 9309 §2.2.1: letters, "_" and "-"; digits occur in practice), not inside
     * another word, a version, a URL or an address: not after a letter, digit, ".", "/", "+", ":" or "@", and not
     * followed by ".", ":" or "@" (a host name, a scheme, a mailbox).
     */
    private static final Pattern PRODUCT =
            Pattern.compile("(?<![A-Za-z0-9_.+:/@-])([A-Za-z][A-Za-z0-9_-]{0,63})(?![A-Za-z0-9_.:@-])");

    /** Tokens of browsers and engines that browser-like crawler user agents carry; never a crawler's own name. */
    private static final Set<String> BROWSER_TOKENS = Set.of(
            "mozilla",
            "applewebkit",
            "khtml",
            "like",
            "gecko",
            "chrome",
            "safari",
            "compatible",
            "mobile",
            "version",
            "edg",
            "firefox",
            "windows",
            "linux",
            "macintosh",
            "x11",
            "android",
            "iphone",
            "cpu",
            "os",
            "u",
            "nt",
            "win64",
            "x64",
            "intel",
            "mac",
            "x",
            "en",
            "en-us",
            "http",
            "https",
            "www",
            "bot.html",
            "headlesschrome",
            "x86_64",
            "rv",
            "wow64",
            "ipad",
            "arm64");

    private static final int MAX_LENGTH = 1024;
    private static final int MAX_TOKENS = 8;

    private ProductTokens() {}

    /**
     * The crawler names in {@code userAgent}, in the order they appear, browser and engine tokens left out; at most
     * eight. Empty for a null, blank or browser-only user agent.
     */
    public static List<String> of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return List.of();
        }
        String text = userAgent.length() > MAX_LENGTH ? userAgent.substring(0, MAX_LENGTH) : userAgent;
        List<String> tokens = new ArrayList<>(2);
        Matcher m = PRODUCT.matcher(text);
        while (m.find() && tokens.size() < MAX_TOKENS) {
            String token = m.group(1);
            String lower = token.toLowerCase(Locale.ROOT);
            if (!BROWSER_TOKENS.contains(lower) && tokens.stream().noneMatch(t -> t.equalsIgnoreCase(token))) {
                tokens.add(token);
            }
        }
        return List.copyOf(tokens);
    }
}
