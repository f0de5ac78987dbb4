package org.termsguard.ingest.accesslogs;

import java.util.List;
import java.util.Locale;
import org.termsguard.contracts.events.Channel;

/**
 * Which channel and resource kind a request that no known crawler made belongs to, by its path: feeds by their
 * usual paths and suffixes, everything else as {@code api}.
 *
 * @param feedPatterns a path is a feed when it ends with one of these, or contains one followed by {@code /}
 */
public record PathRules(List<String> feedPatterns) {

    public static final PathRules DEFAULT =
            new PathRules(List.of("/feed", "/rss", "/atom", ".rss", ".atom", "/feed.xml", "/rss.xml"));

    public Channel channelOf(String path) {
        return isFeed(path) ? Channel.FEED : Channel.API;
    }

    /** {@code feed} for feeds, {@code page} for everything else. */
    public String kindOf(String path) {
        return isFeed(path) ? "feed" : "page";
    }

    private boolean isFeed(String path) {
        String p = withoutQuery(path).toLowerCase(Locale.ROOT);
        for (String pattern : feedPatterns) {
            if (p.endsWith(pattern) || p.endsWith(pattern + "/") || p.contains(pattern + "/")) {
                return true;
            }
        }
        return false;
    }

    static String withoutQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
