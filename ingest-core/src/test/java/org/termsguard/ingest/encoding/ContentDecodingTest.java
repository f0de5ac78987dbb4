package org.termsguard.ingest.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ContentDecodingTest {

    private static final byte[] LOG =
            ("203.0.113.7 - - [12/Apr/2023:09:30:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"GPTBot/1.2\"\n")
                    .repeat(50)
                    .getBytes(StandardCharsets.UTF_8);

    @Test
    void undoesEachCoding() throws Exception {
        assertThat(decode("gzip", gzip(LOG))).isEqualTo(LOG);
        assertThat(decode("x-gzip", gzip(LOG))).isEqualTo(LOG);
        assertThat(decode("deflate", deflate(LOG, false))).isEqualTo(LOG);
        assertThat(decode("zstd", Zstd.compress(LOG))).isEqualTo(LOG);
        assertThat(decode(null, LOG)).isEqualTo(LOG);
        assertThat(decode("identity", LOG)).isEqualTo(LOG);
    }

    @Test
    void readsRawDeflateAsSomeSendersSendIt() throws Exception {
        assertThat(decode("deflate", deflate(LOG, true))).isEqualTo(LOG);
    }

    @Test
    void undoesStackedCodingsInReverseOrder() throws Exception {
        // "Content-Encoding: gzip, zstd" means gzip was applied first (RFC 9110 §8.4).
        assertThat(decode("gzip, zstd", Zstd.compress(gzip(LOG)))).isEqualTo(LOG);
    }

    @Test
    void readsConcatenatedGzipMembers() throws Exception {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(gzip("a\n".getBytes(StandardCharsets.UTF_8)));
        both.write(gzip("b\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(decode("gzip", both.toByteArray()), StandardCharsets.UTF_8))
                .isEqualTo("a\nb\n");
    }

    @Test
    void refusesABombAtTheBoundWithoutInflatingIt() throws Exception {
        byte[] bomb = gzip(new byte[64 * 1024 * 1024]);
        assertThat(bomb.length).isLessThan(100_000);
        assertThatThrownBy(() -> ContentDecoding.decode(
                        ContentDecoding.codings("gzip"), new ByteArrayInputStream(bomb), 1024 * 1024))
                .isInstanceOf(ContentDecoding.TooLarge.class)
                .hasMessageContaining("1048576");
        byte[] zstdBomb = Zstd.compress(new byte[64 * 1024 * 1024]);
        assertThatThrownBy(() -> ContentDecoding.decode(
                        ContentDecoding.codings("zstd"), new ByteArrayInputStream(zstdBomb), 1024 * 1024))
                .isInstanceOf(ContentDecoding.TooLarge.class);
    }

    @Test
    void theBoundIsInclusive() throws Exception {
        assertThat(ContentDecoding.decode(
                        ContentDecoding.codings("gzip"), new ByteArrayInputStream(gzip(LOG)), LOG.length))
                .isEqualTo(LOG);
    }

    @Test
    void refusesCorruptBodies() {
        byte[] truncated = java.util.Arrays.copyOf(gzipUnchecked(LOG), 20);
        assertThatThrownBy(() -> decode("gzip", truncated)).isInstanceOf(ContentDecoding.Corrupt.class);
        assertThatThrownBy(() -> decode("gzip", LOG))
                .isInstanceOf(ContentDecoding.Corrupt.class)
                .hasMessageContaining("not valid gzip");
        assertThatThrownBy(() -> decode("zstd", LOG)).isInstanceOf(ContentDecoding.Corrupt.class);
        assertThatThrownBy(() -> decode("deflate", new byte[] {0x78, (byte) 0x9c, 1, 2, 3}))
                .isInstanceOf(ContentDecoding.Corrupt.class);
    }

    @Test
    void refusesCodingsItCannotUndo() {
        assertThatThrownBy(() -> ContentDecoding.codings("br"))
                .isInstanceOf(ContentDecoding.UnsupportedCoding.class)
                .hasMessageContaining("'br'");
        assertThatThrownBy(() -> ContentDecoding.codings("compress"))
                .isInstanceOf(ContentDecoding.UnsupportedCoding.class);
        assertThatThrownBy(() -> ContentDecoding.codings("gzip\u0000"))
                .isInstanceOf(ContentDecoding.UnsupportedCoding.class)
                .hasMessageContaining("gzip?");
        assertThatThrownBy(() -> ContentDecoding.codings("gzip,gzip,gzip,gzip,gzip"))
                .isInstanceOf(ContentDecoding.UnsupportedCoding.class);
    }

    private static byte[] decode(String header, byte[] body) throws Exception {
        return ContentDecoding.decode(ContentDecoding.codings(header), new ByteArrayInputStream(body), 10_000_000);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] gzipUnchecked(byte[] data) {
        try {
            return gzip(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] deflate(byte[] data, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        try (DeflaterOutputStream stream = new DeflaterOutputStream(out, deflater)) {
            stream.write(data);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }
}
