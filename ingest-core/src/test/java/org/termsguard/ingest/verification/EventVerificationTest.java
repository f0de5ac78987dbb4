package org.termsguard.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.Channel;
import org.termsguard.contracts.events.Identity;
import org.termsguard.contracts.events.Verification;
import org.termsguard.contracts.events.Verification.Verdict;

/** Verification as ingest applies it to whole events: what an event says of its request, and when DNS is asked. */
class EventVerificationTest {

    private static final String GPTBOT_UA =
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)";
    private static final String GOOGLEBOT_UA =
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    /** Cloudflare's vectors are created at 2025-01-01T00:00:00Z; an event an hour later still carries a valid one. */
    private static final Instant SIGNED_AT = Instant.ofEpochSecond(1735689600L + 3600);

    private final AtomicInteger lookups = new AtomicInteger();
    private Verifier verifier;
    private WebBotAuthTest.Vector vector;

    @BeforeEach
    void sources() throws Exception {
        verifier = VerifierTest.example(new SnapshotHistories());
        vector = WebBotAuthTest.cloudflareVectors().get(3);
    }

    private static AccessEvent event(
            String userAgent, String clientIp, String observedAt, String uri, AccessEvent.HttpSignature signature) {
        return new AccessEvent(
                "e-1",
                Instant.parse(observedAt),
                "reddit",
                null,
                Channel.CRAWLER,
                new AccessEvent.Resource("page", uri),
                null,
                AccessEvent.Volume.ONE_RECORD,
                new AccessEvent.Evidence(null, userAgent, clientIp, null, Identity.VERIFIED)
                        .withHttpSignature(signature),
                "cdn",
                Instant.parse(observedAt));
    }

    private EventVerification withDns(Optional<ReverseDnsAnswer> answer) {
        return new EventVerification(verifier, (ip, suffixes) -> {
            lookups.incrementAndGet();
            return answer;
        });
    }

    @Test
    void aListedCrawlerIsVerifiedAndTheProducersClaimIsReplaced() {
        AccessEvent verified = withDns(Optional.empty())
                .verify(event(GPTBOT_UA, "192.0.2.10", "2025-05-15T00:00:00Z", "https://www.reddit.com/r/a", null));
        Verification v = verified.evidence().verification();
        assertThat(v.verdict()).isEqualTo(Verdict.LISTED);
        assertThat(v.consumer()).isEqualTo("openai");
        assertThat(v.basis().snapshotVersion()).isEqualTo(2);
        assertThat(v.basis().matched()).isEqualTo("192.0.2.0/24");
        assertThat(verified.evidence().identity()).isEqualTo(Identity.VERIFIED);
        assertThat(lookups).hasValue(0);
    }

    @Test
    void anAddressTheListInForceDropsContradictsTheClaimAndUndoesAProducersVerified() {
        AccessEvent judged = withDns(Optional.empty())
                .verify(event(GPTBOT_UA, "198.51.100.5", "2025-05-15T00:00:00Z", "https://www.reddit.com/r/a", null));
        assertThat(judged.evidence().verification().verdict()).isEqualTo(Verdict.CONTRADICTED);
        assertThat(judged.evidence().identity()).isEqualTo(Identity.CLAIMED);
        // OpenAI publishes no host names: nothing to look up.
        assertThat(lookups).hasValue(0);
    }

    @Test
    void reverseDnsIsAskedOnlyWhereTheListsDoNotConfirmAndCanTurnTheVerdict() {
        String address = "203.0.113.66";
        ReverseDnsAnswer confirmed = new ReverseDnsAnswer(
                address,
                List.of("crawl-203-0-113-66.googlebot.com"),
                Map.of("crawl-203-0-113-66.googlebot.com", List.of(address)),
                true,
                null);
        AccessEvent judged = withDns(Optional.of(confirmed))
                .verify(event(GOOGLEBOT_UA, address, "2026-02-01T00:00:00Z", "https://www.reddit.com/r/a", null));
        assertThat(judged.evidence().verification().verdict()).isEqualTo(Verdict.DNS);
        assertThat(judged.evidence().verification().basis().matched()).isEqualTo("crawl-203-0-113-66.googlebot.com");
        assertThat(lookups).hasValue(1);

        AccessEvent listed = withDns(Optional.of(confirmed))
                .verify(event(GOOGLEBOT_UA, "66.249.66.1", "2026-02-01T00:00:00Z", "https://www.reddit.com/", null));
        assertThat(listed.evidence().verification().verdict()).isEqualTo(Verdict.LISTED);
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aLookupThatCouldNotBeMadeLeavesTheListsVerdict() {
        AccessEvent judged = withDns(Optional.empty())
                .verify(event(GOOGLEBOT_UA, "203.0.113.66", "2026-02-01T00:00:00Z", "https://www.reddit.com/", null));
        assertThat(judged.evidence().verification().verdict()).isEqualTo(Verdict.CLAIMED);
        assertThat(lookups).hasValue(1);
    }

    @Test
    void theSignatureHeadersAGatewaySawAreCheckedAgainstTheEventsResource() {
        AccessEvent.HttpSignature headers = new AccessEvent.HttpSignature(
                vector.signature(), vector.signatureInput(), vector.signatureAgent(), null, null, null);
        AccessEvent signed = withDns(Optional.empty())
                .verify(event(
                        null, "203.0.113.7", SIGNED_AT.toString(), "https://example.com/path/to/resource", headers));
        assertThat(signed.evidence().verification().verdict()).isEqualTo(Verdict.SIGNED);
        assertThat(signed.evidence().verification().consumer()).isEqualTo("example-agent");
        assertThat(signed.evidence().identity()).isEqualTo(Identity.VERIFIED);

        AccessEvent elsewhere = withDns(Optional.empty())
                .verify(event(
                        null, "203.0.113.7", SIGNED_AT.toString(), "https://example.org/path/to/resource", headers));
        assertThat(elsewhere.evidence().verification().verdict()).isEqualTo(Verdict.CONTRADICTED);

        AccessEvent.HttpSignature logged = new AccessEvent.HttpSignature(
                vector.signature(),
                vector.signatureInput(),
                vector.signatureAgent(),
                "GET",
                "example.com",
                "/path/to/resource");
        AccessEvent byGateway = withDns(Optional.empty())
                .verify(event(null, "203.0.113.7", SIGNED_AT.toString(), "/path/to/resource", logged));
        assertThat(byGateway.evidence().verification().verdict()).isEqualTo(Verdict.SIGNED);
    }

    @Test
    void anAuthenticatedApiClientKeepsItsVerifiedIdentity() {
        AccessEvent api = new AccessEvent(
                "e-2",
                Instant.parse("2025-05-15T00:00:00Z"),
                "x-corp",
                "microsoft",
                Channel.API,
                new AccessEvent.Resource("tweets", null),
                null,
                AccessEvent.Volume.ONE_RECORD,
                new AccessEvent.Evidence("ms-ads-7731", null, "203.0.113.7", null, Identity.VERIFIED),
                "gateway",
                Instant.parse("2025-05-15T00:00:00Z"));
        AccessEvent judged = withDns(Optional.empty()).verify(api);
        assertThat(judged.evidence().verification().verdict()).isEqualTo(Verdict.CLAIMED);
        assertThat(judged.evidence().identity()).isEqualTo(Identity.VERIFIED);
    }

    /**
     * A signed request as Apache's {@code LogFormat} records it ({@code %{Signature-Input}i} and the others, quotes
     * escaped as {@code \"}), uploaded as {@code format=custom}: the event carries the headers and verifies.
     */
    @Test
    void aSignedRequestAnApacheLogRecordedVerifiesFromTheLog() throws Exception {
        String format = "%h %l %u %t \"%r\" %>s %b \"%{User-agent}i\" \"%{Signature-Input}i\" \"%{Signature}i\""
                + " \"%{Signature-Agent}i\"";
        String line = "192.0.2.77 - - [01/Jan/2025:01:00:00 +0000] \"GET /path/to/resource HTTP/1.1\" 200 512"
                + " \"Mozilla/5.0 (compatible; ExampleAgent/1.0)\" \""
                + vector.signatureInput().replace("\"", "\\\"")
                + "\" \"" + vector.signature() + "\" \""
                + vector.signatureAgent().replace("\"", "\\\"") + "\"";
        var translation = new org.termsguard.ingest.accesslogs.AccessLogTranslator(
                        org.termsguard.contracts.crawlers.CrawlerRegistry.bundled(),
                        org.termsguard.ingest.accesslogs.PathRules.DEFAULT)
                .translate(
                        "reddit",
                        "https://example.com",
                        org.termsguard.ingest.accesslogs.LogFormat.of("custom", format),
                        new java.io.StringReader(line + "\n"));
        assertThat(translation.events()).as(translation.toString()).hasSize(1);
        AccessEvent event = translation.events().get(0);
        assertThat(event.evidence().httpSignature().signatureInput()).isEqualTo(vector.signatureInput());
        assertThat(event.evidence().httpSignature().signatureAgent()).isEqualTo(vector.signatureAgent());

        AccessEvent verified = new EventVerification(verifier, EventVerification.ReverseDns.NONE).verify(event);

        assertThat(verified.evidence().verification().verdict())
                .as(verified.evidence().verification().reasons().toString())
                .isEqualTo(Verdict.SIGNED);
        assertThat(verified.evidence().verification().consumer()).isEqualTo("example-agent");
    }
}
