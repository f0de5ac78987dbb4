package org.termsguard.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.termsguard.alert.deliveries.WebhookSignature;

/**
 * F5's receiver recomputes every delivery's HMAC itself: it must accept exactly what alert-service signs with the
 * route's secret, and nothing signed over other bytes, with another secret or in another shape.
 */
class FlakyReceiverTest {

    private static final byte[] BODY = "{\"alerts\":[{\"status\":\"firing\"}]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsWhatAlertServiceSignsAndNothingElse() throws Exception {
        try (FlakyReceiver receiver = new FlakyReceiver(Duration.ofSeconds(1), "the-secret")) {
            String header = WebhookSignature.sign("the-secret", 1_796_000_000L, BODY);
            assertTrue(receiver.verifies(header, BODY));

            byte[] tampered = BODY.clone();
            tampered[3] ^= 1;
            assertFalse(receiver.verifies(header, tampered), "another body");
            assertFalse(
                    receiver.verifies(WebhookSignature.sign("another-secret", 1_796_000_000L, BODY), BODY),
                    "another secret");
            assertFalse(receiver.verifies(header.replace("t=1796000000", "t=1796000001"), BODY), "another time");
            assertFalse(receiver.verifies(header.replaceFirst(",v1=.*", ""), BODY), "no MAC");
            assertFalse(receiver.verifies(header.replaceFirst("v1=..", "v1=zz"), BODY), "not hex");
            assertFalse(receiver.verifies("", BODY), "empty");
        }
    }

    @Test
    void eachEventIsSentOneToThreeTimesAboutEquallyOften() {
        long[] byCopies = new long[4];
        for (long n = 0; n < 30_000; n++) {
            byCopies[Traffic.Retries.copies(n, 0)]++;
        }
        for (int copies = 1; copies <= 3; copies++) {
            assertTrue(byCopies[copies] > 9_000 && byCopies[copies] < 11_000, copies + ": " + byCopies[copies]);
        }
    }

    @Test
    void aReasonIsCountedUpToItsSqlState() {
        assertEquals(
                "cannot be judged: the database refused it (SQLSTATE 22001)",
                RefusedRecords.reasonClass(
                        "cannot be judged: the database refused it (SQLSTATE 22001): value too long for type"));
    }
}
