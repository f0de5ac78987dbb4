package org.termsguard.policy.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void matchesIpv4AndIpv6Ranges() {
        assertThat(Cidr.parse("203.0.113.0/24").contains("203.0.113.255")).isTrue();
        assertThat(Cidr.parse("203.0.113.0/24").contains("203.0.114.0")).isFalse();
        assertThat(Cidr.parse("10.0.0.0/9").contains("10.127.255.255")).isTrue();
        assertThat(Cidr.parse("10.0.0.0/9").contains("10.128.0.0")).isFalse();
        assertThat(Cidr.parse("2001:db8::/32").contains("2001:db8:1::7")).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains("2001:db9::1")).isFalse();
        assertThat(Cidr.parse("203.0.113.7").contains("203.0.113.7")).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").contains("198.51.100.1")).isTrue();
        assertThat(Cidr.parse("203.0.113.0/24").contains("2001:db8::1")).isFalse();
        assertThat(Cidr.parse("203.0.113.0/24").contains("not-an-ip")).isFalse();
    }

    @Test
    void refusesWhatIsNotARange() {
        assertThatThrownBy(() -> Cidr.parse("example.com/24")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("203.0.113.0/33")).isInstanceOf(IllegalArgumentException.class);
    }
}
