package org.termsguard.ingest.accesslogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.DEFAULT;

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            textBlock =
                    """
            203.0.113.7            | null                               | 203.0.113.7
            10.0.0.1               | 203.0.113.7                        | 203.0.113.7
            10.0.0.1               | 198.51.100.9, 203.0.113.7          | 203.0.113.7
            10.0.0.1               | 198.51.100.9, 203.0.113.7, 10.0.0.2 | 203.0.113.7
            203.0.113.50           | 198.51.100.9                       | 203.0.113.50
            10.0.0.1               | 10.0.0.2, 192.168.1.1              | 10.0.0.2
            127.0.0.1              | null                               | 127.0.0.1
            10.0.0.1               | unknown, 10.0.0.2                  | 10.0.0.2
            10.0.0.1               | 203.0.113.7, garbage               | 10.0.0.1
            10.0.0.1:4433          | 203.0.113.7:51000                  | 203.0.113.7
            [fd00::1]:443          | 2001:db8::7                        | 2001:db8::7
            ::1                    | [2001:db8::7]:8080                 | 2001:db8::7
            ::ffff:10.0.0.1        | 203.0.113.7                        | 203.0.113.7
            169.254.1.1            | 203.0.113.7                        | 169.254.1.1
            fe80::1%eth0           | 203.0.113.7                        | fe80::1%eth0
            127.1                  | 203.0.113.7                        | null
            null                   | 10.0.35.28                         | 10.0.35.28
            null                   | null                               | null
            -                      | -                                  | null
            """)
    void theClientIsTheRightMostUntrustedAddress(String peer, String forwardedFor, String client) {
        assertThat(proxies.clientOf(peer, forwardedFor)).isEqualTo(client);
    }

    @Test
    void trustsLoopbackAndThePrivateRangesButNotLinkLocal() {
        assertThat(List.of(
                        "127.0.0.1",
                        "127.9.9.9",
                        "::1",
                        "10.1.2.3",
                        "172.16.0.1",
                        "172.31.255.255",
                        "192.168.0.1",
                        "fc00::1",
                        "fd12:3456::1"))
                .allMatch(proxies::trusts);
        assertThat(List.of("172.32.0.1", "169.254.169.254", "fe80::1", "100.64.0.1", "203.0.113.7", "2001:db8::1"))
                .noneMatch(proxies::trusts);
    }

    @Test
    void takesConfiguredRangesAndRefusesWhatIsNotOne() {
        TrustedProxies cloudfront = TrustedProxies.of(List.of("130.176.0.0/16", "2600:9000::/28"));
        assertThat(cloudfront.clientOf("130.176.5.5", "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(cloudfront.clientOf("10.0.0.1", "203.0.113.7")).isEqualTo("10.0.0.1");
        assertThat(cloudfront.ranges()).containsExactly("130.176.0.0/16", "2600:9000::/28");
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/8", "ten")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ten' is not an IP address range");
    }

    @Test
    void nobodyIsTrustedWithNone() {
        assertThat(TrustedProxies.none().clientOf("10.0.0.1", "203.0.113.7")).isEqualTo("10.0.0.1");
    }

    @Test
    void walksAtMostSixtyFourHopsOfAForgedChain() {
        String chain = "203.0.113.7, " + "10.0.0.1, ".repeat(10_000) + "10.0.0.2";
        assertThat(proxies.clientOf("10.0.0.3", chain)).startsWith("10.0.0.");
    }
}
