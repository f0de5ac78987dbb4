package org.termsguard.alert.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.termsguard.localstack.LocalTsa;

/**
 * RFC 3161 against a real TSA on loopback (the local stack's, BouncyCastle's generator with its own chain), each
 * token also checked by {@code openssl ts -verify}, which shares no code with this one.
 */
class TimestampsTest {

    private static final byte[] CHECKPOINT =
            "termsguard.test/evidence/reddit\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
                    .getBytes(StandardCharsets.UTF_8);

    private static LocalTsa tsa;
    private static LocalTsa other;

    @BeforeAll
    static void start() {
        tsa = LocalTsa.start(0);
        other = LocalTsa.start(0);
    }

    @AfterAll
    static void stop() {
        tsa.close();
        other.close();
    }

    private static byte[] post(LocalTsa to, byte[] request) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(to.url()))
                                .header("Content-Type", "application/timestamp-query")
                                .timeout(Duration.ofSeconds(10))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static List<java.security.cert.X509Certificate> roots(LocalTsa of) {
        return Timestamps.certificates(of.rootPem().getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aTokenOverTheCheckpointVerifiesHereAndWithOpenssl(@TempDir Path dir) throws Exception {
        Timestamps.Request request = Timestamps.request(CHECKPOINT);
        Instant before = Instant.now().minusSeconds(1);

        Timestamps.Token token = Timestamps.verify(post(tsa, request.der()), request, roots(tsa));

        assertThat(token.genTime()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(token.policy()).isEqualTo(LocalTsa.POLICY);
        assertThat(Timestamps.verifyStored(token.response(), CHECKPOINT, roots(tsa))
                        .serial())
                .isEqualTo(token.serial());

        Path openssl = Path.of("/usr/bin/openssl");
        Assumptions.assumeTrue(Files.isExecutable(openssl), "openssl is not installed (CI installs it)");
        Files.write(dir.resolve("checkpoint.tsr"), token.response());
        Files.write(dir.resolve("checkpoint.txt"), CHECKPOINT);
        Files.writeString(dir.resolve("tsa-root.pem"), tsa.rootPem());
        assertThat(openssl(dir, "checkpoint.txt")).contains("Verification: OK");
        byte[] tampered = CHECKPOINT.clone();
        tampered[tampered.length - 3] ^= 1;
        Files.write(dir.resolve("tampered.txt"), tampered);
        assertThat(openssl(dir, "tampered.txt")).doesNotContain("Verification: OK");
    }

    private static String openssl(Path dir, String data) throws Exception {
        Process process = new ProcessBuilder(
                        "/usr/bin/openssl",
                        "ts",
                        "-verify",
                        "-in",
                        "checkpoint.tsr",
                        "-data",
                        data,
                        "-CAfile",
                        "tsa-root.pem")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }

    @Test
    void aTokenForOtherDataAnotherRequestOrAnUntrustedTsaIsRefused() throws Exception {
        Timestamps.Request request = Timestamps.request(CHECKPOINT);
        byte[] reply = post(tsa, request.der());
        byte[] tampered = CHECKPOINT.clone();
        tampered[0] ^= 1;

        assertThatThrownBy(() -> Timestamps.verifyStored(reply, tampered, roots(tsa)))
                .isInstanceOf(Timestamps.Refused.class)
                .hasMessageContaining("another digest");
        assertThatThrownBy(() -> Timestamps.verify(reply, Timestamps.request(CHECKPOINT), roots(tsa)))
                .as("another request's nonce")
                .isInstanceOf(Timestamps.Refused.class);
        assertThatThrownBy(() -> Timestamps.verify(reply, request, roots(other)))
                .isInstanceOf(Timestamps.Refused.class)
                .hasMessageContaining("trusted root");
        assertThatThrownBy(() -> Timestamps.verify(reply, request, List.of())).isInstanceOf(Timestamps.Refused.class);
        byte[] flipped = reply.clone();
        flipped[flipped.length - 10] ^= 1;
        assertThatThrownBy(() -> Timestamps.verify(flipped, request, roots(tsa)))
                .isInstanceOf(Timestamps.Refused.class);
        assertThatThrownBy(() -> Timestamps.verify(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}, request, roots(tsa)))
                .isInstanceOf(Timestamps.Refused.class);
        assertThatThrownBy(() -> Timestamps.verify("not DER".getBytes(StandardCharsets.US_ASCII), request, roots(tsa)))
                .isInstanceOf(Timestamps.Refused.class);
    }
}
