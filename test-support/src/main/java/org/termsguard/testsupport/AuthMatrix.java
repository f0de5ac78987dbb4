package org.termsguard.testsupport;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.termsguard.testsupport.OpenApiOperations.Operation;

/**
 * Every secured operation of a service, read from its own OpenAPI document — so a new endpoint cannot be
 * forgotten — called with no credentials and with each kind of bad token (each must answer 401 problem+json), and
 * called by another owner's admin on an owner's data (each must answer 403 or 404 problem+json, and lists must
 * not show the owner).
 */
public final class AuthMatrix {

    /** A request that was not refused as it should have been. */
    public record Miss(String method, String path, String credentials, int status, String contentType) {}

    private AuthMatrix() {}

    /** The bad credentials tried on every secured operation, by name. */
    public static Map<String, String> badCredentials() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("none", null);
        tokens.put("garbage", "not-a-token");
        tokens.put("expired JWT", TestTokens.expired());
        tokens.put("forged JWT", TestTokens.forged());
        tokens.put("wrong-issuer JWT", TestTokens.wrongIssuer());
        tokens.put("wrong-audience JWT", TestTokens.wrongAudience());
        tokens.put("JWT without audience", TestTokens.noAudience());
        return tokens;
    }

    /** @return the operations that did not answer 401 problem+json, and how many requests were made */
    public static Result check(String baseUrl) {
        return check(baseUrl, Map.of());
    }

    /**
     * As {@link #check(String)}, with a service's own bad credentials besides, e.g. an unknown and a revoked API
     * key, by name.
     */
    public static Result check(String baseUrl, Map<String, String> moreCredentials) {
        Map<String, String> credentialsToTry = new LinkedHashMap<>(badCredentials());
        credentialsToTry.putAll(moreCredentials);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Miss> misses = new ArrayList<>();
        int requests = 0;
        int operations = 0;
        for (Operation op : OpenApiOperations.of(http, baseUrl)) {
            if (!op.secured()) {
                continue;
            }
            operations++;
            String method = op.method();
            String concrete = op.concrete("x-corp");
            for (var credentials : credentialsToTry.entrySet()) {
                HttpRequest.Builder request = op.minimalRequest(baseUrl + concrete);
                if (credentials.getValue() != null) {
                    request.header("Authorization", "Bearer " + credentials.getValue());
                }
                HttpResponse<String> response = send(http, request.build());
                requests++;
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (response.statusCode() != 401 || !type.startsWith("application/problem+json")) {
                    misses.add(new Miss(method, op.path(), credentials.getKey(), response.statusCode(), type));
                }
            }
        }
        return new Result(misses, requests, operations, List.copyOf(credentialsToTry.keySet()));
    }

    /**
     * @param operations the secured operations of the OpenAPI document, each called with every one of
     *     {@code credentials}
     */
    public record Result(List<Miss> misses, int requests, int operations, List<String> credentials) {
        /** The line of the reliability report (B4). */
        public String summary(String service) {
            return service + ": " + operations + " secured operations × " + credentials.size() + " bad credentials "
                    + credentials + " = " + requests + " requests, misses " + misses.size()
                    + " (each must answer 401 problem+json)";
        }
    }

    /** What another owner's admin could do to {@code victim}'s data; {@code uncovered}: operations not tried. */
    public record CrossOwnerResult(List<Miss> misses, int requests, List<String> uncovered) {
        /** The line of the reliability report (B4). */
        public String summary(String service) {
            return service + ": another owner's admin on an owner's real data: " + requests
                    + " requests, misses " + misses.size() + " (each must answer 403/404 problem+json, lists must"
                    + " not show the owner); covered by the service's own tests instead: " + uncovered;
        }
    }

    /**
     * Calls every secured operation as {@code intruderToken} (an owner-admin of some other owner) on
     * {@code victim}'s data: {@code {owner}} becomes {@code victim}; any other path parameter takes the value in
     * {@code ids} under the path template up to that parameter (e.g. {@code /v1/incidents/{id}}), and an operation
     * with a parameter not given there is reported as uncovered. Operations on a victim's path must answer 403 or
     * 404 problem+json, whatever the body; a GET without path parameters (a list) must answer 403, or 2xx without
     * {@code victim} anywhere in its body. Writes without path parameters carry their owner in the body and are
     * reported as uncovered.
     */
    public static CrossOwnerResult crossOwner(
            String baseUrl, String victim, String intruderToken, Map<String, String> ids) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Miss> misses = new ArrayList<>();
        List<String> uncovered = new ArrayList<>();
        int requests = 0;
        for (Operation op : OpenApiOperations.of(http, baseUrl)) {
            if (!op.secured()) {
                continue;
            }
            String template = op.path();
            String method = op.method();
            String concrete = concrete(template, victim, ids);
            boolean hasParameters = template.contains("{");
            // A stream never ends, so its body cannot be searched; its owner filtering is tested with the stream.
            if (concrete == null || op.streams() || (!hasParameters && !method.equals("GET"))) {
                uncovered.add(op.name());
                continue;
            }
            HttpRequest request = op.minimalRequest(baseUrl + concrete)
                    .header("Authorization", "Bearer " + intruderToken)
                    .build();
            HttpResponse<String> response = send(http, request);
            requests++;
            String type = response.headers().firstValue("Content-Type").orElse("");
            int status = response.statusCode();
            boolean refused = (status == 403 || status == 404) && type.startsWith("application/problem+json");
            boolean listWithoutVictim = !hasParameters
                    && status >= 200
                    && status < 300
                    && !response.body().contains(victim);
            if (!refused && !listWithoutVictim) {
                misses.add(new Miss(method, template, "another owner's admin", status, type));
            }
        }
        return new CrossOwnerResult(misses, requests, uncovered);
    }

    private static String concrete(String template, String victim, Map<String, String> ids) {
        StringBuilder path = new StringBuilder();
        int at = 0;
        while (true) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                return path.append(template.substring(at)).toString();
            }
            int close = template.indexOf('}', open);
            String name = template.substring(open + 1, close);
            String value = name.equals("owner") ? victim : ids.get(template.substring(0, close + 1));
            if (value == null) {
                return null;
            }
            path.append(template, at, open).append(value);
            at = close + 1;
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        return OpenApiOperations.send(http, request);
    }
}
