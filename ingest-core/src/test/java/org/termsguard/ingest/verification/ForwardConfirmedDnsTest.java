package org.termsguard.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.termsguard.ingest.verification.ReverseDnsAnswer.Result;

/** With a fake resolver; the service is to run the same against dnsmasq on loopback. */
class ForwardConfirmedDnsTest {

    private static final List<String> GOOGLE = List.of("googlebot.com", "google.com", "googleusercontent.com");

    private static ReverseDnsAnswer lookUp(FakeResolver resolver, String address) {
        return new ForwardConfirmedDns(resolver, Duration.ofMillis(200), () -> resolver.now).lookUp(address, GOOGLE);
    }

    @Test
    void aPtrUnderTheSuffixesThatResolvesBackIsConfirmed() {
        FakeResolver dns = new FakeResolver()
                .ptr("66.249.66.1", "crawl-66-249-66-1.googlebot.com.")
                .a("crawl-66-249-66-1.googlebot.com", "66.249.66.1");

        ReverseDnsAnswer answer = lookUp(dns, "66.249.66.1");
        ReverseDnsAnswer.Judgment judgment = answer.judge(GOOGLE);

        assertThat(answer.pointerNames()).containsExactly("crawl-66-249-66-1.googlebot.com");
        assertThat(judgment.result()).isEqualTo(Result.CONFIRMED);
        assertThat(judgment.name()).isEqualTo("crawl-66-249-66-1.googlebot.com");
    }

    @Test
    void confirmsIpv6() {
        FakeResolver dns = new FakeResolver()
                .ptr("2001:4860:4801:10:0:0:0:1", "crawl-2001-4860-4801-10--1.googlebot.com")
                .a("crawl-2001-4860-4801-10--1.googlebot.com", "2001:4860:4801:10::1");

        assertThat(lookUp(dns, "2001:4860:4801:10::1").judge(GOOGLE).result()).isEqualTo(Result.CONFIRMED);
    }

    @Test
    void aPtrThatDoesNotResolveBackIsSpoofed() {
        FakeResolver dns = new FakeResolver()
                .ptr("203.0.113.9", "crawl-66-249-66-1.googlebot.com")
                .a("crawl-66-249-66-1.googlebot.com", "66.249.66.1");

        ReverseDnsAnswer.Judgment judgment = lookUp(dns, "203.0.113.9").judge(GOOGLE);

        assertThat(judgment.result()).isEqualTo(Result.SPOOFED);
        assertThat(judgment.reason()).contains("spoofed");
    }

    @Test
    void aLookAlikeDomainIsOutside() {
        FakeResolver dns = new FakeResolver()
                .ptr("203.0.113.9", "crawl.googlebot.com.evil.example", "notgooglebot.com")
                .a("crawl.googlebot.com.evil.example", "203.0.113.9")
                .a("notgooglebot.com", "203.0.113.9");

        ReverseDnsAnswer answer = lookUp(dns, "203.0.113.9");

        assertThat(answer.forward()).isEmpty();
        assertThat(answer.judge(GOOGLE).result()).isEqualTo(Result.OUTSIDE);
    }

    @Test
    void noPtrIsOutside() {
        assertThat(lookUp(new FakeResolver(), "203.0.113.9").judge(GOOGLE).result())
                .isEqualTo(Result.OUTSIDE);
    }

    @Test
    void aLookupBeyondTheBudgetIsIncomplete() {
        FakeResolver slowPtr = new FakeResolver().slow("66.249.66.1", Duration.ofSeconds(5));
        FakeResolver slowForward = new FakeResolver()
                .ptr("66.249.66.1", "crawl-66-249-66-1.googlebot.com")
                .slow("66.249.66.1", Duration.ofMillis(150))
                .slow("crawl-66-249-66-1.googlebot.com", Duration.ofMillis(100))
                .a("crawl-66-249-66-1.googlebot.com", "66.249.66.1");

        ReverseDnsAnswer first = lookUp(slowPtr, "66.249.66.1");
        ReverseDnsAnswer second = lookUp(slowForward, "66.249.66.1");

        assertThat(first.complete()).isFalse();
        assertThat(first.judge(GOOGLE).result()).isEqualTo(Result.INCOMPLETE);
        // 150 ms for the PTR leaves 50 ms of the 200 ms budget: the forward lookup, taking 100, does not finish.
        assertThat(second.complete()).isFalse();
        assertThat(second.judge(GOOGLE).result()).isEqualTo(Result.INCOMPLETE);
    }

    @Test
    void aFailingResolverIsIncomplete() {
        FakeResolver dns = new FakeResolver().failing("66.249.66.1", "SERVFAIL");

        ReverseDnsAnswer answer = lookUp(dns, "66.249.66.1");

        assertThat(answer.judge(GOOGLE).result()).isEqualTo(Result.INCOMPLETE);
        assertThat(answer.problem()).contains("SERVFAIL");
    }

    @Test
    void namesThatAreNoHostNamesAreDropped() {
        FakeResolver dns = new FakeResolver().ptr("203.0.113.9", "bad/name.googlebot.com", "a b.googlebot.com");

        assertThat(lookUp(dns, "203.0.113.9").pointerNames()).isEmpty();
    }

    @Test
    void reverseNamesFollowRfc1035AndRfc3596() throws Exception {
        assertThat(JndiResolver.reverseName(java.net.InetAddress.getByName("192.0.2.1")))
                .isEqualTo("1.2.0.192.in-addr.arpa.");
        // RFC 3596 §2.5's own example.
        assertThat(JndiResolver.reverseName(java.net.InetAddress.getByName("4321:0:1:2:3:4:567:89ab")))
                .isEqualTo("b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4.ip6.arpa.");
    }
}
