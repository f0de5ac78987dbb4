package org.termsguard.alert.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an evidence bundle offline and says, in plain words, what it proved (issue #20): every file against the
 * signed manifest, the checkpoint's signature, each event's leaf hash and RFC 9162 §2.1.3.2 inclusion proof up to the
 * checkpoint's root, the RFC 3161 timestamp over the checkpoint, and that the notice, terms and identity files
 * describe exactly the events proved. Any mismatch is a failure; what the bundle lacks (no timestamp, terms that could
 * not be fetched) is a warning, said as such.
 */
public final class BundleVerifier {

    /**
     * What the reader trusts beyond the bundle itself.
     *
     * @param logKey the evidence-log key to require (as the notice printed it, or as the service serves it); empty:
     *     the bundle's own {@code log-key.pub}, which a warning then asks to compare
     * @param tsaRoots the TSA roots to require; empty: the bundle's {@code tsa-chain.pem}, likewise
     */
    public record Trust(Optional<NoteKey> logKey, List<X509Certificate> tsaRoots) {
        public static Trust bundleOnly() {
            return new Trust(Optional.empty(), List.of());
        }
    }

    /** What the check found: facts proved, what could not be checked, and every mismatch. */
    public record Report(List<String> proved, List<String> warnings, List<String> failures) {
        public boolean verified() {
            return failures.isEmpty();
        }

        /** The report as the command line prints it. */
        public String text() {
            StringBuilder out = new StringBuilder();
            proved.forEach(p -> out.append("  ok    ").append(p).append('\n'));
            warnings.forEach(w -> out.append("  note  ").append(w).append('\n'));
            failures.forEach(f -> out.append("  FAIL  ").append(f).append('\n'));
            if (!verified()) {
                out.append("NOT VERIFIED: ")
                        .append(failures.size())
                        .append(" check(s) failed; do not rely on this bundle.\n");
            } else if (warnings.isEmpty()) {
                out.append("VERIFIED: every file, hash, proof, signature and timestamp in this bundle checks out.\n");
            } else {
                out.append("VERIFIED: every check passed. The notes say what rests on more than this bundle.\n");
            }
            return out.toString();
        }
    }

    /** Raised inside the check to stop at the first failure that leaves nothing further checkable. */
    private static final class Stop extends Exception {
        Stop(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final List<String> proved = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private String checkpointText;

    private BundleVerifier() {}

    /** Checks the files of a bundle, as {@link EvidenceBundle#read} unpacks them. */
    public static Report verify(Map<String, byte[]> files, Trust trust) {
        BundleVerifier verifier = new BundleVerifier();
        try {
            verifier.check(files, trust);
        } catch (Stop stop) {
            verifier.failures.add(stop.getMessage());
        } catch (RuntimeException e) {
            // A hostile bundle must fail loudly, never crash the verifier into saying nothing.
            verifier.failures.add("the bundle could not be read: " + e);
        }
        return new Report(List.copyOf(verifier.proved), List.copyOf(verifier.warnings), List.copyOf(verifier.failures));
    }

    private void check(Map<String, byte[]> files, Trust trust) throws Stop {
        NoteKey key = logKey(files, trust);
        JsonNode manifest = manifest(files, key);
        String owner = manifest.path("owner").asText();
        String origin = manifest.path("origin").asText();
        Checkpoint checkpoint =
                checkpoint(files, key, origin, manifest.path("treeSize").asLong());
        List<Proved> events = events(files, checkpoint, owner);
        proved.add(events.size() + " event(s) of " + owner + " (incident "
                + manifest.path("incidentId").asText()
                + ") are leaves " + ranges(events) + " of that log: each line of " + EvidenceBundle.EVENTS
                + " is the exact RFC 8785 JSON its leaf hashes, and each inclusion proof leads to the signed root.");
        timestamp(files, trust, checkpoint);
        notice(files, manifest, checkpoint, events);
        terms(files, events);
        identities(files, events);
    }

    private NoteKey logKey(Map<String, byte[]> files, Trust trust) throws Stop {
        String encoded = text(files, EvidenceBundle.LOG_KEY).trim();
        NoteKey key;
        try {
            key = NoteKey.parse(encoded);
        } catch (IllegalArgumentException e) {
            throw new Stop(EvidenceBundle.LOG_KEY + " is not a C2SP note verifier key: " + e.getMessage());
        }
        if (trust.logKey().isPresent()) {
            if (!trust.logKey().get().encoded().equals(key.encoded())) {
                throw new Stop("the bundle is signed by " + key.encoded() + ", not by the key you trust, "
                        + trust.logKey().get().encoded());
            }
            proved.add("The evidence log key is the one you gave: " + key.encoded());
        } else {
            warnings.add("The evidence log key is the bundle's own (" + key.encoded() + "). Check it is the one the"
                    + " notice printed and the service publishes at /v1/evidence/log-key, or pass --key.");
        }
        return key;
    }

    private JsonNode manifest(Map<String, byte[]> files, NoteKey key) throws Stop {
        byte[] manifest = bytes(files, EvidenceBundle.MANIFEST);
        JsonNode parsed = json(EvidenceBundle.MANIFEST, manifest);
        if (!EvidenceBundle.FORMAT.equals(parsed.path("format").asText())) {
            throw new Stop(EvidenceBundle.MANIFEST + " is not of format " + EvidenceBundle.FORMAT);
        }
        String origin = parsed.path("origin").asText();
        String expected = EvidenceBundle.manifestNoteText(origin, manifest);
        String signed = opened(files, EvidenceBundle.MANIFEST_SIGNATURE, key);
        if (!signed.equals(expected)) {
            throw new Stop(EvidenceBundle.MANIFEST_SIGNATURE + " signs another manifest than " + EvidenceBundle.MANIFEST
                    + " (its SHA-256 differs): a file list was changed");
        }
        if (!new String(manifest, StandardCharsets.UTF_8).equals(canonical(manifest))) {
            failures.add(EvidenceBundle.MANIFEST + " is not in RFC 8785 canonical form");
        }
        Set<String> listed = new HashSet<>(Set.of(EvidenceBundle.MANIFEST, EvidenceBundle.MANIFEST_SIGNATURE));
        int good = 0;
        for (JsonNode file : parsed.path("files")) {
            String name = file.path("name").asText();
            if (!listed.add(name)) {
                failures.add(EvidenceBundle.MANIFEST + " lists " + name + " twice");
                continue;
            }
            byte[] content = files.get(name);
            if (content == null) {
                failures.add(name + " is listed in the manifest but missing from the bundle");
            } else if (!HEX.formatHex(EvidenceBundle.sha256(content))
                            .equals(file.path("sha256").asText())
                    || content.length != file.path("bytes").asLong(-1)) {
                failures.add(name + " has been changed: its SHA-256 is not the one the signed manifest lists");
            } else {
                good++;
            }
        }
        for (String name : files.keySet()) {
            if (!listed.contains(name)) {
                failures.add(name + " is in the bundle but not in the signed manifest: it was added afterwards");
            }
        }
        if (!failures.isEmpty()) {
            throw new Stop("the bundle is not as its signed manifest lists it: nothing in it can be relied on");
        }
        proved.add("The manifest is signed by the evidence log key, and " + good + " file(s) match the SHA-256 it"
                + " lists for them.");
        return parsed;
    }

    private Checkpoint checkpoint(Map<String, byte[]> files, NoteKey key, String origin, long treeSize) throws Stop {
        String text = opened(files, EvidenceBundle.CHECKPOINT, key);
        checkpointText = text;
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Stop(EvidenceBundle.CHECKPOINT + " is not a C2SP tlog-checkpoint: " + e.getMessage());
        }
        if (!checkpoint.origin().equals(origin) || checkpoint.size() != treeSize) {
            throw new Stop(EvidenceBundle.CHECKPOINT + " is of " + checkpoint.origin() + " at " + checkpoint.size()
                    + " leaves, not of the manifest's " + origin + " at " + treeSize);
        }
        proved.add("The checkpoint of the evidence log " + origin + " at " + checkpoint.size() + " leaves (root "
                + HEX.formatHex(checkpoint.rootHash()) + ") is signed by the evidence log key.");
        return checkpoint;
    }

    /** One event proved in the log. */
    private record Proved(String eventId, long leafIndex, JsonNode event) {}

    private List<Proved> events(Map<String, byte[]> files, Checkpoint checkpoint, String owner) throws Stop {
        JsonNode proofs = json(EvidenceBundle.PROOFS, bytes(files, EvidenceBundle.PROOFS));
        if (proofs.path("treeSize").asLong(-1) != checkpoint.size()
                || !HEX.formatHex(checkpoint.rootHash())
                        .equals(proofs.path("rootHash").asText())) {
            throw new Stop(EvidenceBundle.PROOFS + " is against another tree than the signed checkpoint");
        }
        String events = text(files, EvidenceBundle.EVENTS);
        if (!events.isEmpty() && !events.endsWith("\n")) {
            throw new Stop(EvidenceBundle.EVENTS + " does not end with a newline");
        }
        String[] lines = events.isEmpty() ? new String[0] : events.split("\n", -1);
        int count = Math.max(0, lines.length - 1);
        JsonNode listed = proofs.path("proofs");
        if (listed.size() != count) {
            throw new Stop(EvidenceBundle.EVENTS + " has " + count + " event(s), " + EvidenceBundle.PROOFS + " "
                    + listed.size() + " proof(s)");
        }
        if (count == 0) {
            throw new Stop("the bundle holds no event");
        }
        List<Proved> proved = new ArrayList<>(count);
        long previous = -1;
        for (int i = 0; i < count; i++) {
            String line = lines[i];
            JsonNode proof = listed.get(i);
            long index = proof.path("leafIndex").asLong(-1);
            String eventId = proof.path("eventId").asText();
            JsonNode event = json(EvidenceBundle.EVENTS + " line " + (i + 1), line.getBytes(StandardCharsets.UTF_8));
            if (!line.equals(canonical(line.getBytes(StandardCharsets.UTF_8)))) {
                failures.add(EvidenceBundle.EVENTS + " line " + (i + 1) + " is not in RFC 8785 canonical form");
            }
            if (!eventId.equals(event.path("eventId").asText())
                    || !owner.equals(event.path("owner").asText())) {
                failures.add(EvidenceBundle.EVENTS + " line " + (i + 1) + " is not event " + eventId + " of " + owner);
            }
            if (index <= previous || index >= checkpoint.size()) {
                failures.add("leaf index " + index + " of " + eventId + " is out of order or beyond the tree");
            }
            previous = index;
            List<byte[]> path = new ArrayList<>();
            for (JsonNode hash : proof.path("path")) {
                path.add(hash32(hash.asText(), EvidenceBundle.PROOFS));
            }
            byte[] leaf = MerkleTree.leafHash(line.getBytes(StandardCharsets.UTF_8));
            if (!MerkleTree.verifyInclusion(index, checkpoint.size(), leaf, path, checkpoint.rootHash())) {
                failures.add("event " + eventId + " (line " + (i + 1) + ") is not leaf " + index
                        + " of the signed tree: its inclusion proof fails");
            }
            proved.add(new Proved(eventId, index, event));
        }
        return proved;
    }

    private void timestamp(Map<String, byte[]> files, Trust trust, Checkpoint checkpoint) throws Stop {
        byte[] reply = files.get(EvidenceBundle.TIMESTAMP);
        if (reply == null) {
            warnings.add("No trusted timestamp: the bundle proves what the log holds, but that the checkpoint"
                    + " existed at a given time rests on the log's own word.");
            return;
        }
        List<X509Certificate> roots = trust.tsaRoots();
        boolean own = roots.isEmpty();
        if (own) {
            try {
                roots = Timestamps.certificates(bytes(files, EvidenceBundle.TSA_CHAIN));
            } catch (IllegalArgumentException e) {
                throw new Stop(EvidenceBundle.TSA_CHAIN + " is not PEM certificates: " + e.getMessage());
            }
        }
        String signedText = checkpointText;
        try {
            Timestamps.Token token = Timestamps.verifyStored(reply, signedText.getBytes(StandardCharsets.UTF_8), roots);
            proved.add("The Time-Stamping Authority " + token.tsa() + " stamped that checkpoint at "
                    + token.genTime() + " (RFC 3161, serial " + token.serial() + "): the checkpoint, and so"
                    + " every event in it, existed then.");
            if (own) {
                StringBuilder fingerprints = new StringBuilder();
                for (X509Certificate root : roots) {
                    fingerprints
                            .append(fingerprints.isEmpty() ? "" : "; ")
                            .append(root.getSubjectX500Principal().getName())
                            .append(" SHA-256 ")
                            .append(fingerprint(root));
                }
                warnings.add("The TSA's root is the bundle's own " + EvidenceBundle.TSA_CHAIN + " (" + fingerprints
                        + "). Check it against the TSA's published root, or pass --tsa-ca.");
            }
        } catch (Timestamps.Refused e) {
            failures.add(EvidenceBundle.TIMESTAMP + " does not stamp this checkpoint: " + e.getMessage());
        }
    }

    private void notice(Map<String, byte[]> files, JsonNode manifest, Checkpoint checkpoint, List<Proved> events)
            throws Stop {
        if (!files.containsKey(EvidenceBundle.NOTICE)) {
            return;
        }
        JsonNode notice = json(EvidenceBundle.NOTICE, bytes(files, EvidenceBundle.NOTICE));
        List<Long> indexes = new ArrayList<>();
        notice.path("leafIndexes").forEach(i -> indexes.add(i.asLong()));
        List<Long> provedIndexes = events.stream().map(Proved::leafIndex).toList();
        boolean issued = !manifest.path("notice").isNull();
        if (issued
                && notice.path("version").asInt(-1) != manifest.path("notice").asInt()) {
            failures.add(EvidenceBundle.NOTICE + " is not version " + manifest.path("notice") + " of the notice");
        }
        if (notice.path("treeSize").asLong(-1) != checkpoint.size() || !indexes.equals(provedIndexes)) {
            failures.add("the notice names other leaves or another checkpoint than the events proved here");
            return;
        }
        proved.add((issued
                        ? "Notice version " + notice.path("version").asInt() + ", issued "
                                + notice.path("issuedAt").asText() + ","
                        : "The notice (as it reads now, not issued)")
                + " names exactly these " + indexes.size() + " leaves and this checkpoint.");
    }

    private void terms(Map<String, byte[]> files, List<Proved> events) throws Stop {
        if (!files.containsKey(EvidenceBundle.TERMS)) {
            warnings.add("The bundle carries no terms.");
            return;
        }
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.eventId()));
        JsonNode terms = json(EvidenceBundle.TERMS, bytes(files, EvidenceBundle.TERMS));
        Set<String> judged = new HashSet<>();
        List<String> versions = new ArrayList<>();
        for (JsonNode version : terms.path("versions")) {
            String file = version.path("file").asText();
            byte[] content = files.get(file);
            if (content == null) {
                failures.add(EvidenceBundle.TERMS + " names " + file + ", which the bundle lacks");
                continue;
            }
            if (!HEX.formatHex(EvidenceBundle.sha256(content))
                    .equals(version.path("sha256").asText())) {
                failures.add(file + " is not the terms version " + EvidenceBundle.TERMS + " gives the SHA-256 of");
            }
            for (JsonNode id : version.path("events")) {
                if (!ids.contains(id.asText())) {
                    failures.add(EvidenceBundle.TERMS + " says version " + version.path("termsVersion") + " judged "
                            + id.asText() + ", which is not among the events proved");
                }
                judged.add(id.asText());
            }
            versions.add(version.path("termsVersion").asText());
        }
        for (JsonNode missing : terms.path("missing")) {
            warnings.add("Terms version " + missing.path("termsVersion").asText() + " is not included: "
                    + missing.path("reason").asText());
        }
        if (!versions.isEmpty()) {
            proved.add("The terms that judged " + judged.size() + " of the events are included (version(s) "
                    + String.join(", ", versions) + "), each with its SHA-256.");
        }
    }

    private void identities(Map<String, byte[]> files, List<Proved> events) throws Stop {
        if (!files.containsKey(EvidenceBundle.IDENTITIES)) {
            return;
        }
        Map<String, JsonNode> byId = new HashMap<>();
        events.forEach(e -> byId.put(e.eventId(), e.event()));
        Map<String, Integer> verdicts = new java.util.TreeMap<>();
        JsonNode identities = json(EvidenceBundle.IDENTITIES, bytes(files, EvidenceBundle.IDENTITIES));
        for (JsonNode identity : identities.path("events")) {
            JsonNode event = byId.get(identity.path("eventId").asText());
            JsonNode verification =
                    event == null ? null : event.path("evidence").path("verification");
            boolean agrees;
            String said;
            if (verification != null && verification.isObject()) {
                agrees = verification
                                .path("verdict")
                                .asText()
                                .equals(identity.path("verdict").asText())
                        && verification
                                .path("operator")
                                .asText()
                                .equals(identity.path("operator").asText())
                        && verification.path("basis").equals(identity.path("basis"));
                said = identity.path("verdict").asText();
            } else {
                // Published before ingest verified identities: only the producer's claim is there.
                agrees = event != null
                        && identity.path("verdict").isNull()
                        && event.path("evidence")
                                .path("identity")
                                .asText()
                                .equals(identity.path("claimed").asText());
                said = "not verified (producer said " + identity.path("claimed").asText() + ")";
            }
            if (!agrees) {
                failures.add(EvidenceBundle.IDENTITIES + " says of "
                        + identity.path("eventId").asText() + " what its event does not");
                continue;
            }
            verdicts.merge(said, 1, Integer::sum);
        }
        if (!verdicts.isEmpty()) {
            proved.add("Who sent each request, as recorded in the events themselves: " + verdicts + ".");
        }
    }

    private String opened(Map<String, byte[]> files, String name, NoteKey key) throws Stop {
        byte[] note = bytes(files, name);
        String text;
        try {
            text = SignedNote.open(note, List.of(key)).text();
        } catch (SignedNote.Refused e) {
            throw new Stop(name + " is not signed by the evidence log key: " + e.getMessage());
        }
        // Base64 leaves the last character's low bits unused and decoders ignore them: a signature line must be
        // exactly as encoded, so that no byte of the file can change unnoticed.
        String whole = new String(note, StandardCharsets.UTF_8);
        for (String line : whole.substring(text.length() + 1).split("\n")) {
            String signature = line.substring(line.lastIndexOf(' ') + 1);
            if (!java.util.Base64.getEncoder()
                    .encodeToString(java.util.Base64.getDecoder().decode(signature))
                    .equals(signature)) {
                throw new Stop(name + " has a signature line that is not in canonical base64: it was altered");
            }
        }
        return text;
    }

    private static byte[] bytes(Map<String, byte[]> files, String name) throws Stop {
        byte[] content = files.get(name);
        if (content == null) {
            throw new Stop("the bundle lacks " + name);
        }
        return content;
    }

    private static String text(Map<String, byte[]> files, String name) throws Stop {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes(files, name)))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new Stop(name + " is not UTF-8");
        }
    }

    private static JsonNode json(String what, byte[] content) throws Stop {
        try {
            JsonNode node = JSON.readTree(content);
            if (node == null || !node.isObject()) {
                throw new Stop(what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new Stop(
                    what + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String canonical(byte[] json) throws Stop {
        try {
            return new org.erdtman.jcs.JsonCanonicalizer(json).getEncodedString();
        } catch (IOException | RuntimeException e) {
            throw new Stop("not canonicalizable JSON: " + e.getMessage());
        }
    }

    private static byte[] hash32(String hex, String where) throws Stop {
        try {
            byte[] hash = HEX.parseHex(hex);
            if (hash.length == 32) {
                return hash;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new Stop(where + " holds " + EvidenceBundle.printable(hex) + ", not a SHA-256 hash");
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Leaf indexes as ranges, {@code 3–7, 12}. */
    private static String ranges(List<Proved> events) {
        Set<String> parts = new LinkedHashSet<>();
        long start = -2;
        long last = -2;
        for (Proved e : events) {
            if (e.leafIndex() != last + 1) {
                if (start >= 0) {
                    parts.add(start == last ? Long.toString(start) : start + "–" + last);
                }
                start = e.leafIndex();
            }
            last = e.leafIndex();
        }
        if (start >= 0) {
            parts.add(start == last ? Long.toString(start) : start + "–" + last);
        }
        return String.join(", ", parts);
    }
}
