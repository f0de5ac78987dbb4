package org.termsguard.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.Channel;
import org.termsguard.contracts.events.Identity;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.contracts.validation.FieldError;

class EventReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2023-04-12T10:00:00Z");
    private final EventReader reader = new EventReader(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

    private static final String DESIGN_EXAMPLE =
            """
            {
              "eventId": "0f8fad5b-d9cb-469f-a165-70867728950e",
              "observedAt": "2023-04-12T09:30:00Z",
              "owner": "x-corp",
              "consumer": "microsoft",
              "channel": "api",
              "resource": { "kind": "tweets", "uri": "https://api.x.example/2/tweets/search/all" },
              "purpose": "ai-train",
              "volume": { "records": 50000, "bytes": 21000000 },
              "evidence": { "apiClientId": "ms-ads-7731", "userAgent": null, "clientIp": "203.0.113.7",
                            "requestId": "r-88", "identity": "claimed" }
            }""";

    @Test
    void readsTheDesignExample() throws Exception {
        var result = reader.read(JSON.readTree(DESIGN_EXAMPLE));
        assertThat(result.errors()).isEmpty();
        AccessEvent event = result.event();
        assertThat(event.eventId()).isEqualTo("0f8fad5b-d9cb-469f-a165-70867728950e");
        assertThat(event.observedAt()).isEqualTo(Instant.parse("2023-04-12T09:30:00Z"));
        assertThat(event.channel()).isEqualTo(Channel.API);
        assertThat(event.purpose()).isEqualTo(Purpose.AI_TRAIN);
        assertThat(event.volume()).isEqualTo(new AccessEvent.Volume(50_000L, 21_000_000L));
        assertThat(event.evidence().identity()).isEqualTo(Identity.CLAIMED);
    }

    @Test
    void fillsDefaultsForTheOptionalParts() throws Exception {
        var result = reader.read(
                JSON.readTree(
                        """
                {"observedAt":"2023-04-12T09:30:00+02:00","owner":"reddit","channel":"crawler",
                 "resource":{"kind":"posts"},"purpose":"train-ai"}"""));
        assertThat(result.errors()).isEmpty();
        assertThat(result.event().eventId()).matches("[0-9a-f-]{36}");
        assertThat(result.event().observedAt()).isEqualTo(Instant.parse("2023-04-12T07:30:00Z"));
        assertThat(result.event().consumer()).isNull();
        assertThat(result.event().purpose()).isEqualTo(Purpose.AI_TRAIN);
        assertThat(result.event().volume().records()).isEqualTo(1L);
        assertThat(result.event().evidence().identity()).isEqualTo(Identity.CLAIMED);
    }

    @Test
    void reportsEveryWrongFieldAtOnce() throws Exception {
        var result = reader.read(
                JSON.readTree(
                        """
                {"eventId":"has spaces","observedAt":"yesterday","owner":"X Corp","consumer":7,"channel":"email",
                 "resource":{"kind":"","uri":"http://bad uri"},"purpose":"world-domination",
                 "volume":{"records":-1,"bytes":1.5},"evidence":{"clientIp":"not-an-ip","identity":"sure"},
                 "purpsoe":"ai-train","producer":"me"}"""));
        assertThat(result.valid()).isFalse();
        assertThat(result.errors())
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "purpsoe",
                        "producer",
                        "eventId",
                        "observedAt",
                        "owner",
                        "consumer",
                        "channel",
                        "resource.kind",
                        "resource.uri",
                        "purpose",
                        "volume.records",
                        "volume.bytes",
                        "evidence.clientIp",
                        "evidence.identity");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            {"observedAt":"2023-04-12T10:06:00Z","owner":"o","channel":"api","resource":{"kind":"k"}}                      | observedAt   | in the future
            {"observedAt":"2023-04-12T09:00:00Z","channel":"api","resource":{"kind":"k"}}                                  | owner        | is required
            {"observedAt":"2023-04-12T09:00:00Z","owner":"o","channel":"api"}                                              | resource     | is required
            {"observedAt":"2023-04-12T09:00:00Z","owner":"o","channel":"api","resource":{"kind":"k"},"volume":{"records":99999999999999999999}} | volume.records | whole number
            {"observedAt":"2023-04-12T09:00:00Z","owner":"o","channel":"api","resource":{"kind":"k","extra":1}}            | resource.extra | not a field
            {"observedAt":"2023-04-12T09:00:00Z","owner":"o\\u0000","channel":"api","resource":{"kind":"k"}}               | owner        | NUL
            {"observedAt":"2023-04-12T09:00:00Z","owner":"o","channel":"api","resource":{"kind":"k"},"receivedAt":"x"}     | receivedAt   | set by ingest
            {"observedAt":"2023-04-12T09:00:00Z","owner":"o","channel":"api","resource":{"kind":"k"},"evidence":{"verification":{"verdict":"listed"}}} | evidence.verification | set by ingest
            {"observedAt":"2023-04-12T09:00:00Z","owner":"o","channel":"api","resource":{"kind":"k"},"evidence":{"httpSignature":{"signature":"sig1=:AA==:"}}} | evidence.httpSignature.signatureInput | is required
            {"observedAt":"2023-04-12T09:00:00Z","owner":"o","channel":"api","resource":{"kind":"k"},"evidence":{"httpSignature":{"signature":"s","signatureInput":"sig1=()\\r\\n@authority: x"}}} | evidence.httpSignature.signatureInput | control characters
            {"observedAt":"2023-04-12T09:00:00Z","owner":"o","channel":"api","resource":{"kind":"k"},"evidence":{"httpSignature":{"signature":"s","signatureInput":"i","keyid":"k"}}} | evidence.httpSignature.keyid | not a field
            """)
    void explainsEachRule(String json, String field, String message) throws Exception {
        var result = reader.read(JSON.readTree(json));
        assertThat(result.errors()).anySatisfy(error -> {
            assertThat(error.field()).isEqualTo(field);
            assertThat(error.message()).contains(message);
        });
    }

    @Test
    void keepsTheSignatureHeadersAGatewaySaw() throws Exception {
        var result = reader.read(
                JSON.readTree(
                        """
                {"observedAt":"2023-04-12T09:00:00Z","owner":"o","channel":"crawler","resource":{"kind":"page"},
                 "evidence":{"httpSignature":{"signature":"sig1=:AA==:","signatureInput":"sig1=(\\"@authority\\");tag=\\"web-bot-auth\\"",
                 "signatureAgent":"\\"https://agent.example\\"","method":"GET","authority":"example.com","path":"/a?b=c"}}}"""));
        assertThat(result.errors()).isEmpty();
        var signature = result.event().evidence().httpSignature();
        assertThat(signature.signature()).isEqualTo("sig1=:AA==:");
        assertThat(signature.signatureInput()).isEqualTo("sig1=(\"@authority\");tag=\"web-bot-auth\"");
        assertThat(signature.authority()).isEqualTo("example.com");
        assertThat(signature.path()).isEqualTo("/a?b=c");
        assertThat(result.event().evidence().verification()).isNull();
    }

    @Test
    void acceptsFiveMinutesOfClockSkewButNoMore() throws Exception {
        String template = "{\"observedAt\":\"%s\",\"owner\":\"o\",\"channel\":\"api\",\"resource\":{\"kind\":\"k\"}}";
        assertThat(reader.read(JSON.readTree(template.formatted(NOW.plusSeconds(300))))
                        .valid())
                .isTrue();
        assertThat(reader.read(JSON.readTree(template.formatted(NOW.plusSeconds(301))))
                        .valid())
                .isFalse();
    }

    @Test
    void acceptsIpv6AndRejectsHostNames() {
        assertThat(IpLiteral.isValid("2001:db8::1")).isTrue();
        assertThat(IpLiteral.isValid("::ffff:203.0.113.7")).isTrue();
        assertThat(IpLiteral.isValid("203.0.113.7")).isTrue();
        assertThat(IpLiteral.isValid("256.1.1.1")).isFalse();
        assertThat(IpLiteral.isValid("example.com")).isFalse();
        assertThat(IpLiteral.isValid("dead:beef:zz::1")).isFalse();
    }

    @Test
    void refusesWhatIsNotAnObject() throws Exception {
        assertThat(reader.read(JSON.readTree("[1]")).errors())
                .extracting(FieldError::message)
                .containsExactly("an event must be a JSON object");
    }
}
