package org.termsguard.contracts.crawlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.termsguard.contracts.events.Purpose;

/**
 * Known AI and search crawlers, and which of them a user-agent string names.
 *
 * <p>Matching follows the product-token idea of RFC 9309 §2.2.1: a crawler matches when its token appears as a
 * whole word of the user agent, case-insensitively, ignoring versions ({@code GPTBot/1.2}); URLs and e-mail
 * addresses inside the user agent are skipped, so {@code +https://example.com/ccbot} names nobody. Look-alikes
 * such as {@code NotGPTBot} or {@code GPTBotanist} do not match. When several tokens match, the longest wins
 * ({@code Applebot-Extended} over {@code Applebot}).
 *
 * <p>User agents are outsiders' input, so matching is linear in their length and looks at a bounded prefix: the
 * first {@value #CONSIDERED_LENGTH} characters, cut back to the last space, {@code ;} or {@code )} within them (no
 * URL, e-mail address or word spans those, so the cut never turns a look-alike or an address into a match). Every
 * documented crawler user agent is far shorter (the longest, Googlebot's smartphone one, has under 200 characters);
 * a token that only appears beyond the bound is not seen. URLs and e-mail addresses are found by a single left-to-right
 * scan, words by splitting, and multi-word tokens by comparing word sequences indexed by their first word: no
 * backtracking regular expression touches the user agent.
 */
public final class CrawlerRegistry {

    private static final String ROBOTS_RESOURCE = "/crawlers/ai-robots-txt.json";
    private static final String CURATED_RESOURCE = "/crawlers/termsguard-crawlers.json";
    /** How much of a user agent is looked at (see the class comment). */
    public static final int CONSIDERED_LENGTH = 1024;

    private static final Pattern WORD_SEPARATORS = Pattern.compile("[^A-Za-z0-9_.-]+");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\]]+)\\]\\([^)]*\\)");
    private static final String UNCLEAR = "Unclear at this time.";

    private final List<Crawler> crawlers;
    private final Map<String, Crawler> byWord;
    private final List<Crawler> multiWord;
    /** Each multi-word crawler's words, lower case, under its first word. */
    private final Map<String, List<Phrase>> phrasesByFirstWord;

    private record Phrase(Crawler crawler, List<String> words) {}

    private CrawlerRegistry(List<Crawler> crawlers) {
        this.crawlers = List.copyOf(crawlers);
        this.byWord = new HashMap<>();
        this.multiWord = new ArrayList<>();
        this.phrasesByFirstWord = new HashMap<>();
        for (Crawler crawler : crawlers) {
            String key = crawler.token().toLowerCase(Locale.ROOT);
            if (WORD_SEPARATORS.matcher(key).find()) {
                multiWord.add(crawler);
                List<String> words = words(key);
                if (!words.isEmpty()) {
                    phrasesByFirstWord
                            .computeIfAbsent(words.get(0), w -> new ArrayList<>())
                            .add(new Phrase(crawler, words));
                }
            } else {
                byWord.put(key, crawler);
            }
        }
    }

    /** The registry bundled with Termsguard: ai.robots.txt's snapshot plus Termsguard's curation. */
    public static CrawlerRegistry bundled() {
        try (InputStream robots = CrawlerRegistry.class.getResourceAsStream(ROBOTS_RESOURCE);
                InputStream curated = CrawlerRegistry.class.getResourceAsStream(CURATED_RESOURCE)) {
            return load(robots, curated);
        } catch (IOException e) {
            throw new UncheckedIOException("The bundled crawler registry cannot be read", e);
        }
    }

    /** Merges an ai.robots.txt {@code robots.json} with a Termsguard curation file; curated entries win. */
    public static CrawlerRegistry load(InputStream robotsJson, InputStream curatedJson) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode curated = json.readTree(curatedJson);
        Map<String, String> operators = new HashMap<>();
        curated.path("operators")
                .fields()
                .forEachRemaining(e -> operators.put(e.getKey(), e.getValue().asText()));

        Map<String, Crawler> merged = new LinkedHashMap<>();
        JsonNode robots = json.readTree(robotsJson);
        for (Iterator<Map.Entry<String, JsonNode>> agents = robots.fields(); agents.hasNext(); ) {
            var agent = agents.next();
            String token = withoutVersion(agent.getKey());
            String operator = operatorName(agent.getValue().path("operator").asText(UNCLEAR));
            String function = agent.getValue().path("function").asText("");
            String consumer = operators.getOrDefault(operator, slug(operator == null ? token : operator));
            merged.put(
                    token.toLowerCase(Locale.ROOT),
                    new Crawler(token, consumer, operator, purposeOf(function), function, "ai.robots.txt"));
        }
        for (JsonNode entry : curated.path("crawlers")) {
            String token = entry.path("token").asText();
            Crawler known = merged.get(token.toLowerCase(Locale.ROOT));
            String operator = entry.hasNonNull("operator")
                    ? entry.get("operator").asText()
                    : known != null ? known.operator() : null;
            Purpose purpose = Purpose.fromToken(entry.path("purpose").asText())
                    .orElseThrow(
                            () -> new IllegalArgumentException("Curated crawler " + token + " has no valid purpose"));
            merged.put(
                    token.toLowerCase(Locale.ROOT),
                    new Crawler(
                            token,
                            entry.path("consumer").asText(),
                            operator,
                            purpose,
                            entry.path("function").asText(""),
                            "termsguard"));
        }
        List<Crawler> all = new ArrayList<>(merged.values());
        all.sort(Comparator.comparing(c -> c.token().toLowerCase(Locale.ROOT)));
        return new CrawlerRegistry(all);
    }

    public List<Crawler> all() {
        return crawlers;
    }

    /** The crawler a robots.txt {@code User-agent} line or product token names, e.g. {@code gptbot}. */
    public Optional<Crawler> byToken(String token) {
        return Optional.ofNullable(byWord.get(token.toLowerCase(Locale.ROOT))).or(() -> multiWord.stream()
                .filter(c -> c.token().equalsIgnoreCase(token))
                .findFirst());
    }

    /** The crawler a full user-agent string names, if any (within its first {@value #CONSIDERED_LENGTH} characters). */
    public Optional<Crawler> match(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return Optional.empty();
        }
        List<String> words = words(withoutUrlsAndMails(considered(userAgent)));
        Crawler best = null;
        for (String word : words) {
            Crawler found = byWord.get(word);
            if (found != null
                    && (best == null || found.token().length() > best.token().length())) {
                best = found;
            }
        }
        if (!phrasesByFirstWord.isEmpty()) {
            java.util.Set<Crawler> found = new java.util.HashSet<>();
            for (int at = 0; at < words.size(); at++) {
                for (Phrase phrase : phrasesByFirstWord.getOrDefault(words.get(at), List.of())) {
                    int end = at + phrase.words().size();
                    if (end <= words.size() && words.subList(at, end).equals(phrase.words())) {
                        found.add(phrase.crawler());
                    }
                }
            }
            // In registry order, so that ties between equally long tokens fall as they always did.
            for (Crawler crawler : multiWord) {
                if (found.contains(crawler)
                        && (best == null
                                || crawler.token().length() > best.token().length())) {
                    best = crawler;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The first {@link #CONSIDERED_LENGTH} characters, cut back to the last whitespace, {@code ;} or {@code )}: the
     * characters that no URL, e-mail address or word contains, so everything before the cut reads as in the whole.
     */
    static String considered(String userAgent) {
        if (userAgent.length() <= CONSIDERED_LENGTH) {
            return userAgent;
        }
        for (int cut = CONSIDERED_LENGTH; cut >= 0; cut--) {
            char c = userAgent.charAt(cut);
            if (c == ';' || c == ')' || whitespace(c)) {
                return userAgent.substring(0, cut);
            }
        }
        return "";
    }

    /**
     * The user agent with each URL ({@code +?scheme://…} up to whitespace, {@code ;} or {@code )}) and each e-mail
     * address (a run without whitespace, {@code ;}, {@code (} or {@code )} holding an {@code @} with something on
     * both sides) replaced by a space, leftmost first, URLs before addresses at the same place: what the regular
     * expression {@code \+?[a-zA-Z][a-zA-Z0-9+.-]*://[^\s;)]*|[^\s;()]+@[^\s;()]+} did, in one pass
     * instead of one per start position. Where each run ends and where its next {@code @} is are computed from the
     * right first, so each position is decided in constant time.
     */
    static String withoutUrlsAndMails(String text) {
        int n = text.length();
        int[] schemeEnd = new int[n + 1]; // end of the run of [a-zA-Z0-9+.-] starting here
        int[] urlEnd = new int[n + 1]; // end of the run of [^\s;)] starting here
        int[] runEnd = new int[n + 1]; // end of the run of [^\s;()] starting here
        int[] nextAt = new int[n + 1]; // the first '@' at or after here within that run, or -1
        schemeEnd[n] = urlEnd[n] = runEnd[n] = n;
        nextAt[n] = -1;
        for (int i = n - 1; i >= 0; i--) {
            char c = text.charAt(i);
            schemeEnd[i] = schemeCharacter(c) ? schemeEnd[i + 1] : i;
            boolean breaksUrl = whitespace(c) || c == ';' || c == ')';
            urlEnd[i] = breaksUrl ? i : urlEnd[i + 1];
            boolean breaksRun = breaksUrl || c == '(';
            runEnd[i] = breaksRun ? i : runEnd[i + 1];
            nextAt[i] = breaksRun ? -1 : c == '@' ? i : nextAt[i + 1];
        }
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            int end = urlAt(text, i, schemeEnd, urlEnd);
            if (end < 0) {
                end = mailAt(i, runEnd, nextAt);
            }
            if (end < 0) {
                out.append(text.charAt(i));
                i++;
            } else {
                out.append(' ');
                i = end;
            }
        }
        return out.toString();
    }

    /** Where a URL starting at {@code i} ends, or -1. */
    private static int urlAt(String text, int i, int[] schemeEnd, int[] urlEnd) {
        int n = text.length();
        int letter = text.charAt(i) == '+' ? i + 1 : i;
        if (letter >= n || !asciiLetter(text.charAt(letter))) {
            return -1;
        }
        int colon = schemeEnd[letter];
        if (colon + 3 > n || !text.startsWith("://", colon)) {
            return -1;
        }
        return urlEnd[colon + 3];
    }

    /** Where an e-mail address starting at {@code i} ends, or -1: an '@' after i with a character after it. */
    private static int mailAt(int i, int[] runEnd, int[] nextAt) {
        int end = runEnd[i];
        if (end == i || i + 1 >= end) {
            return -1;
        }
        int at = nextAt[i + 1];
        return at >= 0 && at + 1 < end ? end : -1;
    }

    /** The words of {@code text}, lower case: its runs of [A-Za-z0-9_.-]. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean inWord = i < text.length() && wordCharacter(text.charAt(i));
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                words.add(text.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            }
        }
        return words;
    }

    private static boolean asciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean schemeCharacter(char c) {
        return asciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-';
    }

    private static boolean wordCharacter(char c) {
        return asciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    }

    /** {@code \s} of {@link Pattern}: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean whitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** ai.robots.txt's free-text function → the RSL usage token that best describes it. */
    static Purpose purposeOf(String function) {
        String f = function.toLowerCase(Locale.ROOT);
        if (f.contains("assistant")
                || f.contains("agent")
                || f.contains("user-initiated")
                || f.contains("user prompts")) {
            return Purpose.AI_INPUT;
        }
        if (f.contains("search")) {
            return Purpose.AI_INDEX;
        }
        if (f.contains("train")
                || f.contains("scrape")
                || f.contains("scraping")
                || f.contains("data provider")
                || f.contains("dataset")
                || f.contains("llm")) {
            return Purpose.AI_TRAIN;
        }
        return Purpose.AI_ALL;
    }

    private static String operatorName(String operator) {
        if (operator == null || operator.isBlank() || operator.startsWith("Unclear")) {
            return null;
        }
        var link = MARKDOWN_LINK.matcher(operator);
        return link.find() ? link.group(1).trim() : operator.trim();
    }

    /** "Common Crawl Foundation" → "common-crawl-foundation", fitting DESIGN.md's id syntax. */
    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.isEmpty()) {
            slug = "unknown-crawler";
        }
        return slug.length() > 63 ? slug.substring(0, 63).replaceAll("-+$", "") : slug;
    }

    private static String withoutVersion(String token) {
        int slash = token.indexOf('/');
        return slash > 0 ? token.substring(0, slash) : token;
    }
}
