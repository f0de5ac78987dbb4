package org.termsguard.alert.deliveries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.termsguard.contracts.net.TargetPolicy;

class DeliveryRulesTest {

    private static TargetPolicy strict(String resolvesTo) {
        return new TargetPolicy(false, List.of(), host -> new InetAddress[] {InetAddress.getByName(resolvesTo)});
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "127.0.0.1",
                "::1",
                "169.254.169.254",
                "10.1.2.3",
                "172.16.0.1",
                "192.168.1.1",
                "100.64.0.1",
                "100.127.255.254",
                "fc00::1",
                "fd12:3456::1",
                "0.0.0.0",
                "224.0.0.1",
                "fe80::1"
            })
    void refusesInternalAddressesAfterResolution(String address) {
        assertThatThrownBy(() -> strict(address).check("https://hooks.example.com/x"))
                .isInstanceOf(TargetPolicy.Refused.class)
                .hasMessageContaining(address.contains(":") ? "" : address);
    }

    /**
     * An address as a resolver hands it over: IPv6 literals stay IPv6 ({@code InetAddress.getByName} would turn an
     * IPv4-mapped address into the IPv4 one before the policy ever saw it).
     */
    private static InetAddress literal(String address) throws Exception {
        InetAddress parsed = InetAddress.getByName(address);
        if (address.contains(":")) {
            byte[] bytes = new inet.ipaddr.IPAddressString(address).getAddress().getBytes();
            return Inet6Address.getByAddress(null, bytes, -1);
        }
        return parsed;
    }

    private static TargetPolicy resolvingTo(List<String> allowed, String address) {
        return new TargetPolicy(false, allowed, host -> {
            try {
                return new InetAddress[] {literal(address)};
            } catch (Exception e) {
                throw new java.net.UnknownHostException(address);
            }
        });
    }

    /** Each special-purpose range: an address inside is refused, its nearest neighbour outside may be called. */
    @ParameterizedTest(name = "{0}: {1} refused, {2} allowed")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            0.0.0.0/8         | 0.255.255.255                          | 1.0.0.0
            10.0.0.0/8        | 10.255.255.255                         | 11.0.0.0
            100.64.0.0/10     | 100.64.0.0                             | 100.128.0.0
            127.0.0.0/8       | 127.255.255.254                        | 128.0.0.1
            169.254.0.0/16    | 169.254.169.254                        | 169.255.0.1
            172.16.0.0/12     | 172.31.255.255                         | 172.32.0.0
            192.0.0.0/24      | 192.0.0.8                              | 192.0.1.0
            192.0.2.0/24      | 192.0.2.1                              | 192.0.3.0
            192.168.0.0/16    | 192.168.255.255                        | 192.169.0.0
            198.18.0.0/15     | 198.18.0.1                             | 198.17.255.255
            198.18.0.0/15     | 198.19.255.255                         | 198.20.0.0
            198.51.100.0/24   | 198.51.100.7                           | 198.51.101.0
            203.0.113.0/24    | 203.0.113.7                            | 203.0.114.0
            224.0.0.0/4       | 224.0.0.1                              | 223.255.255.255
            240.0.0.0/4       | 255.255.255.255                        | 223.255.255.254
            ::/128            | ::                                     | ::1:0:0
            ::1/128           | ::1                                    | ::1:0:1
            ::/96             | ::808:808                              | ::1:808:808
            ::ffff:0:0/96     | ::ffff:808:808                         | ::fffe:808:808
            64:ff9b::/96      | 64:ff9b::808:808                       | 64:ff9b::1:808:808
            64:ff9b::/96      | 64:ff9b::7f00:1                        | 64:ff9a:ffff:ffff:ffff:ffff:ffff:ffff
            64:ff9b:1::/48    | 64:ff9b:1:ffff::808:808                | 64:ff9b:2::808:808
            100::/64          | 100::1                                 | 100:0:0:1::1
            2001::/32         | 2001:0:4136:e378:8000:63bf:3fff:fdd2   | 2001:1::1
            2001:2::/48       | 2001:2::1                              | 2001:2:1::1
            2001:db8::/32     | 2001:db8::1                            | 2001:db9::1
            2002::/16         | 2002:808:808::1                        | 2003::1
            2002::/16         | 2002:7f00:1::1                         | 2001:ffff::1
            3fff::/20         | 3fff:fff::1                            | 3fff:1000::1
            fc00::/7          | fdff:ffff::1                           | fe00::1
            fe80::/10         | fe80::1                                | fe7f:ffff::1
            fec0::/10         | fec0::1                                | fe00::2
            ff00::/8          | ff02::1                                | 2606:4700::1111
            """)
    void refusesEachSpecialPurposeRangeAndNotItsNeighbour(String range, String inside, String outside)
            throws Exception {
        assertThatThrownBy(() -> resolvingTo(List.of(), inside).check("https://hooks.example.com/x"))
                .isInstanceOf(TargetPolicy.Refused.class)
                .hasMessageContaining(range);
        assertThat(resolvingTo(List.of(), outside)
                        .check("https://hooks.example.com/x")
                        .address())
                .isEqualTo(literal(outside));
    }

    /** Allowing a translating range lets through what it carries only when that IPv4 address may be called too. */
    @ParameterizedTest(name = "{0}: {1} refused, {2} allowed")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            64:ff9b::/96  | 64:ff9b::7f00:1                       | 64:ff9b::5db8:d822
            64:ff9b::/96  | 64:ff9b::a9fe:a9fe                    | 64:ff9b::808:808
            2002::/16     | 2002:c0a8:101::1                      | 2002:5db8:d822::1
            2001::/32     | 2001:0:5db8:d822:0:0:80ff:fffe         | 2001:0:5db8:d822:0:0:a247:27dd
            2001::/32     | 2001:0:a00:1:0:0:a247:27dd             | 2001:0:808:808:0:0:f7f7:f7f7
            ::/96         | ::a00:1                               | ::5db8:d822
            """)
    void judgesTheIpv4AddressInsideAnAllowedTranslatingRange(String allowed, String refused, String callable)
            throws Exception {
        assertThatThrownBy(() -> resolvingTo(List.of(allowed), refused).check("https://hooks.example.com/x"))
                .isInstanceOf(TargetPolicy.Refused.class)
                .hasMessageContaining("which carries");
        assertThat(resolvingTo(List.of(allowed), callable)
                        .check("https://hooks.example.com/x")
                        .address())
                .isEqualTo(literal(callable));
        assertThatThrownBy(() -> resolvingTo(List.of(), callable).check("https://hooks.example.com/x"))
                .isInstanceOf(TargetPolicy.Refused.class);
        // Allowing the IPv4 range as well lets the translated loopback or private address through.
        assertThat(resolvingTo(List.of(allowed, "0.0.0.0/0"), refused).check("https://hooks.example.com/x"))
                .isNotNull();
    }

    @Test
    void allowListsTakeLiteralRangesOnlyAndIgnoreWildcardsAndNames() throws Exception {
        for (String ignored : List.of("*", "10.*", "all", "localhost", "", "10.0.0.0/99")) {
            assertThatThrownBy(() -> resolvingTo(List.of(ignored), "10.0.0.1").check("https://h.example/x"))
                    .isInstanceOf(TargetPolicy.Refused.class);
        }
        assertThat(resolvingTo(List.of(" 10.1.2.3/8 "), "10.200.0.1").check("https://h.example/x"))
                .isNotNull();
    }

    @Test
    void acceptsPublicHttpsAndConnectsToTheAddressItChecked() throws Exception {
        var target = strict("93.184.216.34").check("https://hooks.example.com:8443/x");
        assertThat(target.address().getHostAddress()).isEqualTo("93.184.216.34");
        assertThat(target.port()).isEqualTo(8443);
        assertThat(strict("100.63.255.255").check("https://a.example").port()).isEqualTo(443);
    }

    @Test
    void refusesPlainHttpUnlessAllowedAndInternalUnlessListed() throws Exception {
        assertThatThrownBy(() -> strict("93.184.216.34").check("http://hooks.example.com/x"))
                .hasMessageContaining("only https");
        assertThatThrownBy(() -> strict("93.184.216.34").check("https://user:pw@hooks.example.com/x"))
                .hasMessageContaining("user info");
        var local = new TargetPolicy(
                true, List.of("127.0.0.0/8"), host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")});
        assertThat(local.check("http://localhost:9999/hook").address().isLoopbackAddress())
                .isTrue();
        var partly = new TargetPolicy(
                true, List.of("127.0.0.0/8"), host -> new InetAddress[] {InetAddress.getByName("10.0.0.1")});
        assertThatThrownBy(() -> partly.check("http://internal.example/hook")).isInstanceOf(TargetPolicy.Refused.class);
    }

    @Test
    void signaturesVerifyAndDetectTampering() {
        byte[] body = "{\"alertId\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignature.sign("s3cret", 1_681_291_800L, body);
        assertThat(header).matches("t=1681291800,v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(header, "s3cret", body)).isTrue();
        assertThat(WebhookSignature.verify(header, "other", body)).isFalse();
        assertThat(WebhookSignature.verify(header.replace("t=1681291800", "t=1681291801"), "s3cret", body))
                .isFalse();
    }

    @Test
    void backoffGrowsExponentiallyWithinItsCapAndJitters() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random(7));
        for (int attempt = 1; attempt <= 12; attempt++) {
            long cap = Math.min(30_000, 1000L << (attempt - 1));
            assertThat(backoff.after(attempt).toMillis()).isBetween(1L, cap);
        }
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random(1)).after(6))
                .isNotEqualTo(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random(2)).after(6));
    }
}
