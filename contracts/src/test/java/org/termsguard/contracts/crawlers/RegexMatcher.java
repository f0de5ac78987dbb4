package org.termsguard.contracts.crawlers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link CrawlerRegistry#match}'s regular-expression matcher as it was before issue #17 (quadratic on long user
 * agents), kept as the oracle the linear matcher must agree with on every user agent within the considered length.
 */
final class RegexMatcher {

    private static final Pattern URLS_AND_MAILS =
            Pattern.compile("\\+?[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s;)]*|[^\\s;()]+@[^\\s;()]+");
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[^A-Za-z0-9_.-]+");

    private final Map<String, Crawler> byWord = new HashMap<>();
    private final List<Crawler> multiWord = new ArrayList<>();

    RegexMatcher(List<Crawler> crawlers) {
        for (Crawler crawler : crawlers) {
            String key = crawler.token().toLowerCase(Locale.ROOT);
            if (WORD_SEPARATORS.matcher(key).find()) {
                multiWord.add(crawler);
            } else {
                byWord.put(key, crawler);
            }
        }
    }

    Optional<Crawler> match(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return Optional.empty();
        }
        String words = URLS_AND_MAILS.matcher(userAgent).replaceAll(" ");
        Crawler best = null;
        for (String word : WORD_SEPARATORS.split(words)) {
            Crawler found = byWord.get(word.toLowerCase(Locale.ROOT));
            if (found != null
                    && (best == null || found.token().length() > best.token().length())) {
                best = found;
            }
        }
        String normalized = " " + String.join(" ", WORD_SEPARATORS.split(words)).toLowerCase(Locale.ROOT) + " ";
        for (Crawler crawler : multiWord) {
            String token =
                    " " + String.join(" ", WORD_SEPARATORS.split(crawler.token().toLowerCase(Locale.ROOT))) + " ";
            if (normalized.contains(token)
                    && (best == null || crawler.token().length() > best.token().length())) {
                best = crawler;
            }
        }
        return Optional.ofNullable(best);
    }

    static String withoutUrlsAndMails(String userAgent) {
        return URLS_AND_MAILS.matcher(userAgent).replaceAll(" ");
    }
}
