package org.termsguard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.termsguard.testsupport.OpenApiOperations.Operation;

/**
 * Requests generated from a service's own OpenAPI document: every operation, its path and query parameters filled
 * with odd values (Unicode, NUL, huge numbers, long strings, injection attempts), bodies that are almost right,
 * wrong, deeply nested, of another content type or none. Sent with a valid platform-admin token so that the
 * handlers run. The properties: no 5xx, and every 4xx is problem+json. A fixed seed makes a run reproducible;
 * each miss names the request that caused it.
 */
public final class HttpFuzz {

    /** A response that broke a property. */
    public record Miss(
            String operation,
            String method,
            String path,
            String contentType,
            String body,
            int status,
            String answerType) {}

    public record Result(List<Miss> misses, int requests, Map<Integer, Integer> statuses) {}

    private static final String[] ODD = {
        "",
        " ",
        // A well-formed owner no other test sets up: a fuzzed write that happens to be valid must not create
        // terms (effective now) for an owner a test builds with a past history, such as the README's x-corp.
        "fuzz-corp",
        "FUZZ-CORP",
        "ümlaut",
        "名前",
        "😀",
        "a\u0000b",
        "\u202e",
        "../../etc/passwd",
        "%00",
        "%2e%2e",
        "' or 1=1 --",
        "<script>",
        "${jndi:ldap://x}",
        "-1",
        "0",
        "99999999999999999999999999",
        "1e309",
        "NaN",
        "null",
        "true",
        "[]",
        "{}",
        "a".repeat(300),
        "a".repeat(70_000),
        "2023-04-12T09:30:00Z",
        "2023-13-45",
        "P1M",
        "inc-00000000-0000-0000-0000-000000000000",
        "tgk_0000000000000000_" + "A".repeat(43)
    };
    private static final String[] CONTENT_TYPES = {
        "application/json",
        "application/x-ndjson",
        "application/cloudevents+json",
        "application/cloudevents-batch+json",
        "text/plain",
        "application/xml",
        "application/ld+json",
        "application/rsl+xml",
        "application/octet-stream",
        "multipart/form-data; boundary=x",
        "application/json; charset=latin1",
        ""
    };

    private HttpFuzz() {}

    public static Result run(String baseUrl, String bearer, int requests, long seed) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Operation> operations = OpenApiOperations.of(http, baseUrl);
        Random random = new Random(seed);
        List<Miss> misses = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < requests; i++) {
            Operation op = operations.get(random.nextInt(operations.size()));
            if (op.path().endsWith("/stream")) {
                continue;
            }
            String path = concretePath(op.path(), random);
            String query = query(op.spec(), random);
            String contentType = contentType(op.spec(), random);
            String body = body(random);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path + query))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + bearer)
                    .method(
                            op.method(),
                            op.method().equals("GET") || op.method().equals("DELETE")
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            if (!contentType.isEmpty()) {
                request.header("Content-Type", contentType);
            }
            HttpResponse<String> response = OpenApiOperations.send(http, request.build());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            String type = response.headers().firstValue("Content-Type").orElse("");
            // A 5xx the operation documents (502 when an upstream service is away) is an answer, not a failure.
            boolean serverError = response.statusCode() >= 500
                    && !op.spec().path("responses").has(Integer.toString(response.statusCode()));
            boolean unexplained = response.statusCode() >= 400
                    && response.statusCode() < 500
                    && !type.startsWith("application/problem+json");
            if (serverError || unexplained) {
                misses.add(new Miss(
                        op.name(),
                        op.method(),
                        path + query,
                        contentType,
                        body.length() > 200 ? body.substring(0, 200) + "…" : body,
                        response.statusCode(),
                        type));
            }
        }
        return new Result(misses, requests, statuses);
    }

    private static String concretePath(String template, Random random) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                out.append(template.substring(at));
                return out.toString();
            }
            out.append(template, at, open);
            String value = random.nextInt(3) == 0 ? "fuzz-corp" : ODD[random.nextInt(ODD.length)];
            if (value.isEmpty() || value.length() > 1000) {
                value = "x";
            }
            out.append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            at = template.indexOf('}', open) + 1;
        }
    }

    private static String query(JsonNode spec, Random random) {
        List<String> parts = new ArrayList<>();
        for (JsonNode parameter : spec.path("parameters")) {
            if (parameter.path("in").asText().equals("query") && random.nextBoolean()) {
                String value = ODD[random.nextInt(ODD.length)];
                if (value.length() > 1000) {
                    value = value.substring(0, 1000);
                }
                parts.add(parameter.path("name").asText() + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    private static String contentType(JsonNode spec, Random random) {
        Iterator<String> declared = spec.path("requestBody").path("content").fieldNames();
        if (declared.hasNext() && random.nextInt(3) > 0) {
            return declared.next();
        }
        return CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
    }

    private static String body(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> "";
            case 1 -> ODD[random.nextInt(ODD.length)];
            case 2 -> "[".repeat(5000) + "]".repeat(5000);
            case 3 -> "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
            case 4 -> "{\"eventId\":\"e\",\"eventId\":\"f\",\"owner\":\"x-corp\"}";
            case 5 -> "{\"records\":" + "9".repeat(400) + ",\"volume\":{\"records\":-1e999}}";
            case 6 ->
                "{\"displayName\":\"" + ODD[random.nextInt(ODD.length)].replace("\"", "") + "\",\"defaultTerms\":"
                        + "{\"allowedPurposes\":[\"" + ODD[random.nextInt(ODD.length)].replace("\"", "") + "\"]}}";
            case 7 -> "\u0000\u0001\u00ff garbage \ud800";
            case 8 -> randomJson(random, 0);
            default ->
                "{\"eventId\":\"fz-" + random.nextInt() + "\",\"observedAt\":\""
                        + ODD[random.nextInt(ODD.length)].replace("\"", "")
                        + "\",\"owner\":\"x-corp\",\"channel\":\"api\",\"resource\":{\"kind\":\"tweets\"}}";
        };
    }

    private static String randomJson(Random random, int depth) {
        int kind = depth > 4 ? random.nextInt(4) : random.nextInt(6);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> Long.toString(random.nextLong());
            case 2 -> "\"" + ODD[random.nextInt(ODD.length)].replace("\\", "").replace("\"", "") + "\"";
            case 3 -> Boolean.toString(random.nextBoolean());
            case 4 -> {
                List<String> items = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    items.add(randomJson(random, depth + 1));
                }
                yield "[" + String.join(",", items) + "]";
            }
            default -> {
                String[] keys = {"owner", "consumer", "eventId", "purpose", "licenseId", "matchers", "records", "x"};
                List<String> fields = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    fields.add("\"" + keys[random.nextInt(keys.length)] + "\":" + randomJson(random, depth + 1));
                }
                yield "{" + String.join(",", fields) + "}";
            }
        };
    }
}
