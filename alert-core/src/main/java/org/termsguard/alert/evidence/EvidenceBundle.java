package org.termsguard.alert.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * An incident's evidence bundle (issue #20): one zip a recipient can check offline. Every file is listed in
 * {@code manifest.json} (RFC 8785 canonical JSON) with its SHA-256, and the manifest's own SHA-256 is signed by the
 * evidence-log key in {@code manifest.sig} (a C2SP signed note), so that no file can be changed, added or dropped
 * without the signature failing; what the files prove is checked by {@link BundleVerifier}.
 */
public final class EvidenceBundle {

    public static final String FORMAT = "termsguard-evidence-bundle/1";

    public static final String MANIFEST = "manifest.json";
    public static final String MANIFEST_SIGNATURE = "manifest.sig";
    public static final String README = "README.txt";
    public static final String SUMS = "SHA256SUMS";
    public static final String EVENTS = "events.ndjson";
    public static final String PROOFS = "proofs.json";
    public static final String CHECKPOINT = "checkpoint.txt";
    public static final String TIMESTAMP = "checkpoint.tsr";
    public static final String TSA_CHAIN = "tsa-chain.pem";
    public static final String LOG_KEY = "log-key.pub";
    public static final String LOG_KEY_PEM = "log-key.pem";
    public static final String TERMS = "terms.json";
    public static final String IDENTITIES = "identities.json";
    public static final String NOTICE = "notice.json";
    public static final String NOTICE_MARKDOWN = "notice.md";
    public static final String NOTICE_HTML = "notice.html";
    public static final String NOTICE_PDF = "notice.pdf";

    /** Entry names: a flat file or one folder level, nothing that could climb out of where it is unpacked. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}(/[A-Za-z0-9][A-Za-z0-9._-]{0,63})?");

    /** Larger than any bundle the service makes (its event cap times the largest event and proof). */
    public static final long MAX_BYTES = 512L * 1024 * 1024;

    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One file of the bundle and, for the manifest, what it is. */
    public record File(String name, String describes, byte[] content) {
        public File {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a bundle file name: " + name);
            }
        }

        public static File text(String name, String describes, String content) {
            return new File(name, describes, content.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * What the bundle is of.
     *
     * @param notice the issued notice version it is the evidence of; null for the incident as it stands
     * @param origin the evidence log's checkpoint origin
     * @param treeSize the size of the checkpoint every proof is against
     */
    public record Header(
            String owner, String incidentId, Integer notice, String origin, long treeSize, Instant createdAt) {}

    /** Why a zip is not a readable bundle. */
    public static final class Unreadable extends Exception {
        public Unreadable(String message) {
            super(message);
        }
    }

    private EvidenceBundle() {}

    /** The zip: the files in their order, {@code SHA256SUMS}, then the manifest and its signature. */
    public static byte[] write(Header header, List<File> files, NoteSigner signer) {
        Map<String, File> all = new LinkedHashMap<>();
        for (File file : files) {
            if (all.put(file.name(), file) != null || reserved(file.name())) {
                throw new IllegalArgumentException("a bundle holds one " + file.name());
            }
        }
        StringBuilder sums = new StringBuilder();
        all.values().forEach(f -> sums.append(hex(sha256(f.content())))
                .append("  ")
                .append(f.name())
                .append('\n'));
        all.put(
                SUMS,
                File.text(SUMS, "the SHA-256 of every other file but the manifest, for sha256sum -c", sums.toString()));
        byte[] manifest = manifest(header, all.values().stream().toList());
        String signature = SignedNote.sign(manifestNoteText(header.origin(), manifest), signer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (File file : all.values()) {
                put(zip, file.name(), file.content(), header.createdAt());
            }
            put(zip, MANIFEST, manifest, header.createdAt());
            put(zip, MANIFEST_SIGNATURE, signature.getBytes(StandardCharsets.UTF_8), header.createdAt());
        } catch (IOException e) {
            throw new UncheckedIOException("a zip in memory cannot fail to be written", e);
        }
        return out.toByteArray();
    }

    private static boolean reserved(String name) {
        return name.equals(MANIFEST) || name.equals(MANIFEST_SIGNATURE) || name.equals(SUMS);
    }

    private static void put(ZipOutputStream zip, String name, byte[] content, Instant at) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(at.toEpochMilli());
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    /** The manifest: RFC 8785 canonical JSON naming the bundle's subject and each file's size and SHA-256. */
    static byte[] manifest(Header header, List<File> files) {
        ObjectNode manifest = JSON.createObjectNode()
                .put("format", FORMAT)
                .put("owner", header.owner())
                .put("incidentId", header.incidentId())
                .put("origin", header.origin())
                .put("treeSize", header.treeSize())
                .put("createdAt", header.createdAt().toString());
        if (header.notice() == null) {
            manifest.putNull("notice");
        } else {
            manifest.put("notice", header.notice());
        }
        ArrayNode listed = manifest.putArray("files");
        for (File file : files) {
            listed.addObject()
                    .put("name", file.name())
                    .put("bytes", file.content().length)
                    .put("sha256", hex(sha256(file.content())))
                    .put("describes", file.describes());
        }
        return canonical(manifest.toString()).getBytes(StandardCharsets.UTF_8);
    }

    /** What {@code manifest.sig} signs: the log's origin and the manifest's SHA-256, one per line. */
    public static String manifestNoteText(String origin, byte[] manifest) {
        return origin + "/bundle\nmanifest.json sha256:" + hex(sha256(manifest)) + "\n";
    }

    /**
     * The bundle's files by name, refusing what a hand-made zip could smuggle: two entries of one name, folders,
     * names that climb out ({@code ../}) or are absolute, and more than {@link #MAX_BYTES} unpacked.
     */
    public static Map<String, byte[]> read(InputStream zip) throws Unreadable, IOException {
        return read(zip, MAX_BYTES);
    }

    static Map<String, byte[]> read(InputStream zip, long maxBytes) throws Unreadable, IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(zip, StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = entry.getName();
                // A folder entry (as zip -r writes for terms/) holds nothing: the files in it are checked.
                if (entry.isDirectory()
                        && NAME.matcher(name.substring(0, name.length() - 1)).matches()
                        && name.indexOf('/') == name.length() - 1) {
                    continue;
                }
                if (!NAME.matcher(name).matches()) {
                    throw new Unreadable("the zip holds an entry no bundle has: " + printable(name));
                }
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                    if (total > maxBytes) {
                        throw new Unreadable("the zip unpacks to more than " + maxBytes + " bytes");
                    }
                    content.write(buffer, 0, n);
                }
                if (files.put(name, content.toByteArray()) != null) {
                    throw new Unreadable("the zip holds " + name + " twice");
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new Unreadable("not a readable zip: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new Unreadable("not a zip, or an empty one");
        }
        return files;
    }

    static String printable(String name) {
        String shown = name.length() > 80 ? name.substring(0, 80) + "…" : name;
        return shown.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    /** RFC 8785 canonical form of a JSON text. */
    public static String canonical(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    public static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
