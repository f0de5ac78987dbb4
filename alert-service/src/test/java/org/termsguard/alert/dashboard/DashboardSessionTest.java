package org.termsguard.alert.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardSessionTest {

    @Test
    void onlyTheDemoProfileMayOpenTheDashboardWithoutALogin() {
        assertThatThrownBy(() -> DashboardSession.check(true, true, List.of("prod")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only with the demo profile");
        assertThatThrownBy(() -> DashboardSession.check(true, false, List.of("prod", "demo")))
                .hasMessageContaining("needs termsguard.alert.dashboard.demo-token");
        assertThatCode(() -> DashboardSession.check(true, true, List.of("prod", "demo")))
                .doesNotThrowAnyException();
        assertThatCode(() -> DashboardSession.check(false, false, List.of("prod")))
                .doesNotThrowAnyException();
    }

    /** Issue #17: the login-free session answered any caller, and any Host (DNS rebinding). */
    @Test
    void theLoginFreeSessionGoesToALoopbackPeerThatNamedALoopbackHostOnly() {
        for (String host : List.of(
                "localhost",
                "localhost:8083",
                "LOCALHOST:8083",
                "127.0.0.1",
                "127.0.0.1:8083",
                "[::1]",
                "[::1]:8083")) {
            assertThat(DashboardSession.fromThisMachine("127.0.0.1", host))
                    .as(host)
                    .isTrue();
            assertThat(DashboardSession.fromThisMachine("0:0:0:0:0:0:0:1", host))
                    .as(host)
                    .isTrue();
            assertThat(DashboardSession.fromThisMachine("127.8.9.10", host))
                    .as(host)
                    .isTrue();
            assertThat(DashboardSession.fromThisMachine("::ffff:127.0.0.1", host))
                    .as(host)
                    .isTrue();
        }
        // A page on attacker.example rebound to 127.0.0.1 still sends its own name.
        for (String host : List.of(
                "attacker.example",
                "attacker.example:8083",
                "localhost.attacker.example",
                "127.0.0.1.nip.io:8083",
                "localhost:8083@attacker.example",
                "localhost:",
                "localhost:123456",
                "localhost\u0000",
                "localhost:8083 ",
                "[::1",
                "0.0.0.0:8083",
                "127.0.0.2",
                "")) {
            assertThat(DashboardSession.fromThisMachine("127.0.0.1", host))
                    .as(host)
                    .isFalse();
        }
        assertThat(DashboardSession.fromThisMachine("127.0.0.1", null)).isFalse();
        // Anyone else on the network, whatever Host they send.
        for (String peer : List.of(
                "192.168.1.20",
                "10.0.0.5",
                "2001:db8::1",
                "fe80::1%eth0",
                "0.0.0.0",
                "localhost",
                "",
                "999.0.0.1",
                "127.0.0.1\u0000")) {
            assertThat(DashboardSession.fromThisMachine(peer, "localhost:8083"))
                    .as(peer)
                    .isFalse();
        }
        assertThat(DashboardSession.fromThisMachine(null, "localhost:8083")).isFalse();
    }
}
