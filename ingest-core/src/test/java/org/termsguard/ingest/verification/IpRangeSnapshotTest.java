package org.termsguard.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpRangeSnapshotTest {

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    static byte[] published(String list) throws Exception {
        try (InputStream in =
                IpRangeSnapshotTest.class.getResourceAsStream("/verification/crawler-ip-ranges/" + list + ".json")) {
            return in.readAllBytes();
        }
    }

    static IpRangeSnapshot list(String json) {
        return IpRangeSnapshot.parse(json.getBytes(StandardCharsets.UTF_8), Optional.empty(), NOW);
    }

    static String prefixHolding(IpRangeSnapshot list, String address) {
        return list.prefixHolding(AddressParser.address(address).orElseThrow()).orElse(null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "openai-gptbot, 2025-10-03T11:51:00Z, 15",
        "openai-searchbot, 2025-10-30T11:00:00Z, 34",
        "openai-chatgpt-user, 2026-09-17T13:04:59.394838Z, 217",
        "google-googlebot, 2026-01-14T15:45:48Z, 307",
        "commoncrawl-ccbot, 2026-08-04T12:40:20Z, 6",
        "apple-applebot, 2026-09-15T10:00:00Z, 24",
        "perplexity-user, 2025-10-17T10:17:00Z, 4"
    })
    void readsEachOperatorsListAsPublished(String name, Instant creationTime, int prefixes) throws Exception {
        byte[] document = published(name);
        IpRangeSnapshot list = IpRangeSnapshot.parse(document, Optional.empty(), NOW);

        assertThat(list.validFrom()).isEqualTo(creationTime);
        assertThat(list.creationTime()).contains(creationTime);
        assertThat(list.prefixes()).hasSize(prefixes);
        assertThat(list.sha256()).isEqualTo(PublishedDocument.sha256(document)).hasSize(64);
    }

    @Test
    void matchesAtTheEdgesOfAPrefixAndNotBeyond() throws Exception {
        IpRangeSnapshot gptbot = IpRangeSnapshot.parse(published("openai-gptbot"), Optional.empty(), NOW);

        assertThat(prefixHolding(gptbot, "20.171.206.0")).isEqualTo("20.171.206.0/24");
        assertThat(prefixHolding(gptbot, "20.171.206.255")).isEqualTo("20.171.206.0/24");
        assertThat(prefixHolding(gptbot, "20.171.205.255")).isNull();
        assertThat(prefixHolding(gptbot, "::ffff:20.171.206.7")).isEqualTo("20.171.206.0/24");
        // 4.227.36.0/25 ends at .127.
        assertThat(prefixHolding(gptbot, "4.227.36.127")).isEqualTo("4.227.36.0/25");
        assertThat(prefixHolding(gptbot, "4.227.36.128")).isNull();
    }

    @Test
    void matchesIpv6() throws Exception {
        IpRangeSnapshot googlebot = IpRangeSnapshot.parse(published("google-googlebot"), Optional.empty(), NOW);
        IpRangeSnapshot ccbot = IpRangeSnapshot.parse(published("commoncrawl-ccbot"), Optional.empty(), NOW);

        assertThat(prefixHolding(googlebot, "2001:4860:4801:10::1")).isEqualTo("2001:4860:4801:10::/64");
        assertThat(prefixHolding(googlebot, "2001:4860:4801:10:ffff:ffff:ffff:ffff"))
                .isEqualTo("2001:4860:4801:10::/64");
        assertThat(prefixHolding(googlebot, "2001:4860:4801:11::1")).isNull();
        assertThat(prefixHolding(ccbot, "2600:1f28:365:80ff::1")).isEqualTo("2600:1f28:365:8000::/56");
        assertThat(prefixHolding(ccbot, "2600:1f28:365:8100::")).isNull();
    }

    @Test
    void theLongestPrefixIsTheOneMatched() {
        IpRangeSnapshot list =
                list("{\"prefixes\":[{\"ipv4Prefix\":\"10.0.0.0/8\"},{\"ipv4Prefix\":\"10.1.2.0/24\"}]}");

        assertThat(prefixHolding(list, "10.1.2.3")).isEqualTo("10.1.2.0/24");
        assertThat(prefixHolding(list, "10.9.9.9")).isEqualTo("10.0.0.0/8");
    }

    @Test
    void aPrefixWithHostBitsIsItsBlockAndABareAddressIsItself() {
        IpRangeSnapshot list =
                list("{\"prefixes\":[{\"ipv4Prefix\":\"192.0.2.77/24\"},{\"ipv6Prefix\":\"2001:db8::1\"}]}");

        assertThat(list.prefixes()).containsExactly("192.0.2.0/24", "2001:db8::1/128");
        assertThat(prefixHolding(list, "192.0.2.1")).isEqualTo("192.0.2.0/24");
        assertThat(prefixHolding(list, "2001:db8::2")).isNull();
    }

    @Test
    void validFromIsTheGivenTimeElseCreationTimeElseNow() {
        byte[] withTime =
                "{\"creationTime\":\"2024-03-01T08:00:00+01:00\",\"prefixes\":[]}".getBytes(StandardCharsets.UTF_8);
        byte[] without = "{\"syncToken\":\"1\",\"prefixes\":[]}".getBytes(StandardCharsets.UTF_8);
        Instant given = Instant.parse("2020-01-01T00:00:00Z");

        assertThat(IpRangeSnapshot.parse(withTime, Optional.of(given), NOW).validFrom())
                .isEqualTo(given);
        assertThat(IpRangeSnapshot.parse(withTime, Optional.empty(), NOW).validFrom())
                .isEqualTo(Instant.parse("2024-03-01T07:00:00Z"));
        assertThat(IpRangeSnapshot.parse(without, Optional.empty(), NOW).validFrom())
                .isEqualTo(NOW);
    }

    @Test
    void extraMembersPlayNoPartInMatchingButAreInTheDigest() {
        IpRangeSnapshot plain = list("{\"prefixes\":[{\"ipv4Prefix\":\"192.0.2.0/24\"}]}");
        IpRangeSnapshot annotated =
                list("{\"synctoken\":\"7\",\"prefixes\":[{\"ipv4Prefix\":\"192.0.2.0/24\",\"service\":\"x\"}]}");

        assertThat(annotated.prefixes()).isEqualTo(plain.prefixes());
        assertThat(annotated.sha256()).isNotEqualTo(plain.sha256());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "not json",
                "{}",
                "{\"prefixes\":{}}",
                "{\"prefixes\":[{}]}",
                "{\"prefixes\":[{\"ipv4Prefix\":\"1.2.3\"}]}",
                "{\"prefixes\":[{\"ipv4Prefix\":\"1.2.3.*\"}]}",
                "{\"prefixes\":[{\"ipv4Prefix\":\"010.1.2.3/8\"}]}",
                "{\"prefixes\":[{\"ipv4Prefix\":\"2001:db8::/32\"}]}",
                "{\"prefixes\":[{\"ipv4Prefix\":\"1.2.3.0/33\"}]}",
                "{\"prefixes\":[{\"ipv4Prefix\":\"example.com\"}]}",
                "{\"prefixes\":[{\"ipv4Prefix\":\"1.2.3.0/24\",\"ipv6Prefix\":\"::/0\"}]}",
                "{\"creationTime\":\"yesterday\",\"prefixes\":[]}"
            })
    void refusesWhatIsNoList(String document) {
        assertThatThrownBy(() -> list(document)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "1.2.3",
        "0x7f.0.0.1",
        "1.2.3.4/24",
        "localhost",
        "1.2.3.4.5",
        "''",
        "::ffff:1.2.3.4.5",
        "256.1.1.1",
        "01.2.3.4",
        "1.2.3.4.",
        "1..2.3",
        "1.2.3.1000",
        "1.2.3.-1",
        "+1.2.3.4"
    })
    void clientAddressesAreReadStrictly(String text) {
        assertThat(AddressParser.address(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "192.0.2.1, 192.0.2.1",
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.255",
        "' 10.0.0.1 ', 10.0.0.1",
        "::ffff:192.0.2.1, 192.0.2.1",
        "2001:DB8::1, 2001:db8::1",
        "fe80::1%eth0, fe80::1"
    })
    void clientAddressesReadAsTheirCanonicalForm(String text, String canonical) {
        assertThat(AddressParser.address(text).orElseThrow().toCanonicalString())
                .isEqualTo(canonical);
    }
}
