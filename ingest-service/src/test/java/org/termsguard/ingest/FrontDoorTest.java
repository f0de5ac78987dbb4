package org.termsguard.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.KafkaAndPostgres;

/**
 * Issue #16: one validation for every path into {@code access-events}. An access-log line whose user agent holds
 * {@code \u0000} was accepted and then stalled alerting for everyone; a volume of 2^63−1 overflowed the counters.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
class FrontDoorTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void anAccessLogLineWithANulOrAControlCharacterIsSkippedWithTheReason() {
        String path = "/r/" + UUID.randomUUID();
        String log = String.join(
                "\n",
                "{\"time_local\":\"12/Apr/2023:09:30:00 +0000\",\"remote_addr\":\"203.0.113.7\",\"method\":\"GET\","
                        + "\"path\":\"" + path + "\",\"status\":200,\"body_bytes_sent\":10,"
                        + "\"http_user_agent\":\"GPTBot\\u0000/1.2\"}",
                "{\"time_local\":\"12/Apr/2023:09:30:01 +0000\",\"remote_addr\":\"203.0.113.7\",\"method\":\"GET\","
                        + "\"path\":\"" + path + "\",\"status\":200,\"body_bytes_sent\":10,"
                        + "\"http_user_agent\":\"GPTBot\\u001b[2J/1.2\"}",
                "{\"time_local\":\"12/Apr/2023:09:30:02 +0000\",\"remote_addr\":\"203.0.113.7\",\"method\":\"GET\","
                        + "\"path\":\"" + path + "\",\"status\":200,\"body_bytes_sent\":10,"
                        + "\"http_user_agent\":\"GPTBot/1.2\"}");
        given().auth()
                .oauth2(IngestApiTest.key())
                .contentType("text/plain")
                .queryParam("owner", "reddit")
                .queryParam("format", "json")
                .body(log)
                .post("/v1/access-logs")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(1))
                .body("skipped", equalTo(2))
                .body("errors[0].line", equalTo(1))
                .body("errors[0].reason", containsString("evidence.userAgent must not contain NUL"))
                .body("errors[1].line", equalTo(2))
                .body("errors[1].reason", containsString("control characters (U+001B"));
    }

    @Test
    void volumesAreBoundedAtTheFrontDoor() {
        String event =
                """
                {"eventId":"%s","observedAt":"2023-04-12T09:30:00Z","owner":"x-corp","consumer":"microsoft",
                 "channel":"api","resource":{"kind":"tweets"},"volume":{"records":9223372036854775807}}"""
                        .formatted(UUID.randomUUID());
        given().auth()
                .oauth2(IngestApiTest.key())
                .contentType("application/json")
                .body(event)
                .post("/v1/events")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("volume.records"))
                .body("errors[0].message", containsString("at most 1000000000000"));
    }
}
