package org.termsguard.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.termsguard.contracts.events.Identity;
import org.termsguard.contracts.events.Verification;
import org.termsguard.contracts.events.Verification.Basis;
import org.termsguard.contracts.events.Verification.Verdict;

class VerifierTest {

    private static final String GPTBOT_UA =
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)";
    private static final String GOOGLEBOT_UA =
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private static final String BINGBOT_UA = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)";
    private static final String BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private static final VerificationSource SIGNER = new VerificationSource(
            "example-signer",
            "Example Agent",
            "example-agent",
            List.of(),
            SourceKind.WEB_BOT_AUTH,
            URI.create("https://signature-agent.test"),
            List.of(),
            Duration.ofHours(6));

    private final SnapshotHistories histories = new SnapshotHistories();
    private Verifier verifier;

    @BeforeEach
    void sources() throws Exception {
        verifier = example(histories);
    }

    /**
     * The verifier these tests judge with: the built-in sources and a Web Bot Auth signer (Cloudflare's Ed25519
     * vector's key), {@code histories} filled with a GPTBot list that 2025-05-01's version shrinks (198.51.100.0/24 is
     * in force in April only), Google's published list and the signer's key directory.
     */
    static Verifier example(SnapshotHistories histories) throws Exception {
        histories
                .ipRanges("openai-gptbot")
                .add(SnapshotHistoryTest.list("2025-04-01T00:00:00Z", "192.0.2.0/24", "198.51.100.0/24"));
        histories.ipRanges("openai-gptbot").add(SnapshotHistoryTest.list("2025-05-01T00:00:00Z", "192.0.2.0/24"));
        histories
                .ipRanges("google-googlebot")
                .add(IpRangeSnapshot.parse(
                        IpRangeSnapshotTest.published("google-googlebot"), Optional.empty(), Instant.EPOCH));
        WebBotAuthTest.Vector ed25519 = WebBotAuthTest.cloudflareVectors().get(3);
        histories
                .keyDirectories("example-signer")
                .add(KeyDirectorySnapshot.parse(
                        ("{\"keys\":[" + ed25519.publicJwk() + "]}").getBytes(StandardCharsets.UTF_8),
                        Instant.parse("2024-01-01T00:00:00Z")));
        List<VerificationSource> sources = new ArrayList<>(BuiltInSources.all());
        sources.add(SIGNER);
        return new Verifier(sources, histories, new WebBotAuth(Duration.ofMinutes(1)));
    }

    private Verification verify(String userAgent, String clientIp, String observedAt) {
        return verifier.verify(Observation.of(userAgent, clientIp, Instant.parse(observedAt)));
    }

    @ParameterizedTest(name = "{0} from {1} at {2}: {3}")
    @CsvSource({
        "GPTBot/1.2,                 192.0.2.10,     2025-04-15T00:00:00Z, listed,       openai-gptbot, 1",
        "Mozilla/5.0 (gptbot/1.1),   192.0.2.255,    2025-05-15T00:00:00Z, listed,       openai-gptbot, 2",
        "GPTBot/1.2,                 198.51.100.5,   2025-04-30T23:59:59Z, listed,       openai-gptbot, 1",
        "GPTBot/1.2,                 198.51.100.5,   2025-05-01T00:00:00Z, contradicted, openai-gptbot, 2",
        "GPTBot/1.2,                 192.0.3.0,      2025-05-15T00:00:00Z, contradicted, openai-gptbot, 2",
        "GPTBot/1.2,                 192.0.2.10,     2025-03-31T00:00:00Z, claimed,      ,              ",
        "GPTBot/1.2,                 '',             2025-04-15T00:00:00Z, unverifiable, ,              ",
        "GPTBot/1.2,                 not-an-address, 2025-04-15T00:00:00Z, unverifiable, ,              ",
        "NotGPTBot/1.0,              198.51.100.5,   2025-05-15T00:00:00Z, claimed,      ,              ",
        "Googlebot/2.1,              2001:4860:4801:10::7, 2026-02-01T00:00:00Z, listed, google-googlebot, 1",
        "OAI-SearchBot/1.0,          192.0.2.10,     2025-05-15T00:00:00Z, claimed,      ,              "
    })
    void judgesByTheListInForceAtObservedAt(
            String userAgent, String clientIp, String observedAt, String verdict, String sourceId, Integer version) {
        Verification verification = verify(userAgent, clientIp, observedAt);

        assertThat(verification.verdict().token())
                .as(verification.reasons().toString())
                .isEqualTo(verdict);
        if (sourceId != null) {
            assertThat(verification.basis().sourceId()).isEqualTo(sourceId);
            assertThat(verification.basis().snapshotVersion()).isEqualTo(version);
            assertThat(verification.basis().snapshotSha256()).hasSize(64);
        }
    }

    @Test
    void aListedVerdictNamesTheOperatorThePrefixAndTheVersion() {
        Verification listed = verify(GPTBOT_UA, "192.0.2.10", "2025-05-15T00:00:00Z");

        assertThat(listed.verdict()).isEqualTo(Verdict.LISTED);
        assertThat(listed.identity()).isEqualTo(Identity.VERIFIED);
        assertThat(listed.operator()).isEqualTo("OpenAI");
        assertThat(listed.consumer()).isEqualTo("openai");
        assertThat(listed.token()).isEqualTo("GPTBot");
        assertThat(listed.basis())
                .isEqualTo(new Basis(
                        "openai-gptbot",
                        "ip-ranges",
                        2,
                        histories
                                .ipRanges("openai-gptbot")
                                .versions()
                                .get(1)
                                .snapshot()
                                .sha256(),
                        Instant.parse("2025-05-01T00:00:00Z"),
                        "192.0.2.0/24"));
    }

    @Test
    void aContradictedVerdictStillNamesTheCrawlerClaimedAndTheListVersion() {
        Verification contradicted = verify(GPTBOT_UA, "203.0.113.7", "2025-05-15T00:00:00Z");

        assertThat(contradicted.verdict()).isEqualTo(Verdict.CONTRADICTED);
        assertThat(contradicted.identity()).isEqualTo(Identity.CLAIMED);
        assertThat(contradicted.operator()).isEqualTo("OpenAI");
        assertThat(contradicted.token()).isEqualTo("GPTBot");
        assertThat(contradicted.basis().snapshotVersion()).isEqualTo(2);
        assertThat(contradicted.basis().matched()).isNull();
        assertThat(contradicted.reasons()).anyMatch(r -> r.contains("203.0.113.7 is outside openai-gptbot version 2"));
    }

    @Test
    void aCrawlerBehindABrowserUserAgentIsStillSeen() {
        Verification hidden = verify(BROWSER_UA, "192.0.2.10", "2025-05-15T00:00:00Z");

        assertThat(hidden.verdict()).isEqualTo(Verdict.LISTED);
        assertThat(hidden.consumer()).isEqualTo("openai");
        assertThat(hidden.token()).isNull();
    }

    @Test
    void aBrowserFromNowhereIsClaimedAndNamesNobody() {
        Verification nobody = verify(BROWSER_UA, "203.0.113.7", "2025-05-15T00:00:00Z");

        assertThat(nobody.verdict()).isEqualTo(Verdict.CLAIMED);
        assertThat(nobody.operator()).isNull();
        assertThat(nobody.basis()).isNull();
    }

    @Test
    void reverseDnsOnlyCountsOnceLookedUp() {
        Observation observation = Observation.of(GOOGLEBOT_UA, "203.0.113.9", Instant.parse("2026-02-01T00:00:00Z"));
        FakeResolver confirmed = new FakeResolver()
                .ptr("203.0.113.9", "crawl-203-0-113-9.googlebot.com")
                .a("crawl-203-0-113-9.googlebot.com", "203.0.113.9");
        FakeResolver spoofed = new FakeResolver()
                .ptr("203.0.113.9", "crawl-66-249-66-1.googlebot.com")
                .a("crawl-66-249-66-1.googlebot.com", "66.249.66.1");
        FakeResolver elsewhere = new FakeResolver().ptr("203.0.113.9", "host.example.net");
        FakeResolver stalled = new FakeResolver().slow("203.0.113.9", Duration.ofSeconds(10));

        assertThat(verifier.verify(observation).verdict()).isEqualTo(Verdict.CLAIMED);
        assertThat(verifier.verify(observation.withReverseDns(lookUp(confirmed)))
                        .verdict())
                .isEqualTo(Verdict.DNS);
        Verification bySpoof = verifier.verify(observation.withReverseDns(lookUp(spoofed)));
        assertThat(bySpoof.verdict()).isEqualTo(Verdict.CONTRADICTED);
        assertThat(bySpoof.basis().method()).isEqualTo("reverse-dns");
        assertThat(bySpoof.basis().matched()).isEqualTo("crawl-66-249-66-1.googlebot.com");
        assertThat(verifier.verify(observation.withReverseDns(lookUp(elsewhere)))
                        .verdict())
                .isEqualTo(Verdict.CONTRADICTED);
        assertThat(verifier.verify(observation.withReverseDns(lookUp(stalled))).verdict())
                .isEqualTo(Verdict.CLAIMED);
    }

    private ReverseDnsAnswer lookUp(FakeResolver resolver) {
        return new ForwardConfirmedDns(resolver, Duration.ofMillis(300), () -> resolver.now)
                .lookUp("203.0.113.9", verifier.hostnameSuffixesFor(GOOGLEBOT_UA));
    }

    @Test
    void aDnsVerdictNamesTheConfirmedHost() {
        FakeResolver dns = new FakeResolver()
                .ptr("203.0.113.9", "crawl-203-0-113-9.googlebot.com")
                .a("crawl-203-0-113-9.googlebot.com", "203.0.113.9");
        Verification byDns =
                verifier.verify(Observation.of(GOOGLEBOT_UA, "203.0.113.9", Instant.parse("2026-02-01T00:00:00Z"))
                        .withReverseDns(lookUp(dns)));

        assertThat(byDns.basis())
                .isEqualTo(new Basis(
                        "google-googlebot-dns", "reverse-dns", null, null, null, "crawl-203-0-113-9.googlebot.com"));
        assertThat(byDns.identity()).isEqualTo(Identity.VERIFIED);
    }

    @Test
    void anAnswerForAnotherAddressIsNotUsed() {
        FakeResolver dns = new FakeResolver()
                .ptr("203.0.113.9", "crawl-203-0-113-9.googlebot.com")
                .a("crawl-203-0-113-9.googlebot.com", "203.0.113.9");
        Observation other = Observation.of(GOOGLEBOT_UA, "203.0.113.10", Instant.parse("2026-02-01T00:00:00Z"))
                .withReverseDns(lookUp(dns));

        assertThat(verifier.verify(other).verdict()).isEqualTo(Verdict.CLAIMED);
    }

    @Test
    void anOperatorPublishingOnlyNamesIsJudgedByThem() {
        Observation bingbot = Observation.of(BINGBOT_UA, "203.0.113.9", Instant.parse("2026-02-01T00:00:00Z"));
        ReverseDnsAnswer noPtr = new ReverseDnsAnswer("203.0.113.9", List.of(), Map.of(), true, null);

        assertThat(verifier.hostnameSuffixesFor(BINGBOT_UA)).containsExactly("search.msn.com");
        assertThat(verifier.verify(bingbot).verdict()).isEqualTo(Verdict.CLAIMED);
        assertThat(verifier.verify(bingbot.withReverseDns(noPtr)).verdict()).isEqualTo(Verdict.CONTRADICTED);
    }

    @Test
    void aValidSignatureIsSignedEvenWithoutAnAddress() throws Exception {
        SignedRequest request = WebBotAuthTest.cloudflareVectors().get(3).request();
        Verification signed =
                verifier.verify(Observation.of("ExampleAgent/1.0", null, Instant.parse("2025-04-15T00:00:00Z"))
                        .withSignedRequest(request));

        assertThat(signed.verdict()).as(signed.reasons().toString()).isEqualTo(Verdict.SIGNED);
        assertThat(signed.operator()).isEqualTo("Example Agent");
        assertThat(signed.consumer()).isEqualTo("example-agent");
        assertThat(signed.basis().sourceId()).isEqualTo("example-signer");
        assertThat(signed.basis().method()).isEqualTo("web-bot-auth");
        assertThat(signed.basis().snapshotVersion()).isEqualTo(1);
        assertThat(signed.basis().matched()).isEqualTo("poqkLGiymh_W0uP6PZFw-dvez3QJT5SolqXBCW38r0U");
    }

    @Test
    void aSignatureByAnotherOperatorThanTheUserAgentNamesIsContradicted() throws Exception {
        SignedRequest request = WebBotAuthTest.cloudflareVectors().get(3).request();
        Verification verification =
                verifier.verify(Observation.of(GPTBOT_UA, "192.0.2.10", Instant.parse("2025-04-15T00:00:00Z"))
                        .withSignedRequest(request));

        assertThat(verification.verdict()).isEqualTo(Verdict.CONTRADICTED);
        assertThat(verification.consumer()).isEqualTo("openai");
    }

    @Test
    void aFailingSignatureIsContradictedEvenFromAListedAddress() throws Exception {
        SignedRequest tampered = WebBotAuthTest.cloudflareVectors().get(3).request(Map.of(), "https://other.example/");
        Verification verification =
                verifier.verify(Observation.of(GPTBOT_UA, "192.0.2.10", Instant.parse("2025-04-15T00:00:00Z"))
                        .withSignedRequest(tampered));

        assertThat(verification.verdict()).isEqualTo(Verdict.CONTRADICTED);
        assertThat(verification.reasons()).anyMatch(r -> r.contains("does not verify"));
    }

    @Test
    void anUncheckableSignatureLeavesTheOtherChecks() throws Exception {
        SignedRequest unknownKey = WebBotAuthTest.cloudflareVectors().get(1).request();
        Verification verification =
                verifier.verify(Observation.of(GPTBOT_UA, "192.0.2.10", Instant.parse("2025-04-15T00:00:00Z"))
                        .withSignedRequest(unknownKey));

        assertThat(verification.verdict()).isEqualTo(Verdict.LISTED);
        assertThat(verification.reasons()).anyMatch(r -> r.contains("no key directory in force holds"));
    }

    @Test
    void aKeyDirectoryNotYetInForceVerifiesNothing() throws Exception {
        SignedRequest request = WebBotAuthTest.cloudflareVectors().get(3).request();
        Verification before =
                verifier.verify(Observation.of(BROWSER_UA, "203.0.113.7", Instant.parse("2023-12-31T00:00:00Z"))
                        .withSignedRequest(request)
                        .withSignatureClock(Instant.parse("2025-01-01T00:10:00Z")));

        assertThat(before.verdict()).isEqualTo(Verdict.CLAIMED);
    }

    @Test
    void theDryRunClockDecidesSignatureValidity() throws Exception {
        SignedRequest request = WebBotAuthTest.cloudflareVectors().get(3).request();
        Observation observation = Observation.of("ExampleAgent/1.0", null, Instant.parse("2025-04-15T00:00:00Z"))
                .withSignedRequest(request);

        assertThat(verifier.verify(observation.withSignatureClock(Instant.parse("2024-12-31T00:00:00Z")))
                        .verdict())
                .isEqualTo(Verdict.CONTRADICTED);
    }

    /** A verifier without the signer's source: its Signature-Agent's origin is one no source holds. */
    private Verifier withoutSigner() {
        return new Verifier(BuiltInSources.all(), histories, new WebBotAuth(Duration.ofMinutes(1)));
    }

    private static AgentDirectory.Lookup publishing(WebBotAuthTest.Vector vector, List<URI> asked) {
        return origin -> {
            asked.add(origin);
            return origin.equals(URI.create("https://signature-agent.test"))
                    ? new AgentDirectory.Answer(
                            new AgentDirectory(origin, vector.directory(), Instant.parse("2025-04-15T00:00:05Z")), null)
                    : new AgentDirectory.Answer(null, "nothing published");
        };
    }

    @Test
    void anUnknownSignatureAgentIsLookedUpAndItsValidSignatureIsSignedByItsHost() throws Exception {
        WebBotAuthTest.Vector ed25519 = WebBotAuthTest.cloudflareVectors().get(3);
        List<URI> asked = new ArrayList<>();
        Verification signed = withoutSigner()
                .verify(
                        Observation.of(BROWSER_UA, "203.0.113.7", Instant.parse("2025-04-15T00:00:00Z"))
                                .withSignedRequest(ed25519.request()),
                        publishing(ed25519, asked));

        assertThat(asked).containsExactly(URI.create("https://signature-agent.test"));
        assertThat(signed.verdict()).as(signed.reasons().toString()).isEqualTo(Verdict.SIGNED);
        assertThat(signed.identity()).isEqualTo(Identity.VERIFIED);
        assertThat(signed.operator()).isEqualTo("signature-agent.test");
        assertThat(signed.consumer()).isEqualTo("signature-agent.test");
        assertThat(signed.basis().sourceId()).isEqualTo("signature-agent.test");
        assertThat(signed.basis().method()).isEqualTo("web-bot-auth");
        assertThat(signed.basis().snapshotVersion()).isNull();
        assertThat(signed.basis().snapshotSha256())
                .isEqualTo(ed25519.directory().sha256());
        assertThat(signed.basis().validFrom()).isEqualTo(Instant.parse("2025-04-15T00:00:05Z"));
        assertThat(signed.basis().matched()).isEqualTo("poqkLGiymh_W0uP6PZFw-dvez3QJT5SolqXBCW38r0U");
        assertThat(signed.reasons()).anyMatch(r -> r.contains("the key directory of https://signature-agent.test"));
    }

    @Test
    void anUnknownAgentsSignatureOnAnotherOperatorsUserAgentIsContradicted() throws Exception {
        WebBotAuthTest.Vector ed25519 = WebBotAuthTest.cloudflareVectors().get(3);
        Verification verification = withoutSigner()
                .verify(
                        Observation.of(GPTBOT_UA, "192.0.2.10", Instant.parse("2025-04-15T00:00:00Z"))
                                .withSignedRequest(ed25519.request()),
                        publishing(ed25519, new ArrayList<>()));

        assertThat(verification.verdict()).isEqualTo(Verdict.CONTRADICTED);
        assertThat(verification.consumer()).isEqualTo("openai");
        assertThat(verification.reasons()).anyMatch(r -> r.contains("signature-agent.test's, but the user agent"));
    }

    @Test
    void anAgentDirectoryThatIsUnknownOrLacksTheKeyChangesNothing() throws Exception {
        WebBotAuthTest.Vector ed25519 = WebBotAuthTest.cloudflareVectors().get(3);
        WebBotAuthTest.Vector rsa = WebBotAuthTest.cloudflareVectors().get(1);
        Observation rsaSigned = Observation.of(GPTBOT_UA, "192.0.2.10", Instant.parse("2025-04-15T00:00:00Z"))
                .withSignedRequest(rsa.request());

        Verification lacking = withoutSigner().verify(rsaSigned, publishing(ed25519, new ArrayList<>()));
        Verification unknown = withoutSigner()
                .verify(rsaSigned, origin -> new AgentDirectory.Answer(null, "not fetched within PT0.5S"));

        assertThat(lacking.verdict()).isEqualTo(Verdict.LISTED);
        assertThat(lacking.reasons())
                .anyMatch(r -> r.contains("does not hold oD0HwocPBSfpNy5W3bpJeyFGY_IQ_YpqxSjQ3Yd-CLA"));
        assertThat(unknown.verdict()).isEqualTo(Verdict.LISTED);
        assertThat(unknown.reasons()).anyMatch(r -> r.contains("not fetched within PT0.5S"));
    }

    @Test
    void aConfiguredSourceForTheOriginIsNeverBypassedByALookup() throws Exception {
        WebBotAuthTest.Vector rsa = WebBotAuthTest.cloudflareVectors().get(1);
        Verification verification = verifier.verify(
                Observation.of(GPTBOT_UA, "192.0.2.10", Instant.parse("2025-04-15T00:00:00Z"))
                        .withSignedRequest(rsa.request()),
                origin -> {
                    throw new AssertionError("looked up " + origin + ", which example-signer holds");
                });

        assertThat(verification.verdict()).isEqualTo(Verdict.LISTED);
    }

    @Test
    void onlyHttpOriginsOfSignatureAgentsAreLookedUp() {
        assertThat(AgentDirectory.originOf("https://Signature-Agent.test/some/path?q"))
                .isEqualTo(URI.create("https://signature-agent.test"));
        assertThat(AgentDirectory.originOf("http://127.0.0.1:8080/")).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(AgentDirectory.originOf("https://user:pw@agent.test/")).isNull();
        assertThat(AgentDirectory.originOf("file:///etc/passwd")).isNull();
        assertThat(AgentDirectory.originOf("agent.test")).isNull();
        assertThat(AgentDirectory.originOf("https://a b/")).isNull();
        assertThat(new AgentDirectory(
                                URI.create("https://" + "a".repeat(60) + ".example"),
                                KeyDirectorySnapshot.parse(
                                        "{\"keys\":[]}".getBytes(StandardCharsets.UTF_8), Instant.EPOCH),
                                Instant.EPOCH)
                        .asSource()
                        .consumer())
                .isEqualTo(AgentDirectory.UNNAMED);
    }
}
