package org.termsguard.ingest.encoding;

import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Undoes the content codings of a request body (RFC 9110 §8.4): {@code gzip}, {@code deflate} and {@code zstd}
 * (RFC 8878), in the reverse of the order the sender applied them, and never yields more than a bound — a body of a
 * few kilobytes that inflates to gigabytes (a "zip bomb") is refused as soon as it passes the bound, with nothing
 * decoded beyond it kept.
 *
 * <p>Log shippers compress by default or commonly: Vector, Fluent Bit, the OpenTelemetry Collector ({@code gzip}),
 * Cloudflare Logpush and Firehose ({@code gzip}), Vector and the Collector also {@code zstd}.
 */
public final class ContentDecoding {

    /** A coding this service cannot undo; RFC 9110 §15.5.16 answers it with 415. */
    public static final class UnsupportedCoding extends Exception {
        public UnsupportedCoding(String message) {
            super(message, null, false, false);
        }
    }

    /** The body decodes to more than the bound. */
    public static final class TooLarge extends Exception {
        public TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    /** The body is not valid in the coding it declares. */
    public static final class Corrupt extends Exception {
        public Corrupt(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_CODINGS = 4;
    private static final int ZSTD_WINDOW_LOG = 23;

    private ContentDecoding() {}

    /**
     * The codings of a {@code Content-Encoding} header, in the order they were applied; {@code identity} and empty
     * members are dropped.
     */
    public static List<String> codings(String header) throws UnsupportedCoding {
        List<String> codings = new ArrayList<>();
        if (header == null) {
            return codings;
        }
        for (String member : header.split(",")) {
            // List members are separated by optional white space, which is spaces and tabs only (RFC 9110 §5.6.1).
            String coding = member.replaceAll("^[ \t]+|[ \t]+$", "").toLowerCase(Locale.ROOT);
            if (coding.isEmpty() || coding.equals("identity")) {
                continue;
            }
            // x-gzip is gzip's old name, which recipients SHOULD treat as gzip (RFC 9110 §8.4.1.3).
            coding = coding.equals("x-gzip") ? "gzip" : coding;
            if (!coding.equals("gzip") && !coding.equals("deflate") && !coding.equals("zstd")) {
                throw new UnsupportedCoding("Content-Encoding " + printable(coding)
                        + " is not supported; send gzip, deflate, zstd or an uncompressed body.");
            }
            codings.add(coding);
        }
        if (codings.size() > MAX_CODINGS) {
            throw new UnsupportedCoding(
                    "Content-Encoding applies " + codings.size() + " codings; at most " + MAX_CODINGS + " are undone.");
        }
        return codings;
    }

    /**
     * @param codings as {@link #codings(String)} returns them
     * @param maxBytes the most decoded bytes accepted
     * @return the decoded body
     */
    public static byte[] decode(List<String> codings, InputStream body, long maxBytes)
            throws TooLarge, Corrupt, IOException {
        List<Inflater> inflaters = new ArrayList<>();
        String coding = null;
        try {
            InputStream decoded = body;
            for (int i = codings.size() - 1; i >= 0; i--) {
                coding = codings.get(i);
                decoded = decoder(coding, decoded, inflaters);
            }
            try (InputStream in = decoded) {
                return readAtMost(in, maxBytes);
            }
        } catch (ZipException | EOFException | ZstdIOException e) {
            throw new Corrupt("The body is not valid " + coding + ": " + e.getMessage());
        } finally {
            inflaters.forEach(Inflater::end);
        }
    }

    private static InputStream decoder(String coding, InputStream in, List<Inflater> inflaters) throws IOException {
        return switch (coding) {
            case "gzip" -> new GZIPInputStream(in, 8192);
            case "deflate" -> deflate(in, inflaters);
            // RFC 9659 §3: a zstd content coding uses at most an 8 MB window, so a frame asking for more is refused
            // rather than given the memory.
            case "zstd" -> new ZstdInputStream(in).setLongMax(ZSTD_WINDOW_LOG);
            default -> throw new IllegalArgumentException(coding);
        };
    }

    /**
     * HTTP's {@code deflate} is the zlib format (RFC 9110 §8.4.1.2, RFC 1950), but some senders send a raw deflate
     * stream (RFC 1951), as the RFC itself notes; a zlib stream starts with a header whose check bits make the first
     * two bytes a multiple of 31.
     */
    private static InputStream deflate(InputStream in, List<Inflater> inflaters) throws IOException {
        PushbackInputStream peek = new PushbackInputStream(in, 2);
        int first = peek.read();
        int second = first < 0 ? -1 : peek.read();
        if (second >= 0) {
            peek.unread(second);
        }
        if (first >= 0) {
            peek.unread(first);
        }
        boolean zlib = first >= 0 && second >= 0 && (first & 0x0f) == 8 && ((first << 8) | second) % 31 == 0;
        Inflater inflater = new Inflater(!zlib);
        inflaters.add(inflater);
        return new InflaterInputStream(peek, inflater, 8192);
    }

    private static byte[] readAtMost(InputStream in, long maxBytes) throws IOException, TooLarge {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            total += read;
            if (total > maxBytes) {
                throw new TooLarge("The body decompresses to more than the " + maxBytes + " bytes this service takes.");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    private static String printable(String coding) {
        String shown = coding.length() > 40 ? coding.substring(0, 40) + "..." : coding;
        return "'" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }
}
