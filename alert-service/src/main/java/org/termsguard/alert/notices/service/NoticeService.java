package org.termsguard.alert.notices.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.termsguard.alert.AlertConfig;
import org.termsguard.alert.incidents.Incident;
import org.termsguard.alert.incidents.repository.IncidentStore;
import org.termsguard.alert.notices.EvidenceChain;
import org.termsguard.contracts.alerts.Alert;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;

/** Builds an incident's formal notice and its evidence chain from what the incident counts. */
@ApplicationScoped
public class NoticeService {

    /** A rendered notice. */
    public record Notice(String subject, String markdown, String html, EvidenceChain.Chain evidence) {}

    /** What the templates show. */
    public record NoticeView(
            String noticeId,
            Instant issuedAt,
            Alert.IncidentSummary incident,
            String ruleMeaning,
            List<String> clauses,
            List<String> termsVersions,
            List<String> licenses,
            List<String> purposes,
            List<String> resources,
            List<String> explanations,
            Map<String, Long> identities,
            String feeText,
            List<String> feeBases,
            String digest,
            int chainLength,
            String evidenceUrl,
            String severity,
            String status) {}

    private final IncidentStore store;
    private final ObjectMapper json;
    private final Template markdown;
    private final Template html;
    private final String externalUrl;

    public NoticeService(
            IncidentStore store,
            ObjectMapper json,
            @Location("notice.md") Template markdown,
            @Location("notice.html") Template html,
            AlertConfig config) {
        this.store = store;
        this.json = json;
        this.markdown = markdown;
        this.html = html;
        this.externalUrl = config.externalUrl();
    }

    public Uni<Incident> incident(String id) {
        return store.find(id)
                .map(found ->
                        found.orElseThrow(() -> new ProblemException(Problems.notFound("No incident " + id + "."))));
    }

    public Uni<EvidenceChain.Chain> evidence(String incidentId) {
        return store.eventsOf(incidentId)
                .map(events -> EvidenceChain.of(events.stream().map(this::event).toList()));
    }

    public Uni<Notice> notice(String incidentId) {
        return incident(incidentId)
                .chain(incident -> evidence(incidentId).chain(chain -> store.violationsOf(incidentId, 500)
                        .map(violations -> render(incident, chain, violations))));
    }

    private Notice render(Incident incident, EvidenceChain.Chain chain, List<String> violationJson) {
        Set<String> clauses = new LinkedHashSet<>();
        Set<String> versions = new LinkedHashSet<>();
        Set<String> licenses = new LinkedHashSet<>();
        Set<String> purposes = new LinkedHashSet<>();
        Set<String> resources = new LinkedHashSet<>();
        Set<String> bases = new LinkedHashSet<>();
        Set<String> explanations = new LinkedHashSet<>();
        Map<String, Long> identities = new TreeMap<>();
        for (String text : violationJson) {
            JsonNode v = read(text);
            clauses.add(v.path("clause").asText());
            versions.add(v.path("termsVersion").asText());
            if (v.hasNonNull("licenseId")) {
                licenses.add(v.path("licenseId").asText());
            }
            purposes.add(
                    v.path("purpose").asText() + " (" + v.path("purposeSource").asText() + ")");
            JsonNode resource = v.path("event").path("resource");
            if (resources.size() < 5) {
                resources.add(resource.path("kind").asText()
                        + (resource.hasNonNull("uri")
                                ? " — " + resource.path("uri").asText()
                                : ""));
            }
            if (explanations.size() < 5) {
                explanations.add(v.path("explanation").asText());
            }
            if (v.path("estimatedFee").hasNonNull("basis") && bases.size() < 5) {
                bases.add(v.path("estimatedFee").path("basis").asText());
            }
        }
        for (EvidenceChain.Link link : chain.links()) {
            String identity =
                    read(link.canonicalJson()).path("evidence").path("identity").asText("claimed");
            identities.merge(identity, 1L, Long::sum);
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
                "TG-" + incident.id().substring(4, 12).toUpperCase(Locale.ROOT),
                Instant.now(),
                summary,
                meaning(summary.rule().token()),
                List.copyOf(clauses),
                List.copyOf(versions),
                List.copyOf(licenses),
                List.copyOf(purposes),
                List.copyOf(resources),
                List.copyOf(explanations),
                identities,
                fee,
                List.copyOf(bases),
                chain.digest(),
                chain.links().size(),
                externalUrl + "/v1/incidents/" + incident.id() + "/evidence",
                summary.severity().name().toLowerCase(Locale.ROOT),
                summary.status());
        String subject = "Notice of possible unlicensed use of " + summary.owner() + "'s data by " + summary.consumer()
                + " (" + summary.rule().token() + ")";
        return new Notice(
                subject, markdown.data("n", view).render(), html.data("n", view).render(), chain);
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
            default -> "usage crossed a share of its quota";
        };
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
