package org.termsguard.policy.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The decisions of google/robotstxt's {@code ID_} tests (those RFC 9309 mandates), as data in
 * {@code robots/rfc9309-cases.json}: shared with policy-service, which sends the same cases through
 * {@code POST /v1/evaluate}.
 */
public final class Rfc9309Cases {

    /** One decision: the crawler named {@code agent} fetching {@code url} under {@code robotsTxt}. */
    public record Case(String test, String robotsTxt, String agent, String url, boolean allowed) {
        @Override
        public String toString() {
            return test + " " + agent + " " + url + (allowed ? " allowed" : " disallowed");
        }
    }

    private Rfc9309Cases() {}

    public static List<Case> all() {
        try (InputStream in = Rfc9309Cases.class.getResourceAsStream("/robots/rfc9309-cases.json")) {
            if (in == null) {
                throw new IllegalStateException("robots/rfc9309-cases.json is not on the class path");
            }
            List<Case> cases = new ArrayList<>();
            for (JsonNode group : new ObjectMapper().readTree(in).path("groups")) {
                for (JsonNode check : group.path("checks")) {
                    cases.add(new Case(
                            group.path("test").asText(),
                            group.path("robotsTxt").asText(),
                            check.get(0).asText(),
                            check.get(1).asText(),
                            check.get(2).asBoolean()));
                }
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The user agent a site logs for a crawler that names itself {@code agent} beside a browser's words. */
    public static String browserLike(String agent) {
        return "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; " + agent
                + "/1.0; +https://foo.example/bot)";
    }
}
