package org.termsguard.alert.deliveries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
