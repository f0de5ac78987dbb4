package org.termsguard.ingest.verification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The verification sources Termsguard knows out of the box. The seven ip-ranges sources are those of
 * {@code shared/data/crawler-ip-ranges} (its SOURCE.md names each list's URL), with which the service seeds their
 * first snapshots. The reverse-dns sources are the host names the operators document for their crawlers: Google's
 * "Verifying Googlebot and other Google crawlers" (googlebot.com, google.com, googleusercontent.com), Apple's
 * "About Applebot" (applebot.apple.com) and Bing's "How to verify Bingbot" (search.msn.com).
 */
public final class BuiltInSources {

    private static final Duration SIX_HOURS = Duration.ofHours(6);

    private BuiltInSources() {}

    public static List<VerificationSource> all() {
        return List.of(
                ranges("openai-gptbot", "OpenAI", "openai", "GPTBot", "https://openai.com/gptbot.json"),
                ranges("openai-searchbot", "OpenAI", "openai", "OAI-SearchBot", "https://openai.com/searchbot.json"),
                ranges(
                        "openai-chatgpt-user",
                        "OpenAI",
                        "openai",
                        "ChatGPT-User",
                        "https://openai.com/chatgpt-user.json"),
                ranges(
                        "google-googlebot",
                        "Google",
                        "google",
                        "Googlebot",
                        "https://developers.google.com/static/search/apis/ipranges/googlebot.json"),
                ranges(
                        "commoncrawl-ccbot",
                        "Common Crawl Foundation",
                        "common-crawl",
                        "CCBot",
                        "https://index.commoncrawl.org/ccbot.json"),
                ranges(
                        "apple-applebot",
                        "Apple",
                        "apple",
                        "Applebot",
                        "https://search.developer.apple.com/applebot.json"),
                ranges(
                        "perplexity-user",
                        "Perplexity",
                        "perplexity",
                        "Perplexity-User",
                        "https://www.perplexity.com/perplexity-user.json"),
                names(
                        "google-googlebot-dns",
                        "Google",
                        "google",
                        "Googlebot",
                        List.of("googlebot.com", "google.com", "googleusercontent.com")),
                names("apple-applebot-dns", "Apple", "apple", "Applebot", List.of("applebot.apple.com")),
                names("microsoft-bingbot-dns", "Microsoft", "microsoft", "Bingbot", List.of("search.msn.com")));
    }

    /**
     * The document a built-in ip-ranges source is first seeded with: the operator's list as published, shipped in
     * {@code ip-ranges/} beside this class with its SOURCE.md (where each came from and when). Empty for other ids.
     */
    public static Optional<byte[]> seedDocument(String sourceId) {
        if (!sourceId.matches("[a-z0-9-]{1,63}")) {
            return Optional.empty();
        }
        try (InputStream in = BuiltInSources.class.getResourceAsStream("ip-ranges/" + sourceId + ".json")) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("A shipped list cannot be read: " + sourceId, e);
        }
    }

    private static VerificationSource ranges(String id, String operator, String consumer, String token, String url) {
        return new VerificationSource(
                id, operator, consumer, List.of(token), SourceKind.IP_RANGES, URI.create(url), List.of(), SIX_HOURS);
    }

    private static VerificationSource names(
            String id, String operator, String consumer, String token, List<String> suffixes) {
        return new VerificationSource(
                id, operator, consumer, List.of(token), SourceKind.REVERSE_DNS, null, suffixes, null);
    }
}
