package org.termsguard.alert.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.termsguard.localstack.LocalTsa;

/**
 * The bundle as a recipient gets it: a real log, a signed checkpoint, a real RFC 3161 token from the local TSA; then
 * every byte of every file changed in turn, and forgeries made with the log's own key (a swapped event, a notice
 * naming other leaves, an identity that its event contradicts, another checkpoint's timestamp), each refused.
 */
class BundleVerifierTest {

    private static final String ORIGIN = "termsguard.test/evidence/reddit";
    private static final HexFormat HEX = HexFormat.of();
    private static final NoteSigner.Generated KEY = NoteSigner.generate("termsguard.test");

    private static LocalTsa tsa;

    @BeforeAll
    static void start() {
        tsa = LocalTsa.start(0);
    }

    @AfterAll
    static void stop() {
        tsa.close();
    }

    private static String event(int i, String verdict) {
        return EvidenceBundle.canonical("{\"eventId\":\"ev-" + i + "\",\"owner\":\"reddit\",\"observedAt\":"
                + "\"2026-12-01T10:00:0" + (i % 10) + "Z\",\"evidence\":{\"userAgent\":\"GPTBot/1.2 \\u0000 é\","
                + "\"verification\":{\"verdict\":\"" + verdict + "\",\"operator\":\"openai\"}}}");
    }

    /** The parts a bundle is made of, each replaceable before it is written. */
    private record Parts(
            List<String> events,
            List<Long> indexes,
            long treeSize,
            MerkleTree tree,
            String checkpoint,
            byte[] timestamp,
            Map<String, String> extra) {}

    private static Parts parts() throws Exception {
        MerkleTree tree = new MerkleTree();
        List<String> events = new ArrayList<>();
        List<Long> indexes = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            String event = event(i, i == 7 ? "contradicted" : "listed");
            tree.append(MerkleTree.leafHash(event.getBytes(StandardCharsets.UTF_8)));
            // Leaves 2, 3, 4, 7 and 9 are the incident's; the others are other incidents' of the same owner.
            if (List.of(2, 3, 4, 7, 9).contains(i)) {
                events.add(event);
                indexes.add((long) i);
            }
        }
        long size = tree.size();
        String body = new Checkpoint(ORIGIN, size, tree.root(size)).body();
        String checkpoint = SignedNote.sign(body, KEY.signer());
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put(
                EvidenceBundle.NOTICE,
                "{\"version\":1,\"treeSize\":" + size + ",\"leafIndexes\":[2,3,4,7,9],\"issuedAt\":"
                        + "\"2026-12-01T11:00:00Z\"}");
        extra.put("terms/v3.json", "{\"terms\":{\"owner\":\"reddit\",\"termsVersion\":3}}");
        extra.put(
                EvidenceBundle.TERMS,
                "{\"versions\":[{\"termsVersion\":3,\"file\":\"terms/v3.json\",\"sha256\":\""
                        + HEX.formatHex(EvidenceBundle.sha256("{\"terms\":{\"owner\":\"reddit\",\"termsVersion\":3}}"
                                .getBytes(StandardCharsets.UTF_8)))
                        + "\",\"events\":[\"ev-2\",\"ev-3\"]}],\"missing\":[]}");
        extra.put(
                EvidenceBundle.IDENTITIES,
                "{\"events\":[{\"eventId\":\"ev-7\",\"verdict\":\"contradicted\",\"operator\":\"openai\"},"
                        + "{\"eventId\":\"ev-2\",\"verdict\":\"listed\",\"operator\":\"openai\"}]}");
        extra.put(EvidenceBundle.NOTICE_MARKDOWN, "# Notice\n\nleaves 2–9\n");
        return new Parts(events, indexes, size, tree, checkpoint, stamp(body), extra);
    }

    private static byte[] stamp(String body) throws Exception {
        Timestamps.Request request = Timestamps.request(body.getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(tsa.url()))
                                .header("Content-Type", "application/timestamp-query")
                                .timeout(Duration.ofSeconds(10))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(request.der()))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        return Timestamps.verify(response.body(), request, roots()).response();
    }

    private static List<java.security.cert.X509Certificate> roots() {
        return Timestamps.certificates(tsa.rootPem().getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] zip(Parts p) {
        StringBuilder events = new StringBuilder();
        StringBuilder proofs = new StringBuilder("{\"treeSize\":" + p.treeSize() + ",\"rootHash\":\""
                + HEX.formatHex(p.tree().root(p.treeSize())) + "\",\"proofs\":[");
        for (int i = 0; i < p.events().size(); i++) {
            events.append(p.events().get(i)).append('\n');
            long index = p.indexes().get(i);
            proofs.append(i == 0 ? "" : ",")
                    .append("{\"eventId\":\"ev-")
                    .append(index)
                    .append("\",\"leafIndex\":")
                    .append(index)
                    .append(",\"path\":[");
            List<byte[]> path = p.tree().inclusionProof(index, p.treeSize());
            for (int j = 0; j < path.size(); j++) {
                proofs.append(j == 0 ? "\"" : ",\"")
                        .append(HEX.formatHex(path.get(j)))
                        .append('"');
            }
            proofs.append("]}");
        }
        proofs.append("]}");
        List<EvidenceBundle.File> files = new ArrayList<>();
        files.add(EvidenceBundle.File.text(EvidenceBundle.EVENTS, "the events", events.toString()));
        files.add(EvidenceBundle.File.text(EvidenceBundle.PROOFS, "the proofs", proofs.toString()));
        files.add(EvidenceBundle.File.text(EvidenceBundle.CHECKPOINT, "the checkpoint", p.checkpoint()));
        if (p.timestamp() != null) {
            files.add(new EvidenceBundle.File(EvidenceBundle.TIMESTAMP, "the token", p.timestamp()));
            files.add(EvidenceBundle.File.text(EvidenceBundle.TSA_CHAIN, "the TSA root", tsa.rootPem()));
        }
        files.add(EvidenceBundle.File.text(
                EvidenceBundle.LOG_KEY, "the key", KEY.verifier().encoded() + "\n"));
        p.extra().forEach((name, content) -> files.add(EvidenceBundle.File.text(name, name, content)));
        return EvidenceBundle.write(
                new EvidenceBundle.Header("reddit", "inc-1", 1, ORIGIN, p.treeSize(), Instant.now()),
                files,
                KEY.signer());
    }

    private static Map<String, byte[]> read(byte[] zip) throws Exception {
        return EvidenceBundle.read(new ByteArrayInputStream(zip));
    }

    private static BundleVerifier.Report verify(Map<String, byte[]> files) {
        return BundleVerifier.verify(files, BundleVerifier.Trust.bundleOnly());
    }

    @Test
    void aWholeBundleVerifiesAndSaysWhatItProved() throws Exception {
        BundleVerifier.Report report = verify(read(zip(parts())));

        assertThat(report.failures()).isEmpty();
        assertThat(report.text())
                .contains("5 event(s) of reddit (incident inc-1) are leaves 2–4, 7, 9 of that log")
                .contains("checkpoint of the evidence log " + ORIGIN + " at 11 leaves")
                .contains("Time-Stamping Authority")
                .contains("Notice version 1, issued 2026-12-01T11:00:00Z, names exactly these 5 leaves")
                .contains("version(s) 3")
                .contains("{contradicted=1, listed=1}")
                .contains("VERIFIED");
        // Trusting only what came in the bundle is said; pinning the key and the TSA root removes those notes.
        assertThat(report.warnings()).hasSize(2);
        BundleVerifier.Report pinned = BundleVerifier.verify(
                read(zip(parts())), new BundleVerifier.Trust(Optional.of(KEY.verifier()), roots()));
        assertThat(pinned.failures()).isEmpty();
        assertThat(pinned.warnings()).isEmpty();
    }

    @Test
    void changingAnyByteOfAnyFileIsDetected() throws Exception {
        Map<String, byte[]> files = read(zip(parts()));
        assertThat(files.keySet())
                .contains(
                        EvidenceBundle.MANIFEST,
                        EvidenceBundle.MANIFEST_SIGNATURE,
                        EvidenceBundle.SUMS,
                        EvidenceBundle.TIMESTAMP,
                        "terms/v3.json");
        int tried = 0;
        for (String name : files.keySet()) {
            byte[] original = files.get(name);
            for (int at = 0; at < original.length; at++) {
                // The low bit: in base64 text it is where decoders are lenient, so the hardest to notice.
                for (int bit : new int[] {0x01}) {
                    byte[] changed = original.clone();
                    changed[at] ^= (byte) bit;
                    Map<String, byte[]> tampered = new LinkedHashMap<>(files);
                    tampered.put(name, changed);
                    BundleVerifier.Report report = verify(tampered);
                    assertThat(report.verified())
                            .as("%s with byte %d ^ 0x%02x", name, at, bit)
                            .isFalse();
                    tried++;
                }
            }
        }
        assertThat(tried).isGreaterThan(5_000);
    }

    @Test
    void droppingOrAddingAFileIsDetected() throws Exception {
        Map<String, byte[]> files = read(zip(parts()));
        for (String name : files.keySet()) {
            Map<String, byte[]> dropped = new LinkedHashMap<>(files);
            dropped.remove(name);
            assertThat(verify(dropped).verified()).as("without %s", name).isFalse();
        }
        Map<String, byte[]> added = new LinkedHashMap<>(files);
        added.put("terms/v4.json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(verify(added).failures()).anyMatch(f -> f.contains("terms/v4.json is in the bundle but not"));
    }

    private static BundleVerifier.Report forged(UnaryOperator<Parts> forgery) throws Exception {
        return verify(read(zip(forgery.apply(parts()))));
    }

    @Test
    void forgeriesSignedWithTheLogsOwnKeyAreStillRefused() throws Exception {
        // Another event in place of leaf 3: the manifest is re-signed, the inclusion proof is not the event's.
        assertThat(forged(p -> {
                            List<String> events = new ArrayList<>(p.events());
                            events.set(1, event(3, "signed"));
                            return new Parts(
                                    events,
                                    p.indexes(),
                                    p.treeSize(),
                                    p.tree(),
                                    p.checkpoint(),
                                    p.timestamp(),
                                    p.extra());
                        })
                        .failures())
                .anyMatch(f -> f.contains("event ev-3 (line 2) is not leaf 3 of the signed tree"));
        // The notice names a leaf this bundle does not prove.
        assertThat(forged(p -> {
                            Map<String, String> extra = new LinkedHashMap<>(p.extra());
                            extra.put(
                                    EvidenceBundle.NOTICE,
                                    extra.get(EvidenceBundle.NOTICE).replace("[2,3,4,7,9]", "[2,3,4,7,8]"));
                            return new Parts(
                                    p.events(),
                                    p.indexes(),
                                    p.treeSize(),
                                    p.tree(),
                                    p.checkpoint(),
                                    p.timestamp(),
                                    extra);
                        })
                        .failures())
                .anyMatch(f -> f.contains("the notice names other leaves"));
        // identities.json calls the impostor verified.
        assertThat(forged(p -> {
                            Map<String, String> extra = new LinkedHashMap<>(p.extra());
                            extra.put(
                                    EvidenceBundle.IDENTITIES,
                                    extra.get(EvidenceBundle.IDENTITIES).replace("contradicted", "signed"));
                            return new Parts(
                                    p.events(),
                                    p.indexes(),
                                    p.treeSize(),
                                    p.tree(),
                                    p.checkpoint(),
                                    p.timestamp(),
                                    extra);
                        })
                        .failures())
                .anyMatch(f -> f.contains("identities.json says of ev-7 what its event does not"));
        // A real token, but over another checkpoint.
        assertThat(forged(p -> {
                            try {
                                return new Parts(
                                        p.events(),
                                        p.indexes(),
                                        p.treeSize(),
                                        p.tree(),
                                        p.checkpoint(),
                                        stamp(new Checkpoint(
                                                        ORIGIN, 10, p.tree().root(10))
                                                .body()),
                                        p.extra());
                            } catch (Exception e) {
                                throw new AssertionError(e);
                            }
                        })
                        .failures())
                .anyMatch(f -> f.contains("checkpoint.tsr does not stamp this checkpoint"));
        // No token at all: verified, but the missing time is said.
        BundleVerifier.Report unstamped = forged(
                p -> new Parts(p.events(), p.indexes(), p.treeSize(), p.tree(), p.checkpoint(), null, p.extra()));
        assertThat(unstamped.verified()).isTrue();
        assertThat(unstamped.warnings()).anyMatch(w -> w.startsWith("No trusted timestamp"));
    }

    @Test
    void aBundleSignedByAnotherKeyThanTheTrustedOneIsRefused() throws Exception {
        NoteKey other = NoteSigner.generate("termsguard.test").verifier();
        BundleVerifier.Report report =
                BundleVerifier.verify(read(zip(parts())), new BundleVerifier.Trust(Optional.of(other), List.of()));
        assertThat(report.verified()).isFalse();
        assertThat(report.failures().get(0)).contains("not by the key you trust");
    }

    @Test
    void zipsNoBundleCouldBeAreRefusedUnread() throws Exception {
        assertThatThrownBy(() -> read(zipOf("../../etc/passwd", "x")))
                .isInstanceOf(EvidenceBundle.Unreadable.class)
                .hasMessageContaining("an entry no bundle has: ../../etc/passwd");
        assertThatThrownBy(() -> read(zipOf("/abs", "x"))).isInstanceOf(EvidenceBundle.Unreadable.class);
        assertThatThrownBy(() -> read("not a zip at all".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EvidenceBundle.Unreadable.class);
        // A small zip that unpacks to more than the limit (a zip bomb) stops at the limit.
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.putNextEntry(new ZipEntry("events.ndjson"));
            byte[] zeros = new byte[1024 * 1024];
            for (long written = 0; written <= 64L * 1024 * 1024; written += zeros.length) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertThat(bomb.size()).isLessThan(1024 * 1024);
        assertThatThrownBy(() -> EvidenceBundle.read(new ByteArrayInputStream(bomb.toByteArray()), 32L * 1024 * 1024))
                .isInstanceOf(EvidenceBundle.Unreadable.class)
                .hasMessageContaining("more than");
    }

    @Test
    void aBundleUnpackedAndZippedAgainWithFolderEntriesReadsTheSame() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("terms/"));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("terms/v1.json"));
            zip.write("{}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertThat(read(out.toByteArray()).keySet()).containsExactly("terms/v1.json");
        assertThatThrownBy(() -> read(zipOf("terms/../", ""))).isInstanceOf(EvidenceBundle.Unreadable.class);
    }

    private static byte[] zipOf(String name, String content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
