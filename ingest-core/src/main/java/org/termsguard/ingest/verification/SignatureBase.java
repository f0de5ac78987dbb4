package org.termsguard.ingest.verification;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.greenbytes.http.sfv.Dictionary;
import org.greenbytes.http.sfv.InnerList;
import org.greenbytes.http.sfv.Item;
import org.greenbytes.http.sfv.ListElement;
import org.greenbytes.http.sfv.ParseException;
import org.greenbytes.http.sfv.Parser;
import org.greenbytes.http.sfv.StringItem;

/**
 * The signature base of RFC 9421 §2.5: one line {@code <component identifier>: <component value>} per covered
 * component, in the order covered, then {@code "@signature-params": <the covered components and parameters
 * serialised as an inner list>}, lines separated by a single LF and no LF after the last.
 *
 * <p>Components: the derived ones of §2.2 that a request has ({@code @method}, {@code @target-uri},
 * {@code @authority}, {@code @scheme}, {@code @request-target}, {@code @path}, {@code @query}), and header fields
 * (§2.1), plain (values trimmed and joined with {@code ", "}) or as one member of a Dictionary field ({@code key},
 * §2.1.2), as Web Bot Auth's {@code "signature-agent";key="…"} is. {@code @query-param}, {@code sf}, {@code bs},
 * {@code req} and {@code tr} are not supported: a signature covering one is reported as unsupported, not as false.
 */
final class SignatureBase {

    /** Why a component has no value. */
    enum Problem {
        /** The request lacks the field or the dictionary member, or the identifier is malformed: the signature fails. */
        MISSING,
        /** A component or parameter this verifier does not implement: the signature cannot be checked. */
        UNSUPPORTED
    }

    static final class ComponentException extends Exception {
        private final Problem problem;

        ComponentException(Problem problem, String message) {
            super(message, null, false, false);
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }

    private SignatureBase() {}

    static String of(SignedRequest request, InnerList signatureParams) throws ComponentException {
        StringBuilder base = new StringBuilder();
        Set<String> seen = new HashSet<>();
        for (Item<?> component : signatureParams.get()) {
            if (!(component instanceof StringItem identifier)) {
                throw new ComponentException(Problem.MISSING, "a covered component is not a string: " + component);
            }
            String serialised = identifier.serialize();
            if (!seen.add(serialised)) {
                // RFC 9421 §2.5: a component identifier occurring twice is an error.
                throw new ComponentException(Problem.MISSING, serialised + " is covered twice");
            }
            String value = value(request, identifier);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\n' || c == '\r' || c > 0x7e) {
                    throw new ComponentException(Problem.MISSING, serialised + " has a value outside visible ASCII");
                }
            }
            base.append(serialised).append(": ").append(value).append('\n');
        }
        base.append("\"@signature-params\": ").append(signatureParams.serialize());
        return base.toString();
    }

    private static String value(SignedRequest request, StringItem identifier) throws ComponentException {
        String name = identifier.get();
        if (!name.equals(name.toLowerCase(Locale.ROOT)) || name.isEmpty()) {
            throw new ComponentException(Problem.MISSING, "component name " + name + " is not lower case");
        }
        Set<String> params = identifier.getParams().keySet();
        if (name.startsWith("@")) {
            if (!params.isEmpty()) {
                throw new ComponentException(Problem.UNSUPPORTED, "parameters on " + name + " are not supported");
            }
            return derived(request, name);
        }
        if (params.isEmpty()) {
            return request.field(name)
                    .map(values ->
                            String.join(", ", values.stream().map(String::strip).toList()))
                    .orElseThrow(
                            () -> new ComponentException(Problem.MISSING, "the request has no " + name + " field"));
        }
        if (params.size() == 1
                && params.contains("key")
                && identifier.getParams().get("key") instanceof StringItem key) {
            return member(request, name, key.get());
        }
        throw new ComponentException(Problem.UNSUPPORTED, "component parameters " + params + " are not supported");
    }

    /** RFC 9421 §2.2. */
    private static String derived(SignedRequest request, String name) throws ComponentException {
        String query = request.query();
        return switch (name) {
            case "@method" -> request.method();
            case "@scheme" -> request.scheme();
            case "@authority" -> authority(request);
            case "@target-uri" ->
                request.scheme() + "://" + authority(request) + request.path() + (query == null ? "" : "?" + query);
            case "@request-target" -> request.path() + (query == null ? "" : "?" + query);
            case "@path" -> request.path();
            // §2.2.7: without a query the value is "?" alone.
            case "@query" -> "?" + (query == null ? "" : query);
            case "@query-param" -> throw new ComponentException(Problem.UNSUPPORTED, "@query-param is not supported");
            default -> throw new ComponentException(Problem.MISSING, name + " is not a request component");
        };
    }

    /** §2.2.3: the authority lower case, without the scheme's default port. */
    private static String authority(SignedRequest request) {
        String authority = request.authority().toLowerCase(Locale.ROOT);
        String defaultPort = "https".equals(request.scheme()) ? ":443" : "http".equals(request.scheme()) ? ":80" : null;
        return defaultPort != null && authority.endsWith(defaultPort)
                ? authority.substring(0, authority.length() - defaultPort.length())
                : authority;
    }

    /** §2.1.2: the field parsed as a Dictionary, and the named member's value serialised with its parameters. */
    private static String member(SignedRequest request, String name, String key) throws ComponentException {
        List<String> values = request.field(name)
                .orElseThrow(() -> new ComponentException(Problem.MISSING, "the request has no " + name + " field"));
        Dictionary dictionary;
        try {
            dictionary = new Parser(values).parseDictionary();
        } catch (ParseException e) {
            throw new ComponentException(Problem.MISSING, name + " is not a Dictionary: " + e.getMessage());
        }
        ListElement<?> member = dictionary.get().get(key);
        if (member == null) {
            throw new ComponentException(Problem.MISSING, name + " has no member " + key);
        }
        return member.serialize();
    }

    /** Whether {@code identifier} names the field {@code name}, with or without parameters. */
    static boolean names(Item<?> identifier, String name) {
        return identifier instanceof StringItem s && s.get().equals(name);
    }
}
