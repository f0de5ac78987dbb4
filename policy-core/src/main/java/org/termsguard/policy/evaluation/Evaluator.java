package org.termsguard.policy.evaluation;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.termsguard.contracts.crawlers.Crawler;
import org.termsguard.contracts.crawlers.CrawlerRegistry;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.Channel;
import org.termsguard.contracts.events.Identity;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.contracts.events.Verification;
import org.termsguard.contracts.violations.PurposeSource;
import org.termsguard.contracts.violations.Rule;
import org.termsguard.contracts.violations.Severity;
import org.termsguard.contracts.violations.Violation;
import org.termsguard.policy.evaluation.Verdict.Check;
import org.termsguard.policy.evaluation.Verdict.Outcome;
import org.termsguard.policy.terms.LicenseStatus;
import org.termsguard.policy.terms.ProductTokens;
import org.termsguard.policy.terms.QuotaPeriod;
import org.termsguard.policy.terms.TermsDocument.Alias;
import org.termsguard.policy.terms.TermsDocument.License;
import org.termsguard.policy.terms.TermsDocument.Scope;
import org.termsguard.policy.terms.TermsSnapshot;

/**
 * Judges one access event against the owner's terms in force when it was observed, and meters it.
 *
 * <ol>
 *   <li>Consumer: the event's, else the owner's aliases (API client id, user-agent token, IP range), else the
 *       crawler registry; identity is the alias's, else the event's, else {@code claimed}.
 *   <li>Purpose: declared, else the alias's default, else the crawler registry's, else {@code unknown}. An
 *       {@code unknown} purpose needs a license only where the owner lists {@code unknown} in licenseRequiredFor.
 *   <li>Licenses of the consumer: none and the purpose needs one → {@code no-license}; none in force at
 *       observedAt → {@code license-not-in-force}; none granting the purpose → {@code purpose-not-licensed}; none
 *       covering the resource → {@code scope-not-licensed}. Use that is free under the default terms breaks none
 *       of these.
 *   <li>A license that covers the use meters it: over the quota of its period → {@code quota-exceeded}; crossing
 *       80 % or 100 % → {@code quota-warning} (info), once per threshold and period since counters only grow.
 *   <li>A crawler fetching a path the owner's robots.txt disallows for its token → {@code crawler-disallowed},
 *       unless a license covers the use. A crawler no registry knows is judged by the product tokens its user
 *       agent names.
 *   <li>An event whose identity ingest found {@code contradicted} (it claims a crawler whose operator publishes
 *       addresses, names or keys, and is not from them) → {@code crawler-impersonation} for consumer
 *       {@code unknown}: nothing of it is charged to the operator it names, and its claimed purpose is ignored.
 * </ol>
 *
 * <p>Fees are decimal: unlicensed records × the list price per 1,000; records over quota × the license's overage
 * rate per 1,000. One event's unlicensed use is priced once, on its first unlicensed violation.
 */
public final class Evaluator {

    private static final int[] WARNING_PERCENTS = {80, 100};

    /** The consumer of an impersonating request (DESIGN.md, {@code crawler-impersonation}): nobody known. */
    public static final String IMPOSTOR = "unknown";

    private final CrawlerRegistry crawlers;
    private final Clock clock;

    public Evaluator(CrawlerRegistry crawlers, Clock clock) {
        this.crawlers = crawlers;
        this.clock = clock;
    }

    public Verdict evaluate(AccessEvent event, TermsSnapshot terms, Meter meter) {
        Verification impersonated = impersonation(event);
        Optional<Crawler> crawler = impersonated != null ? Optional.empty() : crawlers.match(userAgentOf(event));
        Resolved who = impersonated != null ? impostor(event) : resolve(event, terms, crawler);
        Context c = new Context(event, terms, who, recordsOf(event), clock.instant());
        if (impersonated != null) {
            impersonation(c, impersonated);
        } else {
            c.notApplicable(Rule.CRAWLER_IMPERSONATION, "the event's identity is not contradicted");
        }

        License used = licensed(c);
        UsageKey key = usageKey(terms, who, used, event.observedAt());
        long before = meter.add(key, c.records);
        if (used != null) {
            meterQuota(c, used, key, before, c.records);
        } else {
            c.notApplicable(Rule.QUOTA_EXCEEDED, "no license meters this use");
        }
        if (impersonated != null) {
            c.notApplicable(Rule.CRAWLER_DISALLOWED, "the crawler it claims to be did not send it");
        } else {
            checkRobots(c, crawler, who, used);
        }

        return new Verdict(
                event.eventId(),
                terms.owner(),
                terms.version(),
                terms.effectiveFrom(),
                who.consumer,
                who.consumerSource,
                who.identity,
                who.purpose,
                who.purposeSource,
                used == null ? null : used.licenseId(),
                key,
                before,
                Collections.unmodifiableList(c.checks),
                c.violations.isEmpty() ? List.of() : Collections.unmodifiableList(c.violations));
    }

    /**
     * The usage counter {@link #evaluate} adds this event to: it depends on who used the data and under which
     * license, never on the counters' values, so a batch can load every counter it touches before judging.
     */
    public UsageKey usageKey(AccessEvent event, TermsSnapshot terms) {
        Resolved who = impersonation(event) != null
                ? impostor(event)
                : resolve(event, terms, crawlers.match(userAgentOf(event)));
        License used = null;
        for (License license : terms.licensesOf(who.consumer)) {
            if (inForce(license, event.observedAt())
                    && TermsSnapshot.covered(license.purposes(), who.purpose)
                    && inScope(license.scope(), event)) {
                used = license;
                break;
            }
        }
        return usageKey(terms, who, used, event.observedAt());
    }

    private static UsageKey usageKey(TermsSnapshot terms, Resolved who, License used, Instant at) {
        if (used == null) {
            return new UsageKey(
                    terms.owner(),
                    who.consumerOrUnknown(),
                    UsageKey.UNLICENSED,
                    QuotaPeriod.MONTH,
                    QuotaPeriod.MONTH.start(at));
        }
        QuotaPeriod period =
                used.quota() == null ? QuotaPeriod.MONTH : used.quota().period();
        return new UsageKey(terms.owner(), who.consumer, used.licenseId(), period, period.start(at));
    }

    private static long recordsOf(AccessEvent event) {
        return event.volume() == null ? 1 : event.volume().recordsOrOne();
    }

    private static String userAgentOf(AccessEvent event) {
        return event.evidence() == null ? null : event.evidence().userAgent();
    }

    /**
     * The licensing rules in their order — no license, none in force, none granting the purpose, none covering the
     * resource — each narrowing the consumer's licenses; the first that leaves none decides, and the rules after it
     * are not reached. Answers the license that covers the use, or null.
     */
    private static License licensed(Context c) {
        List<License> all = c.terms.licensesOf(c.who.consumer);
        if (all.isEmpty()) {
            noLicense(c);
            c.notReached(Rule.LICENSE_NOT_IN_FORCE, Rule.PURPOSE_NOT_LICENSED, Rule.SCOPE_NOT_LICENSED);
            return null;
        }
        c.pass(Rule.NO_LICENSE, c.who.consumer + " holds " + all.size() + " license(s)");
        List<License> inForce = matching(all, l -> inForce(l, c.event.observedAt()));
        if (inForce.isEmpty()) {
            notInForce(c, all.get(all.size() - 1));
            return null;
        }
        c.pass(Rule.LICENSE_NOT_IN_FORCE, "in force: " + ids(inForce));
        List<License> granting = matching(inForce, l -> TermsSnapshot.covered(l.purposes(), c.who.purpose));
        if (granting.isEmpty()) {
            purposeNotLicensed(c, inForce.get(0));
            c.notReached(Rule.SCOPE_NOT_LICENSED);
            return null;
        }
        c.pass(Rule.PURPOSE_NOT_LICENSED, c.who.purpose.token() + " granted by " + ids(granting));
        List<License> inScope = matching(granting, l -> inScope(l.scope(), c.event));
        if (inScope.isEmpty()) {
            scopeNotLicensed(c, granting.get(0));
            return null;
        }
        License used = inScope.get(0);
        c.pass(Rule.SCOPE_NOT_LICENSED, "within license " + used.licenseId());
        return used;
    }

    private static void noLicense(Context c) {
        Resolved who = c.who;
        TermsSnapshot terms = c.terms;
        if (!c.needsLicense) {
            c.pass(Rule.NO_LICENSE, who.purpose.token() + " needs no license under the default terms");
            return;
        }
        c.fail(
                Rule.NO_LICENSE,
                severityOfUnlicensed(who.purpose),
                "terms version " + terms.version() + " require a license for " + who.purpose.token()
                        + terms.whyLicenseRequired(who.purpose)
                                .map(source -> " (" + source + ")")
                                .orElse(""),
                null,
                "%s used %s of %s's data for %s (%s) on %s; %s's terms (version %d) require a license"
                        + " for %s and %s holds none.",
                who.name(),
                recordsText(c.records),
                terms.owner(),
                who.purpose.token(),
                who.purposeOrigin(),
                c.event.observedAt(),
                terms.owner(),
                terms.version(),
                who.purpose.token(),
                who.name());
    }

    private static void notInForce(Context c, License latest) {
        if (!c.needsLicense) {
            c.pass(Rule.LICENSE_NOT_IN_FORCE, "no license in force, but " + c.who.purpose.token() + " needs none");
            return;
        }
        c.fail(
                Rule.LICENSE_NOT_IN_FORCE,
                Severity.HIGH,
                "license " + latest.licenseId() + ": " + validity(latest),
                latest.licenseId(),
                "%s used %s of %s's data for %s on %s, when license %s was not in" + " force (%s).",
                c.who.name(),
                recordsText(c.records),
                c.terms.owner(),
                c.who.purpose.token(),
                c.event.observedAt(),
                latest.licenseId(),
                whyNotInForce(latest, c.event.observedAt()));
    }

    private static void purposeNotLicensed(Context c, License license) {
        if (!c.needsLicense) {
            c.pass(Rule.PURPOSE_NOT_LICENSED, c.who.purpose.token() + " needs no license");
            return;
        }
        c.fail(
                Rule.PURPOSE_NOT_LICENSED,
                severityOfUnlicensed(c.who.purpose),
                "license " + license.licenseId() + " grants " + tokens(license.purposes()),
                license.licenseId(),
                "%s used %s of %s's data for %s (%s) on %s; license %s grants" + " only %s.",
                c.who.name(),
                recordsText(c.records),
                c.terms.owner(),
                c.who.purpose.token(),
                c.who.purposeOrigin(),
                c.event.observedAt(),
                license.licenseId(),
                tokens(license.purposes()));
    }

    private static void scopeNotLicensed(Context c, License license) {
        if (!c.needsLicense) {
            c.pass(Rule.SCOPE_NOT_LICENSED, "outside every license, but " + c.who.purpose.token() + " needs none");
            return;
        }
        c.fail(
                Rule.SCOPE_NOT_LICENSED,
                Severity.MEDIUM,
                "license " + license.licenseId() + " covers " + scopeText(license.scope()),
                license.licenseId(),
                "%s used %s of %s (%s) on %s, outside license %s, which" + " covers %s.",
                c.who.name(),
                recordsText(c.records),
                resourceText(c.event),
                c.terms.owner(),
                c.event.observedAt(),
                license.licenseId(),
                scopeText(license.scope()));
    }

    private void meterQuota(Context c, License license, UsageKey key, long before, long records) {
        if (license.quota() == null) {
            c.notApplicable(Rule.QUOTA_EXCEEDED, "license " + license.licenseId() + " is unmetered");
            return;
        }
        long quota = license.quota().records();
        long after = Records.add(before, records);
        String period = key.periodLabel();
        for (int percent : WARNING_PERCENTS) {
            long threshold = threshold(quota, percent);
            if (before < threshold && after >= threshold) {
                c.violation(
                        Rule.QUOTA_WARNING,
                        Severity.INFO,
                        "quota-warning-" + percent,
                        "license " + license.licenseId() + ": " + format(quota) + " records per "
                                + license.quota().period().iso(),
                        license.licenseId(),
                        null,
                        "%s reached %d%% of its quota under license %s in %s: %s of %s" + " records.",
                        c.who.name(),
                        percent,
                        license.licenseId(),
                        period,
                        format(after),
                        format(quota));
            }
        }
        if (after > quota) {
            long over = after - Math.max(before, quota);
            Violation.Fee fee = license.overagePerThousand() == null
                    ? null
                    : Fees.overQuota(over, license.overagePerThousand(), license.licenseId());
            c.violation(
                    Rule.QUOTA_EXCEEDED,
                    Severity.HIGH,
                    Rule.QUOTA_EXCEEDED.name(),
                    "license " + license.licenseId() + ": " + format(quota) + " records per "
                            + license.quota().period().iso(),
                    license.licenseId(),
                    fee,
                    "%s used %s records of %s's data in %s under license %s (%s),"
                            + " over its quota of %s by %s; identity %s.",
                    c.who.name(),
                    format(after),
                    c.terms.owner(),
                    period,
                    license.licenseId(),
                    license.tier() == null ? "no tier" : license.tier(),
                    format(quota),
                    format(over),
                    c.who.identity.name().toLowerCase(Locale.ROOT));
        } else {
            c.pass(Rule.QUOTA_EXCEEDED, format(after) + " of " + format(quota) + " records in " + period);
        }
    }

    /** The event's verification when it is contradicted: a request claiming a crawler it is not. */
    private static Verification impersonation(AccessEvent event) {
        Verification verification =
                event.evidence() == null ? null : event.evidence().verification();
        return verification != null && verification.verdict() == Verification.Verdict.CONTRADICTED
                ? verification
                : null;
    }

    /**
     * Who used the data when the crawler named did not: nobody known. The claimed crawler's purpose is as little
     * to be believed as its name, so only a declared purpose stands.
     */
    private static Resolved impostor(AccessEvent event) {
        return new Resolved(
                IMPOSTOR,
                "unknown: the request impersonated a crawler",
                Identity.CLAIMED,
                event.purpose() != null ? event.purpose() : Purpose.UNKNOWN,
                event.purpose() != null ? PurposeSource.DECLARED : PurposeSource.UNKNOWN);
    }

    private static void impersonation(Context c, Verification verification) {
        Verification.Basis basis = verification.basis();
        String claimed = (verification.token() == null ? "a crawler" : verification.token())
                + (verification.operator() == null ? "" : " (" + verification.operator() + ")");
        String against = basis == null
                ? "its operator's published identity"
                : basis.sourceId()
                        + (basis.snapshotVersion() == null
                                ? " (" + basis.method() + ")"
                                : " version " + basis.snapshotVersion() + ", valid from " + basis.validFrom());
        String address = c.event.evidence().clientIp() == null
                ? "an unknown address"
                : c.event.evidence().clientIp();
        c.violation(
                Rule.CRAWLER_IMPERSONATION,
                Severity.HIGH,
                Rule.CRAWLER_IMPERSONATION.name(),
                "verification: " + against,
                null,
                null,
                "A request claiming to be %s fetched %s of %s's data (%s) on %s from %s, which %s does not hold;"
                        + " it is not attributed to %s.",
                claimed,
                recordsText(c.records),
                c.terms.owner(),
                resourceText(c.event),
                c.event.observedAt(),
                address,
                against,
                verification.operator() == null ? "the operator it names" : verification.operator());
    }

    private void checkRobots(Context c, Optional<Crawler> crawler, Resolved who, License used) {
        AccessEvent event = c.event;
        if (event.channel() != Channel.CRAWLER || c.terms.robots() == null) {
            c.notApplicable(
                    Rule.CRAWLER_DISALLOWED,
                    event.channel() != Channel.CRAWLER ? "not a crawler" : "the owner publishes no robots.txt");
            return;
        }
        // A crawler the registry does not know is judged by the product tokens its user agent names (RFC 9309
        // §2.2.1 matches any crawler's token, registered or not).
        List<String> tokens =
                crawler.map(known -> List.of(known.token())).orElseGet(() -> ProductTokens.of(userAgentOf(event)));
        if (tokens.isEmpty()) {
            c.notApplicable(Rule.CRAWLER_DISALLOWED, "the user agent names no product token");
            return;
        }
        String token = tokens.get(0);
        String uri = event.resource().uri();
        if (c.terms.robots().allows(tokens, uri)) {
            c.pass(Rule.CRAWLER_DISALLOWED, "robots.txt allows " + token + " to fetch " + uri);
        } else if (used != null) {
            c.pass(
                    Rule.CRAWLER_DISALLOWED,
                    "robots.txt disallows it, but license " + used.licenseId() + " covers the use");
        } else {
            c.violation(
                    Rule.CRAWLER_DISALLOWED,
                    Severity.MEDIUM,
                    Rule.CRAWLER_DISALLOWED.name(),
                    "robots.txt disallows " + token + " from " + pathOf(uri),
                    null,
                    c.unlicensedFee(),
                    "%s's crawler %s fetched %s on %s although %s's robots.txt disallows it (RFC 9309); identity"
                            + " %s.",
                    who.name(),
                    token,
                    uri,
                    event.observedAt(),
                    c.terms.owner(),
                    who.identity.name().toLowerCase(Locale.ROOT));
        }
    }

    /** Who used the data and what for, and where each answer came from. */
    private record Resolved(
            String consumer, String consumerSource, Identity identity, Purpose purpose, PurposeSource purposeSource) {
        String name() {
            return consumer == null ? "An unidentified consumer" : consumer;
        }

        String consumerOrUnknown() {
            return consumer == null ? UsageKey.UNKNOWN_CONSUMER : consumer;
        }

        String purposeOrigin() {
            return switch (purposeSource) {
                case DECLARED -> "declared";
                case ALIAS -> "from the consumer's alias";
                case CRAWLER_REGISTRY -> "from the crawler registry";
                case UNKNOWN -> "not declared";
            };
        }
    }

    private static Resolved resolve(AccessEvent event, TermsSnapshot terms, Optional<Crawler> crawler) {
        var evidence = event.evidence();
        Identity eventIdentity =
                evidence == null || evidence.identity() == null ? Identity.CLAIMED : evidence.identity();
        Optional<Alias> alias = Optional.empty();
        if (evidence != null) {
            alias = terms.aliasForApiClient(evidence.apiClientId())
                    .or(() -> terms.aliasForUserAgent(evidence.userAgent()))
                    .or(() -> terms.aliasForIp(evidence.clientIp()));
        }
        String consumer;
        String consumerSource;
        Identity identity;
        if (event.consumer() != null) {
            consumer = event.consumer();
            consumerSource = "declared by the event";
            identity = alias.filter(a -> a.consumer().equals(event.consumer()))
                    .map(Alias::identity)
                    .orElse(eventIdentity);
        } else if (alias.isPresent()) {
            consumer = alias.get().consumer();
            consumerSource = "alias " + alias.get().kind() + " " + alias.get().value();
            identity = alias.get().identity() == null
                    ? Identity.CLAIMED
                    : alias.get().identity();
        } else if (crawler.isPresent()) {
            consumer = crawler.get().consumer();
            consumerSource = "crawler registry: " + crawler.get().token();
            // Ingest's verification confirmed (signed, listed, dns) the crawler the user agent names: verified.
            identity = verifiedAs(evidence, consumer) ? Identity.VERIFIED : Identity.CLAIMED;
        } else if (verifiedAs(evidence, null)) {
            // A crawler behind a browser user agent, found by its operator's list, names or signature.
            consumer = evidence.verification().consumer();
            consumerSource = "verification: " + evidence.verification().basis().sourceId();
            identity = Identity.VERIFIED;
        } else {
            consumer = null;
            consumerSource = "unidentified";
            identity = eventIdentity;
        }
        Purpose purpose;
        PurposeSource purposeSource;
        Optional<Alias> consumerAlias = alias.filter(a -> a.consumer().equals(consumer) && a.purpose() != null);
        if (event.purpose() != null) {
            purpose = event.purpose();
            purposeSource = PurposeSource.DECLARED;
        } else if (consumerAlias.isPresent()) {
            purpose = consumerAlias.get().purpose();
            purposeSource = PurposeSource.ALIAS;
        } else if (crawler.isPresent()) {
            purpose = crawler.get().purpose();
            purposeSource = PurposeSource.CRAWLER_REGISTRY;
        } else {
            purpose = Purpose.UNKNOWN;
            purposeSource = PurposeSource.UNKNOWN;
        }
        return new Resolved(consumer, consumerSource, identity, purpose, purposeSource);
    }

    /**
     * Whether ingest verified the request as {@code consumer}'s (any verified consumer when null): a signed, listed or
     * dns verdict naming a consumer.
     */
    private static boolean verifiedAs(AccessEvent.Evidence evidence, String consumer) {
        Verification v = evidence == null ? null : evidence.verification();
        return v != null
                && v.identity() == Identity.VERIFIED
                && v.consumer() != null
                && v.basis() != null
                && (consumer == null || consumer.equals(v.consumer()));
    }

    private static Severity severityOfUnlicensed(Purpose purpose) {
        return switch (purpose) {
            case AI_TRAIN, AI_ALL, ALL -> Severity.CRITICAL;
            case AI_INPUT, AI_INDEX -> Severity.HIGH;
            default -> Severity.MEDIUM;
        };
    }

    static boolean inForce(License license, Instant at) {
        return license.status() == LicenseStatus.ACTIVE
                && !at.isBefore(license.validFrom())
                && (license.validUntil() == null || !at.isAfter(license.validUntil()));
    }

    private static String whyNotInForce(License license, Instant at) {
        if (license.status() != LicenseStatus.ACTIVE) {
            return license.status().name().toLowerCase(Locale.ROOT);
        }
        return at.isBefore(license.validFrom())
                ? "valid only from " + license.validFrom()
                : "expired at " + license.validUntil();
    }

    private static String validity(License license) {
        return license.status().name().toLowerCase(Locale.ROOT) + ", valid " + license.validFrom() + " to "
                + (license.validUntil() == null ? "open end" : license.validUntil());
    }

    /** The licenses that pass {@code test}, without a stream: this runs for every event. */
    private static List<License> matching(List<License> licenses, java.util.function.Predicate<License> test) {
        List<License> matching = new ArrayList<>(licenses.size());
        for (License license : licenses) {
            if (test.test(license)) {
                matching.add(license);
            }
        }
        return matching;
    }

    private static boolean startsWithAny(String uri, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (uri.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static boolean inScope(Scope scope, AccessEvent event) {
        if (scope == null) {
            return true;
        }
        boolean kind = scope.resourceKinds().isEmpty()
                || scope.resourceKinds().contains(event.resource().kind());
        String uri = event.resource().uri();
        boolean prefix = scope.uriPrefixes().isEmpty() || (uri != null && startsWithAny(uri, scope.uriPrefixes()));
        return kind && prefix;
    }

    private static String scopeText(Scope scope) {
        List<String> parts = new ArrayList<>();
        if (!scope.resourceKinds().isEmpty()) {
            parts.add("resource kinds " + String.join(", ", scope.resourceKinds()));
        }
        if (!scope.uriPrefixes().isEmpty()) {
            parts.add("URIs under " + String.join(", ", scope.uriPrefixes()));
        }
        return parts.isEmpty() ? "everything" : String.join(" and ", parts);
    }

    private static String resourceText(AccessEvent event) {
        return event.resource().kind()
                + (event.resource().uri() == null
                        ? ""
                        : " at " + event.resource().uri());
    }

    private static String pathOf(String uri) {
        try {
            var parsed = java.net.URI.create(uri);
            return parsed.isAbsolute() ? parsed.getRawPath() : uri;
        } catch (IllegalArgumentException e) {
            return uri;
        }
    }

    private static String ids(List<License> licenses) {
        StringBuilder out = new StringBuilder();
        for (License license : licenses) {
            out.append(out.isEmpty() ? "" : ", ").append(license.licenseId());
        }
        return out.toString();
    }

    private static String tokens(List<Purpose> purposes) {
        return purposes.isEmpty()
                ? "no purpose"
                : purposes.stream().map(Purpose::token).collect(Collectors.joining(", "));
    }

    private static String recordsText(long records) {
        return format(records) + (records == 1 ? " record" : " records");
    }

    /** ⌈quota × percent / 100⌉ without overflowing for quotas near Long.MAX_VALUE. */
    static long threshold(long quota, int percent) {
        long whole = quota / 100 * percent;
        long rest = quota % 100 * percent;
        return whole + (rest + 99) / 100;
    }

    /** 1234567 → "1,234,567"; by hand, because String.format costs more than the rest of a decision. */
    static String format(long number) {
        String digits = Long.toString(Math.abs(number));
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (number < 0) {
            out.append('-');
        }
        int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, first);
        for (int i = first; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
    }

    /** The checks and violations of one evaluation as they accumulate. */
    private static final class Context {
        final AccessEvent event;
        final TermsSnapshot terms;
        final Resolved who;
        final long records;
        final Instant evaluatedAt;
        /** Whether the purpose needs a license at all: a licensing rule that finds none then fails. */
        final boolean needsLicense;

        final List<Check> checks = new ArrayList<>(8);
        final List<Violation> violations = new ArrayList<>();
        boolean unlicensedPriced;

        Context(AccessEvent event, TermsSnapshot terms, Resolved who, long records, Instant evaluatedAt) {
            this.event = event;
            this.terms = terms;
            this.who = who;
            this.records = records;
            this.evaluatedAt = evaluatedAt;
            this.needsLicense = terms.needsLicense(who.purpose);
        }

        void pass(Rule rule, String reason) {
            checks.add(new Check(rule, Outcome.PASSED, reason));
        }

        void notApplicable(Rule rule, String reason) {
            checks.add(new Check(rule, Outcome.NOT_APPLICABLE, reason));
        }

        /** Rules that come into play only after the one just decided. */
        void notReached(Rule... rules) {
            for (Rule rule : rules) {
                notApplicable(rule, "not reached: an earlier licensing rule decided");
            }
        }

        /** An unlicensed-use violation, priced at the list price. */
        void fail(Rule rule, Severity severity, String clause, String licenseId, String explanation, Object... args) {
            violation(rule, severity, rule.name(), clause, licenseId, unlicensedFee(), explanation, args);
        }

        /** The list-price fee of this event's unlicensed use, the first time it is asked for; zero after. */
        Violation.Fee unlicensedFee() {
            var price = terms.document().defaultTerms().listPrice();
            if (price == null || price.perThousandRecords() == null) {
                return null;
            }
            if (unlicensedPriced) {
                return new Violation.Fee(
                        BigDecimal.ZERO, price.currency(), "already priced under another rule of this event");
            }
            unlicensedPriced = true;
            return Fees.atListPrice(records, price, terms.owner());
        }

        void violation(
                Rule rule,
                Severity severity,
                String discriminator,
                String clause,
                String licenseId,
                Violation.Fee fee,
                String explanation,
                Object... args) {
            String sentence = String.format(Locale.ENGLISH, explanation, args);
            checks.add(new Check(rule, Outcome.FAILED, sentence));
            violations.add(new Violation(
                    violationId(event.eventId(), discriminator),
                    event.eventId(),
                    terms.owner(),
                    who.consumer,
                    rule,
                    severity,
                    terms.version(),
                    licenseId,
                    clause,
                    sentence,
                    who.purpose,
                    who.purposeSource,
                    event.volume() == null ? AccessEvent.Volume.ONE_RECORD : event.volume(),
                    event.observedAt(),
                    evaluatedAt,
                    fee,
                    event));
        }
    }

    /** Stable across replays, so the alert service keeps each violation once however often it arrives. */
    static String violationId(String eventId, String discriminator) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((eventId + "\n" + discriminator).getBytes(StandardCharsets.UTF_8));
            return "v-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
