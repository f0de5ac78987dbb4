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
 */
public final class CrawlerRegistry {

    private static final String ROBOTS_RESOURCE = "/crawlers/ai-robots-txt.json";
    private static final String CURATED_RESOURCE = "/crawlers/termsguard-crawlers.json";
    private static final Pattern URLS_AND_MAILS =
            Pattern.compile("\\+?[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s;)]*|[^\\s;()]+@[^\\s;()]+");
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[^A-Za-z0-9_.-]+");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\]]+)\\]\\([^)]*\\)");
    private static final String UNCLEAR = "Unclear at this time.";

    private final List<Crawler> crawlers;
    private final Map<String, Crawler> byWord;
    private final List<Crawler> multiWord;

    private CrawlerRegistry(List<Crawler> crawlers) {
        this.crawlers = List.copyOf(crawlers);
        this.byWord = new HashMap<>();
        this.multiWord = new ArrayList<>();
        for (Crawler crawler : crawlers) {
            String key = crawler.token().toLowerCase(Locale.ROOT);
            if (WORD_SEPARATORS.matcher(key).find()) {
                multiWord.add(crawler);
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

    /** The crawler a full user-agent string names, if any. */
    public Optional<Crawler> match(String userAgent) {
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
        if (!multiWord.isEmpty()) {
            String normalized =
                    " " + String.join(" ", WORD_SEPARATORS.split(words)).toLowerCase(Locale.ROOT) + " ";
            for (Crawler crawler : multiWord) {
                String token = " "
                        + String.join(" ", WORD_SEPARATORS.split(crawler.token().toLowerCase(Locale.ROOT))) + " ";
                if (normalized.contains(token)
                        && (best == null
                                || crawler.token().length() > best.token().length())) {
                    best = crawler;
                }
            }
        }
        return Optional.ofNullable(best);
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
