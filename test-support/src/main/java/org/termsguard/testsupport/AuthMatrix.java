package org.termsguard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every secured operation of a service, read from its own OpenAPI document — so a new endpoint cannot be
 * forgotten — called with no credentials and with each kind of bad token. Each must answer 401 problem+json.
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
        return tokens;
    }

    /** @return the operations that did not answer 401 problem+json, and how many requests were made */
    public static Result check(String baseUrl) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        JsonNode openApi = get(http, baseUrl + "/q/openapi?format=json");
        List<Miss> misses = new ArrayList<>();
        int requests = 0;
        for (var paths = openApi.path("paths").fields(); paths.hasNext(); ) {
            var path = paths.next();
            for (var operations = path.getValue().fields(); operations.hasNext(); ) {
                var operation = operations.next();
                if (!operation.getValue().has("security")
                        || operation.getValue().path("security").isEmpty()) {
                    continue;
                }
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                String concrete = path.getKey().replaceAll("\\{[^}]+}", "x-corp");
                var declared =
                        operation.getValue().path("requestBody").path("content").fieldNames();
                String contentType = declared.hasNext() ? declared.next() : "application/json";
                for (var credentials : badCredentials().entrySet()) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + concrete))
                            .timeout(Duration.ofSeconds(10))
                            .method(
                                    method,
                                    method.equals("GET") || method.equals("DELETE")
                                            ? HttpRequest.BodyPublishers.noBody()
                                            : HttpRequest.BodyPublishers.ofString(
                                                    contentType.contains("json") ? "{}" : "x"))
                            .header("Content-Type", contentType);
                    if (credentials.getValue() != null) {
                        request.header("Authorization", "Bearer " + credentials.getValue());
                    }
                    HttpResponse<String> response = send(http, request.build());
                    requests++;
                    String type = response.headers().firstValue("Content-Type").orElse("");
                    if (response.statusCode() != 401 || !type.startsWith("application/problem+json")) {
                        misses.add(new Miss(method, path.getKey(), credentials.getKey(), response.statusCode(), type));
                    }
                }
            }
        }
        return new Result(misses, requests);
    }

    public record Result(List<Miss> misses, int requests) {}

    private static JsonNode get(HttpClient http, String url) {
        try {
            return new ObjectMapper()
                    .readTree(send(http, HttpRequest.newBuilder(URI.create(url)).build())
                            .body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
