package org.termsguard.policy.terms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.policy.terms.TermsDocument.Alias;
import org.termsguard.policy.terms.TermsDocument.License;

/**
 * One version of an owner's terms, compiled for judging events fast: licenses by licensee, aliases by the
 * evidence they match, robots rules parsed on first use. Immutable; no database call is needed to judge an event.
 */
public final class TermsSnapshot {

    private final long version;
    private final Instant effectiveFrom;
    private final TermsDocument document;
    private final Map<String, List<License>> licensesByLicensee = new HashMap<>();
    private final Map<String, Alias> aliasesByApiClient = new HashMap<>();
    private final List<Alias> userAgentAliases = new ArrayList<>();
    private final List<Map.Entry<Cidr, Alias>> ipAliases = new ArrayList<>();
    private final RobotsRules robots;

    public TermsSnapshot(long version, Instant effectiveFrom, TermsDocument document) {
        this.version = version;
        this.effectiveFrom = effectiveFrom;
        this.document = document;
        for (License license : document.licenses()) {
            licensesByLicensee
                    .computeIfAbsent(license.licensee(), k -> new ArrayList<>())
                    .add(license);
        }
        licensesByLicensee.values().forEach(list -> list.sort(Comparator.comparing(License::licenseId)));
        for (Alias alias : document.aliases()) {
            switch (alias.kind()) {
                case "api-client" -> aliasesByApiClient.put(alias.value(), alias);
                case "user-agent" -> userAgentAliases.add(alias);
                case "ip-range" -> ipAliases.add(Map.entry(Cidr.parse(alias.value()), alias));
                default -> throw new IllegalArgumentException("Unknown alias kind " + alias.kind());
            }
        }
        String robotsTxt = document.robotsTxt();
        this.robots = robotsTxt == null || robotsTxt.isBlank() ? null : new RobotsRules(robotsTxt);
    }

    public long version() {
        return version;
    }

    public Instant effectiveFrom() {
        return effectiveFrom;
    }

    public TermsDocument document() {
        return document;
    }

    public String owner() {
        return document.owner();
    }

    public List<License> licensesOf(String consumer) {
        return consumer == null ? List.of() : licensesByLicensee.getOrDefault(consumer, List.of());
    }

    public Optional<License> license(String licenseId) {
        return document.licenses().stream()
                .filter(l -> l.licenseId().equals(licenseId))
                .findFirst();
    }

    public Optional<Alias> aliasForApiClient(String apiClientId) {
        return apiClientId == null ? Optional.empty() : Optional.ofNullable(aliasesByApiClient.get(apiClientId));
    }

    /** The alias whose product token appears as a whole word of the user agent; the longest token wins. */
    public Optional<Alias> aliasForUserAgent(String userAgent) {
        if (userAgent == null || userAgentAliases.isEmpty()) {
            return Optional.empty();
        }
        String words = " " + userAgent.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]+", " ") + " ";
        return userAgentAliases.stream()
                .filter(a -> words.contains(" " + a.value().toLowerCase(Locale.ROOT) + " "))
                .max(Comparator.comparingInt(a -> a.value().length()));
    }

    public Optional<Alias> aliasForIp(String ip) {
        if (ip == null) {
            return Optional.empty();
        }
        return ipAliases.stream()
                .filter(e -> e.getKey().contains(ip))
                .max(Comparator.comparingInt(e -> e.getKey().prefixLength()))
                .map(Map.Entry::getValue);
    }

    /** Null when the owner publishes no robots.txt. */
    public RobotsRules robots() {
        return robots;
    }

    /** Whether the owner's default terms let anyone use data for {@code purpose} without a license. */
    public boolean freelyAllowed(Purpose purpose) {
        return covered(document.defaultTerms().allowedPurposes(), purpose)
                && !covered(document.defaultTerms().licenseRequiredFor(), purpose);
    }

    /**
     * Whether {@code purpose} needs a license: listed (or covered by a listed {@code ai-all}/{@code all}) in
     * licenseRequiredFor, or simply not allowed. {@code unknown} needs one only when the owner lists it.
     */
    public boolean needsLicense(Purpose purpose) {
        if (covered(document.defaultTerms().licenseRequiredFor(), purpose)) {
            return true;
        }
        return purpose != Purpose.UNKNOWN && !covered(document.defaultTerms().allowedPurposes(), purpose);
    }

    /**
     * The published statement that made {@code purpose} need a license, e.g. {@code robots.txt line 3:
     * Content-Usage: train-ai=n}; empty when the owner typed the terms in.
     */
    public Optional<String> whyLicenseRequired(Purpose purpose) {
        for (TermsDocument.Citation citation : document.citations()) {
            if (citation.term().equals("licenseRequiredFor")
                    && Purpose.fromToken(citation.value())
                            .map(p -> p.covers(purpose))
                            .orElse(false)) {
                return Optional.of(citation.source());
            }
        }
        return Optional.empty();
    }

    public static boolean covered(List<Purpose> grants, Purpose used) {
        for (Purpose grant : grants) {
            if (grant.covers(used)) {
                return true;
            }
        }
        return false;
    }
}
