package org.termsguard.ingest.verification;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of an HTTP request that a message signature can cover (RFC 9421 §2): what a gateway saw and passed on in
 * {@code evidence.httpSignature}, or what a dry run describes.
 *
 * @param method the request method, e.g. {@code GET}
 * @param scheme {@code https} or {@code http}
 * @param authority the request's authority ({@code Host} or {@code :authority}), e.g. {@code example.com}
 * @param path the absolute path, e.g. {@code /foo}; empty means {@code /}
 * @param query the query without its {@code ?}, or null when the target has none
 * @param fields the header fields by lower-case name, each with its field lines' values in order
 */
public record SignedRequest(
        String method, String scheme, String authority, String path, String query, Map<String, List<String>> fields) {

    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(authority, "authority");
        scheme = scheme == null ? "https" : scheme.toLowerCase(Locale.ROOT);
        path = path == null || path.isEmpty() ? "/" : path;
        Map<String, List<String>> lowered = new LinkedHashMap<>();
        (fields == null ? Map.<String, List<String>>of() : fields)
                .forEach((name, values) ->
                        lowered.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values), (a, b) -> concat(a, b)));
        fields = Map.copyOf(lowered);
    }

    /** A request for {@code target} (an absolute URI) with the given header fields. */
    public static SignedRequest of(String method, URI target, Map<String, List<String>> fields) {
        String authority = target.getRawAuthority();
        if (authority == null || target.getScheme() == null) {
            throw new IllegalArgumentException("The target must be an absolute URI: " + target);
        }
        return new SignedRequest(
                method, target.getScheme(), authority, target.getRawPath(), target.getRawQuery(), fields);
    }

    /** A request from its method, authority and path as a gateway logs them; the path may carry a query. */
    public static SignedRequest of(
            String method, String authority, String pathAndQuery, Map<String, List<String>> fields) {
        String target = pathAndQuery == null ? "/" : pathAndQuery;
        int q = target.indexOf('?');
        return new SignedRequest(
                method,
                "https",
                authority,
                q < 0 ? target : target.substring(0, q),
                q < 0 ? null : target.substring(q + 1),
                fields);
    }

    /** The field's values, if the request has it. */
    public Optional<List<String>> field(String name) {
        return Optional.ofNullable(fields.get(name.toLowerCase(Locale.ROOT)));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
