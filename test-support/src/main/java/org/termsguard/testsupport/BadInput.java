package org.termsguard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.termsguard.testsupport.OpenApiOperations.Operation;

/**
 * B3 as named cases rather than chance: every operation with a request body, read from the service's OpenAPI
 * document, gets each kind of bad input — an oversized body, a wrong and a missing content type, deep nesting, and
 * its own documented example with every number made huge, every string made odd Unicode or given a NUL byte, and
 * a key duplicated. Properties: never a 5xx (but one the operation documents), every 4xx is problem+json, an
 * oversized body is 413 and a wrong content type 415.
 */
public final class BadInput {

    /** A request whose answer broke a property. */
    public record Miss(String operation, String badInput, int status, String contentType, String expected) {}

    /** Requests made per kind of bad input, the answers they got, and the misses. */
    public record Result(List<Miss> misses, Map<String, Integer> requestsByCase, Map<Integer, Integer> statuses) {
        public int requests() {
            return requestsByCase.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ODD_UNICODE = "\u202eevil\u200d😀名前\ufeff\u0301e\u0308";

    private BadInput() {}

    /** @param maxBodyBytes the service's body limit ({@code quarkus.http.limits.max-body-size}) */
    public static Result check(String baseUrl, String bearer, long maxBodyBytes) {
        return check(baseUrl, path -> bearer, maxBodyBytes);
    }

    /** As above, with the credentials each path takes (e.g. a producer key for ingest's event paths). */
    public static Result check(String baseUrl, Function<String, String> bearerFor, long maxBodyBytes) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        List<Miss> misses = new ArrayList<>();
        Map<String, Integer> requests = new LinkedHashMap<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (Operation op : OpenApiOperations.of(http, baseUrl)) {
            if (op.requestMedia().isEmpty()) {
                continue;
            }
            String method = op.method();
            String operation = op.name();
            String bearer = bearerFor.apply(op.path());
            String url = baseUrl + op.concrete("x-corp");
            String type = op.requestTypes().get(0);
            String example = example(op.requestMedia().get());
            boolean json = type.contains("json");
            for (Case c : cases(type, json, example, maxBodyBytes)) {
                if (c.name().equals("oversized body")) {
                    requests.merge(c.name(), 1, Integer::sum);
                    Answer answer = oversized(baseUrl, method, op.path(), type, bearer, c.body());
                    statuses.merge(answer.status(), 1, Integer::sum);
                    if (answer.status() != 413 || !answer.contentType().startsWith("application/problem+json")) {
                        misses.add(new Miss(
                                operation, c.name(), answer.status(), answer.contentType(), "413 problem+json"));
                    }
                    continue;
                }
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + bearer)
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(c.body()));
                if (c.contentType() != null) {
                    request.header("Content-Type", c.contentType());
                }
                HttpResponse<String> response = send(http, request.build());
                requests.merge(c.name(), 1, Integer::sum);
                statuses.merge(response.statusCode(), 1, Integer::sum);
                String answered = response.headers().firstValue("Content-Type").orElse("");
                int status = response.statusCode();
                String broken = null;
                if (status >= 500 && !op.spec().path("responses").has(Integer.toString(status))) {
                    broken = "no 5xx";
                } else if (status >= 400 && status < 500 && !answered.startsWith("application/problem+json")) {
                    broken = "problem+json";
                } else if (c.expected() != null && status != c.expected()) {
                    broken = Integer.toString(c.expected());
                }
                if (broken != null) {
                    misses.add(new Miss(operation, c.name(), status, answered, broken));
                }
            }
        }
        return new Result(misses, requests, statuses);
    }

    private record Answer(int status, String contentType) {}

    /**
     * An oversized body over a plain socket: the server may answer and close before it is all sent, which an HTTP
     * client reports as a broken pipe; a browser or curl reads the answer, and so does this.
     */
    private static Answer oversized(
            String baseUrl, String method, String template, String type, String bearer, byte[] body) {
        URI uri = URI.create(baseUrl);
        String path = template.replaceAll("\\{[^}]+}", "x-corp");
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nAuthorization: Bearer "
                            + bearer + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            try {
                for (int at = 0; at < body.length; at += 65_536) {
                    out.write(body, at, Math.min(65_536, body.length - at));
                }
                out.flush();
            } catch (IOException refusedMidway) {
                // The server answered and closed; its answer is waiting to be read.
            }
            String head = new String(socket.getInputStream().readNBytes(4096), StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(head.substring(9, 12));
            String contentType = head.lines()
                    .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(l -> l.substring(13).trim())
                    .findFirst()
                    .orElse("");
            return new Answer(status, contentType);
        } catch (IOException | RuntimeException e) {
            return new Answer(-1, e.toString());
        }
    }

    private record Case(String name, String contentType, byte[] body, Integer expected) {}

    private static List<Case> cases(String type, boolean json, String example, long maxBodyBytes) {
        List<Case> cases = new ArrayList<>();
        byte[] oversized = new byte[(int) maxBodyBytes + 1024];
        java.util.Arrays.fill(oversized, (byte) 'a');
        if (json) {
            oversized[0] = '[';
            oversized[oversized.length - 1] = ']';
        }
        cases.add(new Case("oversized body", type, oversized, 413));
        cases.add(new Case("wrong content type", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, 415));
        cases.add(new Case("no content type", null, bytes(example), null));
        cases.add(new Case("deep nesting", type, bytes("[".repeat(10_000) + "]".repeat(10_000)), null));
        if (json && example.startsWith("{")) {
            cases.add(new Case("huge numbers", type, bytes(mutate(example, s -> s, true)), null));
            cases.add(new Case("odd Unicode", type, bytes(mutate(example, s -> ODD_UNICODE, false)), null));
            cases.add(new Case("NUL bytes", type, bytes(mutate(example, s -> s + "\u0000x", false)), null));
            cases.add(new Case("duplicate keys", type, bytes(duplicateFirstKey(example)), null));
        } else {
            cases.add(new Case("odd Unicode", type, bytes(example + "\n" + ODD_UNICODE), null));
            cases.add(new Case("NUL bytes", type, bytes(example.replace("\n", "\u0000\n") + "\u0000"), null));
            cases.add(new Case("invalid UTF-8", type, new byte[] {'a', (byte) 0xc3, (byte) 0x28, (byte) 0xff}, null));
        }
        return cases;
    }

    /** The operation's first documented example, or an empty object. */
    private static String example(JsonNode media) {
        for (JsonNode example : media.path("examples")) {
            JsonNode value = example.path("value");
            if (!value.isMissingNode()) {
                return value.isTextual() ? value.asText() : value.toString();
            }
        }
        JsonNode single = media.path("example");
        if (!single.isMissingNode()) {
            return single.isTextual() ? single.asText() : single.toString();
        }
        return "{}";
    }

    private static String mutate(String example, Function<String, String> strings, boolean huge) {
        try {
            JsonNode tree = JSON.readTree(example);
            String out = JSON.writeValueAsString(walk(tree, strings));
            // Numbers PostgreSQL, a long and a double cannot hold, written as JSON allows them.
            return huge ? out.replaceAll("(?<=[:\\[,])-?\\d+(\\.\\d+)?(?=[,}\\]])", "9".repeat(400) + "e999") : out;
        } catch (IOException e) {
            return example;
        }
    }

    private static JsonNode walk(JsonNode node, Function<String, String> strings) {
        if (node.isTextual()) {
            return TextNode.valueOf(strings.apply(node.asText()));
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(f -> copy.set(f.getKey(), walk(f.getValue(), strings)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(walk(item, strings)));
            return copy;
        }
        return node;
    }

    private static String duplicateFirstKey(String example) {
        try {
            JsonNode tree = JSON.readTree(example);
            Iterator<String> keys = tree.fieldNames();
            if (!keys.hasNext()) {
                return "{\"a\":1,\"a\":2}";
            }
            String key = keys.next();
            String body = tree.toString();
            return body.substring(0, body.length() - 1) + "," + JSON.writeValueAsString(key) + ":\"duplicate\"}";
        } catch (IOException e) {
            return "{\"a\":1,\"a\":2}";
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        return OpenApiOperations.send(http, request);
    }
}
