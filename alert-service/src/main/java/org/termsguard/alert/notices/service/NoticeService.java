package org.termsguard.alert.notices.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Location;
import io.quarkus.qute.RawString;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.termsguard.alert.AlertConfig;
import org.termsguard.alert.evidence.repository.EvidenceLog;
import org.termsguard.alert.evidence.service.EvidenceCheckpoints;
import org.termsguard.alert.incidents.Incident;
import org.termsguard.alert.incidents.repository.IncidentStore;
import org.termsguard.alert.notices.EvidenceChain;
import org.termsguard.alert.notices.MarkdownText;
import org.termsguard.alert.notices.repository.NoticeVersions;
import org.termsguard.contracts.alerts.Alert;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;

/** Builds an incident's formal notice and its evidence chain from what the incident counts. */
@ApplicationScoped
public class NoticeService {

    /** A rendered notice. */
    public record Notice(String subject, String markdown, String html, Digest evidence) {}

    /** The evidence digest of an incident and how many events it covers. */
    public record Digest(String digest, long events) {}

    /** One page of the evidence export; {@code next} continues it, absent on the last page. */
    public record EvidencePage(Digest digest, List<EvidenceChain.Link> links, EvidenceCursor next) {}

    /** A resource an event used, as the notice lists it. */
    public record Resource(String kind, String uri) {}

    /**
     * What the templates show. Every String is escaped by {@link NoticeEscaping} for the template's language; a
     * {@link RawString} is text this service wrote from its own enums and constants, never from an event.
     */
    public record NoticeView(
            RawString noticeId,
            Instant issuedAt,
            Alert.IncidentSummary incident,
            RawString ruleToken,
            RawString ruleMeaning,
            List<String> clauses,
            List<String> termsVersions,
            List<String> licenses,
            List<String> purposes,
            List<Resource> resources,
            List<String> explanations,
            Map<String, Long> identities,
            RawString identityStatement,
            Map<String, Long> verdicts,
            List<String> verificationBases,
            List<String> userAgents,
            Object feeText,
            List<String> feeBases,
            String digest,
            long chainLength,
            long shownEvents,
            long moreEvents,
            String evidenceUrl,
            RawString severity,
            RawString status,
            LogView log) {}

    /**
     * Where the incident's events are in the owner's evidence log (issue #20), and how to check it.
     *
     * @param leaves the leaf indexes, {@code first–last}, or one index
     * @param checkpointSize the newest checkpoint's tree size; 0 when there is none yet
     * @param tsaTime the RFC 3161 time of that checkpoint, null when not stamped (yet)
     */
    public record LogView(
            String origin,
            RawString key,
            RawString keyUrl,
            RawString inclusionUrl,
            long events,
            RawString leaves,
            long checkpointSize,
            Instant checkpointTime,
            Instant tsaTime,
            long covered,
            boolean allCovered) {}

    private final IncidentStore store;
    private final EvidenceLog log;
    private final EvidenceCheckpoints checkpoints;
    private final NoticeVersions versions;
    private final java.time.Duration checkpointInterval;
    private final ObjectMapper json;
    private final Template markdown;
    private final Template html;
    private final String externalUrl;
    private final int maxEvents;

    /**
     * Digests already computed, by incident, with the event count they cover: an incident's events only grow, and
     * its count grows with them in the same transaction, so a digest is reused while the count is unchanged and a
     * notice re-sent on every e-mail attempt does not rehash 200,000 events each time.
     */
    private final Map<String, Digest> digests = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Digest> eldest) {
            return size() > 10_000;
        }
    });

    public NoticeService(
            IncidentStore store,
            ObjectMapper json,
            @Location("notice.md") Template markdown,
            @Location("notice.html") Template html,
            AlertConfig config,
            EvidenceLog log,
            EvidenceCheckpoints checkpoints,
            NoticeVersions versions) {
        this.store = store;
        this.log = log;
        this.checkpoints = checkpoints;
        this.versions = versions;
        this.checkpointInterval = config.evidence().checkpointInterval();
        this.json = json;
        this.markdown = markdown;
        this.html = html;
        this.externalUrl = config.externalUrl();
        this.maxEvents = config.notices().maxEvents();
    }

    public Uni<Incident> incident(String id) {
        return store.find(id)
                .map(found ->
                        found.orElseThrow(() -> new ProblemException(Problems.notFound("No incident " + id + "."))));
    }

    /**
     * The digest over all of the incident's events, computed a page of {@value #DIGEST_PAGE} events at a time
     * (streaming: only one page is held), or the one computed before while the incident counts the same events.
     */
    public Uni<Digest> digest(Incident incident) {
        Digest known = digests.get(incident.id());
        if (known != null && known.events() == incident.events()) {
            return Uni.createFrom().item(known);
        }
        return fold(incident.id(), new EvidenceChain.Fold(), null).map(fold -> {
            Digest digest = new Digest(fold.digest(), fold.size());
            if (digest.events() == incident.events()) {
                digests.put(incident.id(), digest);
            }
            return digest;
        });
    }

    static final int DIGEST_PAGE = 1000;

    private Uni<EvidenceChain.Fold> fold(
            String incidentId, EvidenceChain.Fold fold, IncidentStore.ChainPosition after) {
        return store.evidenceAfter(incidentId, after, DIGEST_PAGE).chain(page -> {
            inChainOrder(page).forEach(fold::add);
            return page.more()
                    ? fold(incidentId, fold, page.last())
                    : Uni.createFrom().item(fold);
        });
    }

    /** A page of the evidence export: about {@code limit} links after {@code after} (null: from the first). */
    public Uni<EvidencePage> evidence(Incident incident, EvidenceCursor after, int limit) {
        return store.evidenceAfter(incident.id(), after == null ? null : after.position(), limit)
                .chain(page -> digest(incident).map(digest -> {
                    EvidenceChain.Fold fold = after == null
                            ? new EvidenceChain.Fold()
                            : EvidenceChain.Fold.resume(after.index(), after.link());
                    List<EvidenceChain.Link> links =
                            inChainOrder(page).stream().map(fold::add).toList();
                    EvidenceCursor next =
                            page.more() ? new EvidenceCursor(page.last(), fold.size(), fold.lastLink()) : null;
                    return new EvidencePage(digest, links, next);
                }));
    }

    /** A page's events, which the database gives in the chain's order (V6); the fold refuses any other. */
    private List<EvidenceChain.Event> inChainOrder(IncidentStore.EvidenceRows page) {
        List<EvidenceChain.Event> events = new ArrayList<>(page.rows().size());
        page.rows().forEach(row -> events.add(event(row.eventJson())));
        return events;
    }

    public Uni<Notice> notice(String incidentId) {
        return incident(incidentId).chain(incident -> digest(incident)
                .chain(digest -> store.violationsOf(incidentId, maxEvents).chain(violations -> store.identitiesOf(
                                incidentId)
                        .chain(identities -> store.verdictsOf(incidentId).chain(verdicts -> logView(incident)
                                .map(logged -> render(incident, digest, violations, identities, verdicts, logged)))))));
    }

    /** What issuing did: the version, and whether it is new (the incident had new events since the last one). */
    public record Issued(NoticeVersions.Version version, boolean created) {}

    /**
     * Freezes the incident's notice as it reads now, against the newest checkpoint, once every event of the incident
     * is in it; the same notice again when no event came since the last version (409 while the checkpoint lags).
     */
    public Uni<Issued> issue(Incident incident, String who) {
        return logView(incident).chain(logged -> {
            if (logged.checkpointSize() == 0 || !logged.allCovered()) {
                throw new ProblemException(Problems.conflict("Only " + logged.covered() + " of the incident's "
                        + logged.events() + " events are in a signed checkpoint yet; one is made every "
                        + checkpointInterval + ". Try again then."));
            }
            return versions.get(incident.id(), null).chain(last -> {
                if (last.isPresent() && last.get().events() == logged.events()) {
                    return Uni.createFrom().item(new Issued(last.get(), false));
                }
                return log.leafIndexesOf(incident.key().owner(), incident.id())
                        .chain(indexes -> notice(incident.id())
                                .chain(notice -> versions.add(new NoticeVersions.Version(
                                        incident.id(),
                                        0,
                                        incident.key().owner(),
                                        logged.checkpointSize(),
                                        indexes.size(),
                                        indexes,
                                        notice.subject(),
                                        notice.markdown(),
                                        notice.html(),
                                        Instant.now(),
                                        who))))
                        .chain(added -> {
                            if (added.isEmpty()) {
                                throw new ProblemException(Problems.conflict(
                                        "Another version of this notice was issued at the same moment. Try again."));
                            }
                            return versions.get(incident.id(), added.get()).map(v -> new Issued(v.orElseThrow(), true));
                        });
            });
        });
    }

    /** The incident's place in its owner's evidence log, against the newest checkpoint and its timestamp. */
    private Uni<LogView> logView(Incident incident) {
        String owner = incident.key().owner();
        return log.checkpoint(owner, null).chain(newest -> {
            long size = newest.map(EvidenceLog.StoredCheckpoint::treeSize).orElse(0L);
            Uni<java.util.Optional<EvidenceLog.Stamp>> stamp = newest.isPresent()
                    ? log.stampOf(owner, size)
                    : Uni.createFrom().item(java.util.Optional.empty());
            return stamp.chain(stamped -> log.coverageOf(owner, incident.id(), size)
                    .map(coverage -> new LogView(
                            checkpoints.originOf(owner),
                            new RawString(checkpoints.verifierKey().encoded()),
                            new RawString(externalUrl + "/v1/evidence/log-key"),
                            new RawString(externalUrl + "/v1/owners/" + owner + "/log/inclusion?eventId="),
                            coverage.events(),
                            new RawString(
                                    coverage.firstLeaf() == null
                                            ? ""
                                            : coverage.firstLeaf().equals(coverage.lastLeaf())
                                                    ? Long.toString(coverage.firstLeaf())
                                                    : coverage.firstLeaf() + "–" + coverage.lastLeaf()),
                            size,
                            newest.map(EvidenceLog.StoredCheckpoint::signedAt).orElse(null),
                            stamped.map(EvidenceLog.Stamp::time).orElse(null),
                            coverage.covered(),
                            coverage.events() > 0 && coverage.covered() == coverage.events())));
        });
    }

    private Notice render(
            Incident incident,
            Digest digest,
            List<String> violationJson,
            Map<String, Long> identities,
            Map<String, Long> verdicts,
            LogView logged) {
        Set<String> verificationBases = new LinkedHashSet<>();
        Set<String> clauses = new LinkedHashSet<>();
        Set<String> versions = new LinkedHashSet<>();
        Set<String> licenses = new LinkedHashSet<>();
        Set<String> purposes = new LinkedHashSet<>();
        Set<Resource> resources = new LinkedHashSet<>();
        Set<String> shownEvents = new HashSet<>();
        Set<String> bases = new LinkedHashSet<>();
        Set<String> explanations = new LinkedHashSet<>();
        Set<String> userAgents = new LinkedHashSet<>();
        for (String text : violationJson) {
            JsonNode v = read(text);
            shownEvents.add(v.path("eventId").asText());
            clauses.add(v.path("clause").asText());
            versions.add(v.path("termsVersion").asText());
            if (v.hasNonNull("licenseId")) {
                licenses.add(v.path("licenseId").asText());
            }
            purposes.add(
                    v.path("purpose").asText() + " (" + v.path("purposeSource").asText() + ")");
            JsonNode resource = v.path("event").path("resource");
            if (resources.size() < 5) {
                resources.add(new Resource(
                        resource.path("kind").asText(),
                        resource.hasNonNull("uri") ? resource.path("uri").asText() : null));
            }
            JsonNode verification = v.path("event").path("evidence").path("verification");
            if (verification.hasNonNull("basis") && verificationBases.size() < 5) {
                verificationBases.add(basisText(verification));
            }
            JsonNode agent = v.path("event").path("evidence").path("userAgent");
            if (agent.isTextual() && userAgents.size() < 5) {
                userAgents.add(agent.asText());
            }
            if (explanations.size() < 5) {
                explanations.add(v.path("explanation").asText());
            }
            if (v.path("estimatedFee").hasNonNull("basis") && bases.size() < 5) {
                bases.add(v.path("estimatedFee").path("basis").asText());
            }
        }
        Alert.IncidentSummary summary = incident.summary(externalUrl + "/v1/incidents/" + incident.id() + "/notice");
        String fee = summary.estimatedFee() == null
                ? "not estimated"
                : summary.estimatedFee()
                                .amount()
                                .setScale(
                                        Math.max(
                                                2,
                                                Math.min(
                                                        summary.estimatedFee()
                                                                .amount()
                                                                .scale(),
                                                        2)),
                                        java.math.RoundingMode.HALF_UP)
                                .toPlainString()
                        + " " + summary.estimatedFee().currency();
        NoticeView view = new NoticeView(
                new RawString("TG-" + incident.id().substring(4, 12).toUpperCase(Locale.ROOT)),
                Instant.now(),
                summary,
                new RawString(summary.rule().token()),
                new RawString(meaning(summary.rule().token())),
                List.copyOf(clauses),
                List.copyOf(versions),
                List.copyOf(licenses),
                List.copyOf(purposes),
                List.copyOf(resources),
                List.copyOf(explanations),
                identities,
                new RawString(identityStatement(identities, verdicts)),
                verdicts,
                List.copyOf(verificationBases),
                List.copyOf(userAgents),
                // The amount is a number; the currency comes from the terms, so it is trusted only as ISO 4217.
                summary.estimatedFee() == null
                                || summary.estimatedFee().currency().matches("[A-Z]{3}")
                        ? new RawString(fee)
                        : fee,
                List.copyOf(bases),
                digest.digest(),
                digest.events(),
                shownEvents.size(),
                Math.max(0, digest.events() - shownEvents.size()),
                externalUrl + "/v1/incidents/" + incident.id() + "/evidence",
                new RawString(summary.severity().name().toLowerCase(Locale.ROOT)),
                new RawString(statusToken(summary.status())),
                logged);
        // A header line: a line break from a name would start another header (RFC 5322 §2.2).
        String subject = MarkdownText.line("Notice of possible unlicensed use of " + summary.owner() + "'s data by "
                + summary.consumer() + " (" + summary.rule().token() + ")");
        return new Notice(
                subject, markdown.data("n", view).render(), html.data("n", view).render(), digest);
    }

    /** The status as its token: the summary's is one of the state machine's, anything else is not shown raw. */
    private static String statusToken(String status) {
        return status != null && status.matches("[a-z]{1,20}") ? status : "unknown";
    }

    static String meaning(String rule) {
        return switch (rule) {
            case "no-license" -> "the use needs a license under the owner's terms and the user held none";
            case "license-not-in-force" ->
                "a license existed but was expired, not yet valid or suspended at the time of use";
            case "purpose-not-licensed" -> "a license was in force but did not grant this purpose";
            case "scope-not-licensed" -> "the data used lies outside what the license covers";
            case "quota-exceeded" -> "use in the license's period went over its quota";
            case "crawler-disallowed" -> "a crawler fetched paths the owner's robots.txt disallows for it (RFC 9309)";
            case "crawler-impersonation" ->
                "requests claimed a crawler whose operator publishes its addresses, names or keys, and came from"
                        + " outside them; they are not attributed to that operator";
            default -> "usage crossed a share of its quota";
        };
    }

    /** One verdict's basis as the notice states it: what was consulted, which version, what matched. */
    private static String basisText(JsonNode verification) {
        JsonNode basis = verification.path("basis");
        StringBuilder text = new StringBuilder(verification.path("verdict").asText())
                .append(": ")
                .append(basis.path("sourceId").asText())
                .append(" (")
                .append(basis.path("method").asText())
                .append(")");
        if (basis.hasNonNull("snapshotVersion")) {
            text.append(" version ")
                    .append(basis.path("snapshotVersion").asText())
                    .append(", in force from ")
                    .append(basis.path("validFrom").asText())
                    .append(", SHA-256 ")
                    .append(basis.path("snapshotSha256").asText());
        }
        if (basis.hasNonNull("matched")) {
            text.append("; matched ").append(basis.path("matched").asText());
        }
        return text.toString();
    }

    /** Whether the notice's "who" holds up: every event's identity verified, some, or none. */
    private static String identityStatement(Map<String, Long> identities, Map<String, Long> verdicts) {
        long verified = identities.getOrDefault("verified", 0L);
        long all = identities.values().stream().mapToLong(Long::longValue).sum();
        String base = verified == all && all > 0
                ? "The identity of the user is verified for every event of this notice."
                : verified > 0
                        ? "The identity of the user is verified for " + verified + " of " + all + " events; the"
                                + " others rest on what the requests claimed."
                        : "The identity of the user is not verified: it rests on what the requests claimed.";
        return verdicts.containsKey("contradicted")
                ? base + " " + verdicts.get("contradicted") + " event(s) claimed a crawler whose operator's published"
                        + " addresses, names or keys contradict the claim."
                : base;
    }

    private EvidenceChain.Event event(String text) {
        JsonNode node = read(text);
        return new EvidenceChain.Event(
                node.path("eventId").asText(),
                Instant.parse(node.path("observedAt").asText()),
                text);
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
