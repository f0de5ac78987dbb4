package org.termsguard.ingest.shippers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirehoseDeliveryTest {

    @Test
    void readsTheDocumentedRequest() throws Exception {
        // The request body of AWS's "HTTP endpoint delivery request and response specifications", data as given there.
        String body =
                """
                {
                  "requestId": "ed4acda5-034f-9f42-bba1-f29aea6d7d8f",
                  "timestamp": 1578090901599,
                  "records": [
                    {"data": "aGVsbG8="},
                    {"data": "aGVsbG8gd29ybGQ="}
                  ]
                }
                """;
        FirehoseDelivery delivery = FirehoseDelivery.read(body.getBytes(StandardCharsets.UTF_8));
        assertThat(delivery.requestId()).isEqualTo("ed4acda5-034f-9f42-bba1-f29aea6d7d8f");
        assertThat(delivery.records()).isEqualTo(2);
        assertThat(delivery.log()).isEqualTo("hello\nhello world\n");
    }

    @Test
    void keepsRecordsThatHoldSeveralLinesAndUnknownMembers() throws Exception {
        String body = "{\"records\":[{\"data\":\"" + b64("a\nb\n") + "\",\"extra\":{\"x\":[1]}}],\"requestId\":\"r1\","
                + "\"more\":[1,2]}";
        FirehoseDelivery delivery = FirehoseDelivery.read(body.getBytes(StandardCharsets.UTF_8));
        assertThat(delivery.log()).isEqualTo("a\nb\n");
        assertThat(delivery.requestId()).isEqualTo("r1");
    }

    @Test
    void saysWhatIsWrongAndKeepsTheRequestIdForTheAnswer() {
        for (var bad : List.of(
                "[]",
                "{\"records\":[]}",
                "{\"requestId\":5,\"records\":[]}",
                "{\"requestId\":\"" + "x".repeat(200) + "\"}",
                "{\"requestId\":\"a\\u0000b\"}",
                "{\"requestId\":\"r\",\"records\":{}}",
                "{\"requestId\":\"r\",\"records\":[{\"data\":\"%%%\"}]}",
                "{\"requestId\":\"r\",\"records\":[{}]}",
                "{\"requestId\":\"r\",\"records\":[1]}",
                "{\"requestId\":\"r\",\"records\":[")) {
            assertThatThrownBy(() -> FirehoseDelivery.read(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad)
                    .isInstanceOf(FirehoseDelivery.Unreadable.class);
        }
        assertThatThrownBy(() -> FirehoseDelivery.read(
                        "{\"requestId\":\"r7\",\"records\":[{\"data\":\"%%%\"}]}".getBytes(StandardCharsets.UTF_8)))
                .satisfies(e -> assertThat(((FirehoseDelivery.Unreadable) e).requestId())
                        .isEqualTo("r7"))
                .hasMessageContaining("record 1");
    }

    @Test
    void fastlysChallengeIsTheHexSha256OfEachServiceId() {
        // sha256sum of the id as a string, as Fastly's guide computes it.
        assertThat(FastlyChallenge.body(List.of("abc", "*", " ")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n*\n");
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
