package org.termsguard.policy;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.termsguard.policy.evaluation.Rfc9309Cases;
import org.termsguard.testsupport.KafkaAndPostgres;

/**
 * RFC 9309 through the service a user calls: every decision of google/robotstxt's {@code ID_} tests sent to
 * {@code POST /v1/evaluate} as a crawler the registry does not know ({@code FooBot}, {@code BarBot}, …), once by its
 * bare product token and once inside a browser-like user agent (RFC 9309 §2.2.1: the token, case-insensitively).
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "policy"))
class Rfc9309EvaluateTest {

    /** One owner per robots.txt of the cases: terms are per owner, and the cases reuse their files. */
    private static final Map<String, String> OWNERS = new ConcurrentHashMap<>();

    static List<Rfc9309Cases.Case> cases() {
        return Rfc9309Cases.all();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void theBareProductToken(Rfc9309Cases.Case check) {
        assertDecision(check, check.agent());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void aBrowserLikeUserAgentNamingIt(Rfc9309Cases.Case check) {
        assertDecision(check, Rfc9309Cases.browserLike(check.agent()));
    }

    private static void assertDecision(Rfc9309Cases.Case check, String userAgent) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("userAgent", userAgent);
        evidence.put("clientIp", "198.51.100.23");
        evidence.put("identity", "claimed");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", "rfc9309-" + UUID.randomUUID());
        event.put("observedAt", "2025-11-20T08:16:40Z");
        event.put("owner", ownerFor(check.robotsTxt()));
        event.put("channel", "crawler");
        event.put("resource", Map.of("kind", "page", "uri", check.url()));
        event.put("volume", Map.of("records", 1));
        event.put("evidence", evidence);
        var answer = PolicyApi.asAdmin().body(event).post("/v1/evaluate").then().statusCode(200);
        if (check.allowed()) {
            answer.body("violations", empty());
        } else {
            answer.body("violations.rule", contains("crawler-disallowed"))
                    .body("violations[0].explanation", containsString(check.agent()));
        }
    }

    private static String ownerFor(String robotsTxt) {
        return OWNERS.computeIfAbsent(robotsTxt, text -> {
            String owner = "rfc-" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, Object> terms = new LinkedHashMap<>();
            terms.put("displayName", "A site");
            terms.put("noticeContact", "legal@site.example");
            terms.put("defaultTerms", Map.of("allowedPurposes", List.of("display", "search")));
            terms.put("robotsTxt", text);
            terms.put("effectiveFrom", "2023-04-01T00:00:00Z");
            PolicyApi.asAdmin().body(terms).put("/v1/owners/" + owner).then().statusCode(201);
            return owner;
        });
    }
}
