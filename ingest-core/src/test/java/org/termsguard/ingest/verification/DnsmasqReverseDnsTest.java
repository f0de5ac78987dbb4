package org.termsguard.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.termsguard.contracts.events.Verification;
import org.termsguard.contracts.events.Verification.Verdict;

/**
 * Forward-confirmed reverse DNS against a real DNS server: Debian's dnsmasq on loopback (which CI installs; a
 * machine without it skips this test), serving from its command line a Googlebot-like host whose PTR and A records
 * agree, an address whose PTR claims googlebot.com but whose name resolves elsewhere (the spoof the forward lookup
 * exists to defeat), a look-alike domain, and an IPv6 host.
 */
class DnsmasqReverseDnsTest {

    private static final String GOOGLEBOT_UA =
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private static final List<String> GOOGLE = List.of("googlebot.com", "google.com", "googleusercontent.com");

    private static Process dnsmasq;
    private static int port;

    private static Path binary() {
        for (String candidate : List.of("/usr/sbin/dnsmasq", "/usr/local/sbin/dnsmasq", "/usr/bin/dnsmasq")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    @BeforeAll
    static void start() throws Exception {
        Path binary = binary();
        Assumptions.assumeTrue(binary != null, "dnsmasq is not installed (CI installs it)");
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "--keep-in-foreground",
                "--conf-file=/dev/null",
                "--no-resolv",
                "--no-hosts",
                "--no-poll",
                "--pid-file=",
                "--listen-address=127.0.0.1",
                "--bind-interfaces",
                "--port=" + port,
                "--log-facility=-",
                // Authoritative for the test's zones, so that a name or type without records is NXDOMAIN or empty
                // rather than REFUSED (no upstream server is configured).
                "--local=/googlebot.com/",
                "--local=/example/",
                "--local=/in-addr.arpa/",
                "--local=/ip6.arpa/",
                // A genuine crawler host: PTR and A agree (host-record adds both).
                "--host-record=crawl-192-0-2-66.googlebot.com,192.0.2.66",
                "--host-record=crawl-v6.googlebot.com,2001:db8::66",
                // A spoof: the PTR says googlebot.com, but the name resolves to another address.
                "--ptr-record=77.2.0.192.in-addr.arpa,crawl-192-0-2-77.googlebot.com",
                "--host-record=crawl-192-0-2-77.googlebot.com,192.0.2.200",
                // A look-alike domain, PTR and A agreeing.
                "--host-record=crawl.googlebot.com.evil.example,192.0.2.88"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--user=root");
        }
        dnsmasq = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("dnsmasq-", ".log").toFile())
                .start();
        JndiResolver resolver = new JndiResolver("127.0.0.1:" + port, Duration.ofSeconds(1));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> !resolver.addresses("crawl-192-0-2-66.googlebot.com", Duration.ofSeconds(1))
                        .isEmpty());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (dnsmasq != null) {
            dnsmasq.destroy();
            dnsmasq.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static ReverseDnsAnswer lookUp(String address) {
        return new ForwardConfirmedDns(
                        new JndiResolver("127.0.0.1:" + port, Duration.ofSeconds(1)), Duration.ofSeconds(3))
                .lookUp(address, GOOGLE);
    }

    private static Verification verify(String address) {
        Verifier verifier =
                new Verifier(BuiltInSources.all(), new SnapshotHistories(), new WebBotAuth(Duration.ofMinutes(1)));
        EventVerification verification = new EventVerification(
                verifier,
                (ip, suffixes) -> Optional.of(new ForwardConfirmedDns(
                                new JndiResolver("127.0.0.1:" + port, Duration.ofSeconds(1)), Duration.ofSeconds(3))
                        .lookUp(ip, suffixes)));
        return verification.verify(Observation.of(GOOGLEBOT_UA, address, Instant.parse("2026-02-01T00:00:00Z")));
    }

    @Test
    void aPtrThatResolvesBackIsConfirmed() {
        ReverseDnsAnswer answer = lookUp("192.0.2.66");
        assertThat(answer.complete()).isTrue();
        assertThat(answer.pointerNames()).containsExactly("crawl-192-0-2-66.googlebot.com");
        assertThat(answer.judge(GOOGLE).result()).isEqualTo(ReverseDnsAnswer.Result.CONFIRMED);

        Verification verdict = verify("192.0.2.66");
        assertThat(verdict.verdict()).isEqualTo(Verdict.DNS);
        assertThat(verdict.consumer()).isEqualTo("google");
        assertThat(verdict.basis().sourceId()).isEqualTo("google-googlebot-dns");
        assertThat(verdict.basis().matched()).isEqualTo("crawl-192-0-2-66.googlebot.com");
    }

    @Test
    void ipv6IsConfirmedThroughIp6Arpa() {
        assertThat(lookUp("2001:db8::66").judge(GOOGLE).result()).isEqualTo(ReverseDnsAnswer.Result.CONFIRMED);
        assertThat(verify("2001:db8::66").verdict()).isEqualTo(Verdict.DNS);
    }

    @Test
    void aSpoofedPtrIsContradicted() {
        ReverseDnsAnswer answer = lookUp("192.0.2.77");
        assertThat(answer.pointerNames()).containsExactly("crawl-192-0-2-77.googlebot.com");
        assertThat(answer.forward().get("crawl-192-0-2-77.googlebot.com")).containsExactly("192.0.2.200");
        assertThat(answer.judge(GOOGLE).result()).isEqualTo(ReverseDnsAnswer.Result.SPOOFED);
        assertThat(verify("192.0.2.77").verdict()).isEqualTo(Verdict.CONTRADICTED);
    }

    @Test
    void aLookAlikeDomainIsNotTheOperators() {
        ReverseDnsAnswer answer = lookUp("192.0.2.88");
        assertThat(answer.pointerNames()).containsExactly("crawl.googlebot.com.evil.example");
        assertThat(answer.judge(GOOGLE).result()).isEqualTo(ReverseDnsAnswer.Result.OUTSIDE);
        // Google's list has no version in force here (none is given), so one check could not answer: the claim
        // stands unverified rather than contradicted.
        Verification verdict = verify("192.0.2.88");
        assertThat(verdict.verdict()).isEqualTo(Verdict.CLAIMED);
        assertThat(verdict.reasons()).anyMatch(r -> r.contains("google-googlebot has no list in force"));
    }

    @Test
    void anAddressWithoutAPtrIsOutside() throws IOException {
        assertThat(lookUp("192.0.2.99").judge(GOOGLE).result()).isEqualTo(ReverseDnsAnswer.Result.OUTSIDE);
    }
}
