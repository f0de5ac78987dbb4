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
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The operations a running service documents in its own OpenAPI document ({@code /q/openapi?format=json}), read
 * once for every suite generated from it — the fuzzer, the named bad inputs and the auth matrix — so that a new
 * endpoint is covered by all three without a line of test code.
 */
public final class OpenApiOperations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");

    /**
     * One operation: an HTTP method on a path template, with its OpenAPI description.
     *
     * @param path the template, e.g. {@code /v1/owners/{owner}/licenses}
     */
    public record Operation(String method, String path, JsonNode spec) {

        /** {@code POST /v1/events}: how reports name it. */
        public String name() {
            return method + " " + path;
        }

        /** Whether it declares a security requirement (and so must refuse a request without credentials). */
        public boolean secured() {
            return spec.has("security") && !spec.path("security").isEmpty();
        }

        /** The request body's media types as documented, the first being the one to send. */
        public List<String> requestTypes() {
            List<String> types = new ArrayList<>();
            spec.path("requestBody").path("content").fieldNames().forEachRemaining(types::add);
            return types;
        }

        public Optional<JsonNode> requestMedia() {
            List<String> types = requestTypes();
            return types.isEmpty()
                    ? Optional.empty()
                    : Optional.of(spec.path("requestBody").path("content").path(types.get(0)));
        }

        /** Whether it answers a server-sent event stream, which never ends. */
        public boolean streams() {
            return spec.path("responses").toString().contains("text/event-stream");
        }

        /**
         * A request to {@code url} with the smallest body its method and documented media type take ({@code {}}
         * for JSON), for tests about who may call it rather than what it is sent.
         */
        public HttpRequest.Builder minimalRequest(String url) {
            String contentType = requestTypes().stream().findFirst().orElse("application/json");
            boolean bodyless = method.equals("GET") || method.equals("DELETE");
            return HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .method(
                            method,
                            bodyless
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(contentType.contains("json") ? "{}" : "x"))
                    .header("Content-Type", contentType);
        }

        /** The path with every parameter replaced by {@code value}. */
        public String concrete(String value) {
            return path.replaceAll("\\{[^}]+}", value);
        }
    }

    private OpenApiOperations() {}

    /** Every operation of the service at {@code baseUrl}, in the document's order. */
    public static List<Operation> of(HttpClient http, String baseUrl) {
        JsonNode openApi;
        try {
            openApi = JSON.readTree(send(
                            http,
                            HttpRequest.newBuilder(URI.create(baseUrl + "/q/openapi?format=json"))
                                    .build())
                    .body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Operation> operations = new ArrayList<>();
        for (var paths = openApi.path("paths").fields(); paths.hasNext(); ) {
            var path = paths.next();
            for (Iterator<java.util.Map.Entry<String, JsonNode>> ops =
                            path.getValue().fields();
                    ops.hasNext(); ) {
                var op = ops.next();
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (METHODS.contains(method)) {
                    operations.add(new Operation(method, path.getKey(), op.getValue()));
                }
            }
        }
        return operations;
    }

    /** Sends and reads the answer as text; I/O failures are the test's failures, with the request named. */
    public static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
