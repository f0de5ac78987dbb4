package org.termsguard.alert.evidence.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.termsguard.alert.AlertConfig;
import org.termsguard.alert.evidence.EvidenceBundle;
import org.termsguard.alert.evidence.client.PolicyTermsClient;
import org.termsguard.alert.evidence.repository.EvidenceLog;
import org.termsguard.alert.incidents.Incident;
import org.termsguard.alert.notices.repository.NoticeVersions;
import org.termsguard.alert.notices.service.NoticePdf;
import org.termsguard.alert.notices.service.NoticeService;
import org.termsguard.platform.problems.Problem;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;

/**
 * Assembles an incident's evidence bundle (issue #20): its events exactly as their leaves hash them, an inclusion
 * proof for each to one signed checkpoint, that checkpoint's RFC 3161 token and the TSA's roots, the log key, the
 * terms versions that judged the events (from policy-service, with the caller's token), each event's identity basis,
 * and the notice as Markdown, HTML and PDF. Of an issued notice version, against the checkpoint it was issued on;
 * else of the incident as the newest checkpoint holds it.
 */
@ApplicationScoped
public class EvidenceBundles {

    private static final HexFormat HEX = HexFormat.of();

    private final EvidenceLog log;
    private final EvidenceCheckpoints checkpoints;
    private final CheckpointTimestamps timestamps;
    private final NoticeVersions versions;
    private final NoticeService notices;
    private final NoticePdf pdf;
    private final PolicyTermsClient policy;
    private final ObjectMapper json;
    private final String externalUrl;
    private final int maxEvents;

    public EvidenceBundles(
            EvidenceLog log,
            EvidenceCheckpoints checkpoints,
            CheckpointTimestamps timestamps,
            NoticeVersions versions,
            NoticeService notices,
            NoticePdf pdf,
            @RestClient PolicyTermsClient policy,
            ObjectMapper json,
            AlertConfig config) {
        this.log = log;
        this.checkpoints = checkpoints;
        this.timestamps = timestamps;
        this.versions = versions;
        this.notices = notices;
        this.pdf = pdf;
        this.policy = policy;
        this.json = json;
        this.externalUrl = config.externalUrl();
        this.maxEvents = config.evidence().bundleMaxEvents();
    }

    /** What the bundle is of: the leaves, the tree size, and the notice's texts and facts. */
    private record Subject(
            Integer version, long treeSize, List<Long> indexes, String markdown, String html, ObjectNode notice) {}

    /** A bundle and the name it is offered under. */
    public record Bundle(String fileName, byte[] zip) {}

    public Uni<Bundle> bundle(Incident incident, Integer version, String authorization) {
        String owner = incident.key().owner();
        return subject(incident, version).chain(subject -> {
            if (subject.indexes().size() > maxEvents) {
                throw new ProblemException(Problem.typed(
                        "bundle-too-large",
                        "Too many events for one bundle",
                        422,
                        "This bundle would carry " + subject.indexes().size() + " events; one carries at most "
                                + maxEvents + " (termsguard.alert.evidence.bundle-max-events)."));
            }
            return log.checkpoint(owner, subject.treeSize()).chain(checkpoint -> log.stampOf(owner, subject.treeSize())
                    .chain(stamp -> log.leavesAt(owner, subject.indexes()).chain(leaves -> log.termsVersionsOf(
                                    owner,
                                    incident.id(),
                                    leaves.stream()
                                            .map(EvidenceLog.Leaf::eventId)
                                            .toList())
                            .chain(terms -> checkpoints
                                    .read(owner, subject.treeSize(), tree -> proofs(tree, subject.treeSize(), leaves))
                                    .chain(proofs -> Uni.createFrom()
                                            .item(() -> assemble(
                                                    incident,
                                                    subject,
                                                    checkpoint.orElseThrow(),
                                                    stamp,
                                                    leaves,
                                                    proofs,
                                                    terms,
                                                    authorization))
                                            // The PDF, the terms and the zip are blocking work.
                                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))))));
        });
    }

    private Uni<Subject> subject(Incident incident, Integer version) {
        if (version != null) {
            return versions.get(incident.id(), version).map(found -> {
                NoticeVersions.Version v = found.orElseThrow(() -> new ProblemException(
                        Problems.notFound("Incident " + incident.id() + " has no notice version " + version + ".")));
                ObjectNode notice = json.createObjectNode()
                        .put("incidentId", v.incidentId())
                        .put("version", v.version())
                        .put("issued", true)
                        .put("treeSize", v.treeSize())
                        .put("subject", v.subject())
                        .put("issuedAt", v.issuedAt().toString())
                        .put("issuedBy", v.issuedBy());
                ArrayNode indexes = notice.putArray("leafIndexes");
                v.leafIndexes().forEach(indexes::add);
                return new Subject(v.version(), v.treeSize(), v.leafIndexes(), v.markdown(), v.html(), notice);
            });
        }
        String owner = incident.key().owner();
        return log.checkpoint(owner, null).chain(newest -> {
            long size = newest.map(EvidenceLog.StoredCheckpoint::treeSize)
                    .orElseThrow(() -> new ProblemException(Problems.conflict(
                            "The evidence log of " + owner + " has no signed checkpoint yet; try again shortly.")));
            return log.leafIndexesOf(owner, incident.id()).chain(all -> {
                List<Long> covered = all.stream().filter(i -> i < size).toList();
                if (covered.isEmpty()) {
                    throw new ProblemException(Problems.conflict("No event of incident " + incident.id()
                            + " is in a signed checkpoint yet; try again shortly."));
                }
                return notices.notice(incident.id()).map(n -> {
                    ObjectNode notice = json.createObjectNode()
                            .put("incidentId", incident.id())
                            .putNull("version")
                            .put("issued", false)
                            .put("treeSize", size)
                            .put("subject", n.subject());
                    ArrayNode indexes = notice.putArray("leafIndexes");
                    covered.forEach(indexes::add);
                    notice.put("eventsNotYetInACheckpoint", all.size() - covered.size());
                    return new Subject(null, size, covered, n.markdown(), n.html(), notice);
                });
            });
        });
    }

    /** The proofs file, as the issue names its fields: tree size, root, and per event its leaf and path. */
    private String proofs(org.termsguard.alert.evidence.MerkleTree tree, long size, List<EvidenceLog.Leaf> leaves) {
        ObjectNode proofs =
                json.createObjectNode().put("treeSize", size).put("rootHash", HEX.formatHex(tree.root(size)));
        ArrayNode list = proofs.putArray("proofs");
        for (EvidenceLog.Leaf leaf : leaves) {
            ArrayNode path = list.addObject()
                    .put("eventId", leaf.eventId())
                    .put("leafIndex", leaf.index())
                    .putArray("path");
            tree.inclusionProof(leaf.index(), size).forEach(h -> path.add(HEX.formatHex(h)));
        }
        return EvidenceBundle.canonical(proofs.toString());
    }

    private Bundle assemble(
            Incident incident,
            Subject subject,
            EvidenceLog.StoredCheckpoint checkpoint,
            Optional<EvidenceLog.Stamp> stamp,
            List<EvidenceLog.Leaf> leaves,
            String proofs,
            Map<Long, List<String>> termsVersions,
            String authorization) {
        String owner = incident.key().owner();
        List<EvidenceBundle.File> files = new ArrayList<>();
        StringBuilder events = new StringBuilder();
        leaves.forEach(l -> events.append(l.canonicalJson()).append('\n'));
        files.add(EvidenceBundle.File.text(
                EvidenceBundle.EVENTS,
                "the events, one per line, each exactly the RFC 8785 JSON its leaf hashes, in leaf order",
                events.toString()));
        files.add(EvidenceBundle.File.text(
                EvidenceBundle.PROOFS, "an RFC 9162 inclusion proof per event to the checkpoint's root", proofs));
        files.add(EvidenceBundle.File.text(
                EvidenceBundle.CHECKPOINT,
                "the C2SP tlog-checkpoint the proofs lead to, signed as a C2SP note by the log key",
                checkpoint.note()));
        if (stamp.isPresent()) {
            files.add(new EvidenceBundle.File(
                    EvidenceBundle.TIMESTAMP,
                    "the RFC 3161 TimeStampResp over the SHA-256 of the checkpoint's signed text",
                    stamp.get().reply()));
            files.add(EvidenceBundle.File.text(
                    EvidenceBundle.TSA_CHAIN, "the roots the TSA's certificate chains to", timestamps.trustedPem()));
        }
        files.add(EvidenceBundle.File.text(
                EvidenceBundle.LOG_KEY,
                "the log's C2SP note verifier key, as " + externalUrl + "/v1/evidence/log-key serves it",
                checkpoints.verifierKey().encoded() + "\n"));
        files.add(EvidenceBundle.File.text(
                EvidenceBundle.LOG_KEY_PEM,
                "the same Ed25519 public key as PEM, for openssl",
                checkpoints.verifierKey().pem()));
        files.add(EvidenceBundle.File.text(
                EvidenceBundle.IDENTITIES,
                "who sent each request, as ingest verified it: verdict, operator, and the basis (source, snapshot,"
                        + " SHA-256)",
                identities(leaves)));
        terms(owner, termsVersions, authorization, files);
        files.add(EvidenceBundle.File.text(
                EvidenceBundle.NOTICE,
                "the notice's facts: version, checkpoint, leaf indexes, issued at and by",
                EvidenceBundle.canonical(subject.notice().toString())));
        files.add(
                EvidenceBundle.File.text(EvidenceBundle.NOTICE_MARKDOWN, "the notice as Markdown", subject.markdown()));
        files.add(EvidenceBundle.File.text(EvidenceBundle.NOTICE_HTML, "the notice as HTML", subject.html()));
        files.add(new EvidenceBundle.File(
                EvidenceBundle.NOTICE_PDF, "the notice as PDF, laid out from the HTML", pdf.render(subject.html())));
        files.add(EvidenceBundle.File.text(
                EvidenceBundle.README, "how to check this bundle by hand", readme(checkpoint, stamp.isPresent())));
        Instant now = Instant.now();
        byte[] zip = checkpoints.bundle(
                new EvidenceBundle.Header(
                        owner, incident.id(), subject.version(), checkpoints.originOf(owner), subject.treeSize(), now),
                files);
        return new Bundle(
                incident.id() + (subject.version() == null ? "" : "-notice-" + subject.version()) + "-evidence.zip",
                zip);
    }

    private String identities(List<EvidenceLog.Leaf> leaves) {
        ObjectNode identities = json.createObjectNode();
        ArrayNode list = identities.putArray("events");
        for (EvidenceLog.Leaf leaf : leaves) {
            JsonNode event = read(leaf.canonicalJson());
            JsonNode verification = event.path("evidence").path("verification");
            ObjectNode entry = list.addObject().put("eventId", leaf.eventId());
            if (verification.isObject()) {
                entry.put("verdict", verification.path("verdict").asText());
                entry.put("operator", verification.path("operator").asText());
                if (verification.has("basis")) {
                    entry.set("basis", verification.get("basis"));
                }
            } else {
                // Published before verification existed: the producer's claim is all there is.
                entry.putNull("verdict");
                entry.put("claimed", event.path("evidence").path("identity").asText());
            }
        }
        return EvidenceBundle.canonical(identities.toString());
    }

    private void terms(
            String owner,
            Map<Long, List<String>> termsVersions,
            String authorization,
            List<EvidenceBundle.File> files) {
        ObjectNode index = json.createObjectNode();
        ArrayNode included = index.putArray("versions");
        ArrayNode missing = index.putArray("missing");
        for (var entry : termsVersions.entrySet()) {
            long version = entry.getKey();
            String reason;
            try (Response answer = policy.version(owner, version, authorization)) {
                if (answer.getStatus() == 200) {
                    String document = EvidenceBundle.canonical(answer.readEntity(String.class));
                    String file = "terms/v" + version + ".json";
                    files.add(EvidenceBundle.File.text(
                            file,
                            "version " + version + " of " + owner + "'s terms, whole, as policy-service keeps it",
                            document));
                    JsonNode parsed = read(document);
                    ObjectNode listed = included.addObject()
                            .put("termsVersion", version)
                            .put("file", file)
                            .put(
                                    "sha256",
                                    HEX.formatHex(EvidenceBundle.sha256(
                                            document.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                            .put(
                                    "effectiveFrom",
                                    parsed.path("terms").path("effectiveFrom").asText())
                            .put("change", parsed.path("change").asText())
                            .put("createdAt", parsed.path("createdAt").asText());
                    ArrayNode judged = listed.putArray("events");
                    entry.getValue().forEach(judged::add);
                    continue;
                }
                reason = "policy-service answered " + answer.getStatus();
            } catch (WebApplicationException e) {
                reason = "policy-service answered " + e.getResponse().getStatus();
            } catch (ProcessingException e) {
                reason = "policy-service could not be reached: " + e.getMessage();
            }
            missing.addObject().put("termsVersion", version).put("reason", reason);
        }
        files.add(EvidenceBundle.File.text(
                EvidenceBundle.TERMS,
                "which terms version judged which events, each version's file and SHA-256, and any not included",
                EvidenceBundle.canonical(index.toString())));
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String readme(EvidenceLog.StoredCheckpoint checkpoint, boolean stamped) {
        return """
                Termsguard evidence bundle
                ==========================

                Check it all at once, offline:   ./termsguard verify <this zip>
                (or java -jar termsguard-verify.jar <this zip>). It prints what it proved and fails loudly on any
                mismatch. The same checks by hand, with sha256sum and openssl:

                1. Every file is as the manifest lists it:
                     sha256sum -c SHA256SUMS
                   and manifest.sig signs manifest.json's SHA-256 (sha256sum manifest.json) with the log key.

                2. The checkpoint is signed by the log key (log-key.pub; the same key as PEM in log-key.pem):
                     sed '/^$/,$d' checkpoint.txt > signed.txt
                     grep '^— ' checkpoint.txt | awk '{print $3}' | base64 -d | tail -c 64 > signature.bin
                     openssl pkeyutl -verify -pubin -inkey log-key.pem -rawin -in signed.txt -sigfile signature.bin

                3. Each event is a leaf: its leaf hash is SHA-256 of a 0x00 byte and the event's line, e.g. the first:
                     (printf '\\0'; head -n 1 events.ndjson | tr -d '\\n') | sha256sum
                   Fold it with proofs.json's path as RFC 9162 section 2.1.3.2 says, up to the checkpoint's root
                   (the third line of checkpoint.txt is the root in base64; proofs.json has it in hex).
                """
                + (stamped
                        ? """

                4. The checkpoint existed at the time the Time-Stamping Authority states:
                     openssl ts -verify -in checkpoint.tsr -data signed.txt -CAfile tsa-chain.pem
                     openssl ts -reply -in checkpoint.tsr -text
                   Compare tsa-chain.pem with the TSA's own published root.
                """
                        : """

                4. This checkpoint carries no RFC 3161 timestamp (no TSA was configured when it was made).
                """)
                + """

                The checkpoint: %s at %d leaves, signed %s.
                terms.json names the terms versions that judged the events; identities.json says who sent each
                request as the events themselves record it; notice.md, notice.html and notice.pdf are the notice.
                """
                        .formatted(checkpointOrigin(checkpoint), checkpoint.treeSize(), checkpoint.signedAt());
    }

    private String checkpointOrigin(EvidenceLog.StoredCheckpoint checkpoint) {
        return checkpoints.originOf(checkpoint.owner());
    }
}
