package org.termsguard.ingest.verification;

import com.fasterxml.jackson.databind.JsonNode;
import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv4.IPv4AddressTrie;
import inet.ipaddr.ipv6.IPv6Address;
import inet.ipaddr.ipv6.IPv6AddressTrie;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of an operator's crawler IP list, in the shape OpenAI, Google, Apple, Common Crawl, Perplexity and
 * Bing share: {@code {"creationTime": "…", "prefixes": [{"ipv4Prefix": "…"} | {"ipv6Prefix": "…"}]}}. Members the
 * operators add beside these ({@code syncToken}/{@code synctoken}, {@code notes}, per-prefix {@code service} or
 * {@code scope}) are kept in the digest but play no part in matching.
 *
 * <p>{@code creationTime} is read as ISO 8601 with or without an offset; without one (Google's and OpenAI's
 * {@code 2026-01-14T15:45:48.000000}) it is UTC.
 *
 * <p>Not a record: besides its value (digest, validFrom, prefixes) it holds the prefix tries built from it, so that
 * a lookup walks at most 32 or 128 trie levels however long the list is.
 */
public final class IpRangeSnapshot implements Snapshot {

    /** Larger than any published list (Google's {@code cloud.json}, the largest, is under 1 MiB). */
    public static final int MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

    public static final int MAX_PREFIXES = 200_000;

    private final String sha256;
    private final Instant validFrom;
    private final Instant creationTime;
    private final List<String> prefixes;
    private final IPv4AddressTrie ipv4 = new IPv4AddressTrie();
    private final IPv6AddressTrie ipv6 = new IPv6AddressTrie();

    private IpRangeSnapshot(String sha256, Instant validFrom, Instant creationTime, List<IPAddress> blocks) {
        this.sha256 = sha256;
        this.validFrom = validFrom;
        this.creationTime = creationTime;
        List<String> texts = new ArrayList<>(blocks.size());
        for (IPAddress block : blocks) {
            texts.add(block.toCanonicalString());
            if (block instanceof IPv4Address v4) {
                ipv4.add(v4);
            } else {
                ipv6.add((IPv6Address) block);
            }
        }
        this.prefixes = List.copyOf(texts);
    }

    /**
     * Reads a published list.
     *
     * @param document the document exactly as published (its SHA-256 identifies the snapshot)
     * @param validFrom when it came into force, if the caller says (history from archives); otherwise the
     *     document's {@code creationTime}, otherwise {@code now}
     * @param now the time to fall back on
     * @throws IllegalArgumentException when the document is not a list in the operators' shape, names a prefix
     *     that is not one, or is larger than {@link #MAX_DOCUMENT_BYTES} or {@link #MAX_PREFIXES}
     */
    public static IpRangeSnapshot parse(byte[] document, Optional<Instant> validFrom, Instant now) {
        Objects.requireNonNull(now, "now");
        JsonNode root = PublishedDocument.json(document, MAX_DOCUMENT_BYTES, "The list");
        if (!root.isObject() || !root.path("prefixes").isArray()) {
            throw new IllegalArgumentException("The list has no \"prefixes\" array");
        }
        JsonNode entries = root.get("prefixes");
        if (entries.size() > MAX_PREFIXES) {
            throw new IllegalArgumentException("The list has more than " + MAX_PREFIXES + " prefixes");
        }
        List<IPAddress> blocks = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            blocks.add(block(entries.get(i), i));
        }
        Instant created = root.hasNonNull("creationTime") ? creationTime(root.get("creationTime")) : null;
        Instant from = validFrom.orElse(created != null ? created : now);
        return new IpRangeSnapshot(PublishedDocument.sha256(document), from, created, blocks);
    }

    private static IPAddress block(JsonNode entry, int index) {
        JsonNode v4 = entry.path("ipv4Prefix");
        JsonNode v6 = entry.path("ipv6Prefix");
        if (v4.isTextual() == v6.isTextual()) {
            throw new IllegalArgumentException(
                    "prefixes[" + index + "] must have exactly one of ipv4Prefix and ipv6Prefix as a string");
        }
        String text = v4.isTextual() ? v4.asText() : v6.asText();
        IPAddress block = AddressParser.prefix(text)
                .orElseThrow(() -> new IllegalArgumentException("prefixes[" + index + "] " + text + " is no prefix"));
        if (v4.isTextual() != block.isIPv4()) {
            throw new IllegalArgumentException("prefixes[" + index + "] " + text + " is under the wrong family");
        }
        return block;
    }

    private static Instant creationTime(JsonNode node) {
        String text = node.asText();
        try {
            TemporalAccessor parsed =
                    DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime offset
                    ? offset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "creationTime " + text + " is not an ISO 8601 date-time; give validFrom instead", e);
        }
    }

    /** The (longest) prefix of this list holding the address literal {@code clientIp}; empty also for a non-address. */
    public Optional<String> prefixHolding(String clientIp) {
        return AddressParser.address(clientIp).flatMap(this::prefixHolding);
    }

    /** The (longest) prefix of this list holding {@code address}, in canonical form, e.g. {@code 20.171.206.0/24}. */
    public Optional<String> prefixHolding(IPAddress address) {
        IPAddress match = address instanceof IPv4Address v4
                ? ipv4.longestPrefixMatch(v4)
                : address instanceof IPv6Address v6 ? ipv6.longestPrefixMatch(v6) : null;
        return Optional.ofNullable(match).map(IPAddress::toCanonicalString);
    }

    @Override
    public String sha256() {
        return sha256;
    }

    @Override
    public Instant validFrom() {
        return validFrom;
    }

    /** The document's own {@code creationTime}, when it has one. */
    public Optional<Instant> creationTime() {
        return Optional.ofNullable(creationTime);
    }

    /** The list's prefixes as blocks in canonical form, in the document's order. */
    public List<String> prefixes() {
        return prefixes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpRangeSnapshot that && sha256.equals(that.sha256) && validFrom.equals(that.validFrom);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sha256, validFrom);
    }

    @Override
    public String toString() {
        return "IpRangeSnapshot[sha256=" + sha256 + ", validFrom=" + validFrom + ", prefixes=" + prefixes.size() + "]";
    }
}
