package org.termsguard.bench.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import org.termsguard.localstack.RunningStack;
import org.termsguard.localstack.Service;

/**
 * The benchmark's own owner, {@code bench}, set up through the public APIs: a licensee within a large quota (its use
 * is metered, no violation), unlicensed AI training (a no-license violation per event), alerts at once (groupWait 0,
 * no receivers), and a producer key for it.
 */
public final class BenchOwner {

    public static final String OWNER = "bench";
    public static final String LICENSED = "licensed-co";
    private static final String PADDING = "x".repeat(117);

    private BenchOwner() {}

    /** Returns the producer key. */
    public static String setUp(RunningStack stack) throws IOException, InterruptedException {
        setUpOwner(stack, OWNER);
        String created = stack.call(
                "POST",
                Service.INGEST.url() + "/v1/producers",
                "{\"producerId\":\"bench-load\",\"name\":\"Benchmark load generator\",\"owners\":[\"" + OWNER + "\"]}",
                201,
                409);
        JsonNode key = RunningStack.JSON.readTree(created);
        if (!key.has("apiKey")) {
            key = RunningStack.JSON.readTree(stack.call(
                    "POST",
                    Service.INGEST.url() + "/v1/producers/bench-load/keys",
                    "{\"owners\":[\"" + OWNER + "\"]}",
                    201));
        }
        return key.get("apiKey").asText();
    }

    /**
     * An owner set up like {@link #OWNER} (same terms, the same licensee, alerts at once): the reliability suite
     * needs several owners whose producers choose the same event ids.
     */
    public static void setUpOwner(RunningStack stack, String owner) throws IOException, InterruptedException {
        stack.call(
                "PUT",
                Service.POLICY.url() + "/v1/owners/" + owner,
                """
                {"displayName":"Benchmark owner","noticeContact":"bench@termsguard.local",
                 "defaultTerms":{"allowedPurposes":["display","search"],"licenseRequiredFor":["ai-train","ai-input","analytics"],
                                 "listPrice":{"perThousandRecords":"0.84","currency":"USD"}},
                 "effectiveFrom":"2020-01-01T00:00:00Z"}""",
                200,
                201,
                409);
        stack.call(
                "POST",
                Service.POLICY.url() + "/v1/owners/" + owner + "/licenses",
                """
                {"licenseId":"bench-enterprise","licensee":"%s","tier":"enterprise","purposes":["display","analytics"],
                 "quota":{"records":1000000000000,"period":"P1M"},"validFrom":"2020-01-01T00:00:00Z","status":"active",
                 "effectiveFrom":"2020-01-01T00:00:00Z"}"""
                        .formatted(LICENSED),
                201,
                409);
        stack.call(
                "PUT",
                Service.ALERT.url() + "/v1/owners/" + owner + "/routes",
                """
                {"groupWait":"PT0S","groupInterval":"PT1H","repeatInterval":"PT24H","resolveAfter":"PT24H","receivers":[]}""",
                200);
    }

    /**
     * One access event of about 500 bytes of JSON, like Kafka's own benchmark records. {@code violating} events are
     * AI training by a consumer without a license; the others are a licensee's metered analytics.
     */
    public static String event(String eventId, String consumer, boolean violating, Instant at) {
        return event(OWNER, eventId, consumer, violating, at);
    }

    /** {@link #event(String, String, boolean, Instant)} of another owner set up by {@link #setUpOwner}. */
    public static String event(String owner, String eventId, String consumer, boolean violating, Instant at) {
        return "{\"eventId\":\"" + eventId + "\",\"observedAt\":\"" + at + "\",\"owner\":\"" + owner
                + "\",\"consumer\":\"" + consumer + "\",\"channel\":\"api\",\"resource\":{\"kind\":\"posts\",\"uri\":"
                + "\"https://api.bench.example/2/posts/search?q=" + PADDING + "\"},\"purpose\":\""
                + (violating ? "ai-train" : "analytics") + "\",\"volume\":{\"records\":1},\"evidence\":"
                + "{\"apiClientId\":\"bench-client\",\"clientIp\":\"198.51.100.7\",\"requestId\":\"r-" + eventId
                + "\",\"identity\":\"claimed\"}}";
    }
}
