package org.termsguard.policy.imports;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.document.JsonDocument;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A document after JSON-LD 1.1 expansion (JSON-LD 1.1 Processing Algorithms §4), and the navigation the ODRL readers
 * need over it. Expansion is what lets compact IRIs, aliases from other contexts and full IRIs mean the same thing:
 * every property is then a full IRI, every value an array, a literal a {@code {"@value"}} object and a reference a
 * {@code {"@id"}} object.
 *
 * <p>ODRL lets a rule, constraint or party be stated once and referred to by its identifier (ODRL 2.2 Information
 * Model §2.7, Policy Rule Composition), so every node object with properties is indexed by {@code @id} and a bare
 * reference resolves to it. Only the bundled ODRL context is loaded ({@link OdrlContexts}).
 */
final class ExpandedJsonLd {

    private static final OdrlContexts CONTEXTS = new OdrlContexts();

    private final List<JsonObject> topLevel = new ArrayList<>();
    private final Map<String, JsonObject> nodesById = new HashMap<>();

    private ExpandedJsonLd(JsonArray expanded) {
        for (JsonValue value : expanded) {
            if (value instanceof JsonObject node) {
                index(node);
                topLevel.add(node);
            }
        }
    }

    /** @throws UnreadableDocument when the text is not JSON-LD, or names a context other than ODRL's */
    static ExpandedJsonLd expand(String json) {
        try {
            return new ExpandedJsonLd(JsonLd.expand(JsonDocument.of(new StringReader(json)))
                    .loader(CONTEXTS)
                    .get());
        } catch (JsonLdError e) {
            Throwable cause = e;
            while (cause.getCause() instanceof JsonLdError deeper) {
                cause = deeper;
            }
            throw new UnreadableDocument("not ODRL JSON-LD: " + cause.getMessage(), e);
        } catch (RuntimeException e) {
            // Titanium reports some malformed input (e.g. a number where a context is due) unchecked.
            throw new UnreadableDocument("not ODRL JSON-LD: " + e.getMessage(), e);
        }
    }

    /** The top-level node objects, in document order. */
    List<JsonObject> topLevel() {
        return List.copyOf(topLevel);
    }

    private void index(JsonObject node) {
        if (node.containsKey("@id") && node.size() > 1) {
            nodesById.putIfAbsent(node.getString("@id"), node);
        }
        node.values().forEach(this::walk);
    }

    private void walk(JsonValue value) {
        if (value instanceof JsonArray array) {
            array.forEach(this::walk);
        } else if (value instanceof JsonObject o && !o.containsKey("@value")) {
            if (o.containsKey("@list")) {
                walk(o.get("@list"));
            } else {
                index(o);
            }
        }
    }

    /** Every value of a property, with {@code @list}s opened. */
    List<JsonValue> values(JsonObject node, String property) {
        JsonValue value = node.get(property);
        List<JsonValue> values = new ArrayList<>();
        if (value instanceof JsonArray array) {
            for (JsonValue v : array) {
                if (v instanceof JsonObject o && o.containsKey("@list")) {
                    values.addAll(o.getJsonArray("@list"));
                } else {
                    values.add(v);
                }
            }
        }
        return values;
    }

    Optional<JsonValue> first(JsonObject node, String property) {
        List<JsonValue> values = values(node, property);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Values that are nodes, whether embedded or referenced by {@code @id} elsewhere in the document. */
    List<JsonObject> nodes(JsonObject node, String property) {
        List<JsonObject> nodes = new ArrayList<>();
        for (JsonValue v : values(node, property)) {
            JsonObject resolved = node(v);
            if (resolved != null) {
                nodes.add(resolved);
            }
        }
        return nodes;
    }

    /** The node a value is or refers to; null for a literal, or a reference to a node the document does not hold. */
    JsonObject node(JsonValue value) {
        if (!(value instanceof JsonObject o) || o.containsKey("@value")) {
            return null;
        }
        if (o.size() == 1 && o.containsKey("@id")) {
            return nodesById.get(o.getString("@id"));
        }
        return o;
    }

    List<String> iris(JsonObject node, String property) {
        return values(node, property).stream()
                .map(ExpandedJsonLd::iri)
                .flatMap(Optional::stream)
                .toList();
    }

    Optional<String> literal(JsonObject node, String property) {
        return first(node, property).flatMap(ExpandedJsonLd::literalOf);
    }

    /** The value of a property typed {@code @json} (JSON-LD 1.1 §4.2.2, JSON literals), as the JSON it holds. */
    Optional<JsonValue> jsonLiteral(JsonObject node, String property) {
        return first(node, property)
                .filter(v -> v instanceof JsonObject o && o.containsKey("@value"))
                .map(v -> ((JsonObject) v).get("@value"));
    }

    /**
     * The IRI a value names: its {@code rdf:value} when it is a node that states one, otherwise its {@code @id}. An
     * action with a refinement is such a node (ODRL 2.2 Information Model §2.5.4).
     */
    Optional<String> valueIri(JsonValue value) {
        JsonObject node = node(value);
        return iri(value)
                .filter(id -> node == null || !node.containsKey(OdrlIris.RDF_VALUE))
                .or(() -> node == null
                        ? Optional.empty()
                        : first(node, OdrlIris.RDF_VALUE).flatMap(ExpandedJsonLd::iri));
    }

    static Optional<String> iri(JsonValue value) {
        if (value instanceof JsonObject o && o.containsKey("@id")) {
            return Optional.of(o.getString("@id"));
        }
        return Optional.empty();
    }

    static Optional<String> literalOf(JsonValue value) {
        if (value instanceof JsonObject o && o.containsKey("@value")) {
            JsonValue v = o.get("@value");
            return Optional.of(v instanceof JsonString s ? s.getString() : v.toString());
        }
        return Optional.empty();
    }

    /** A node's identifier: its {@code @id}, else its ODRL {@code uid} (ODRL 2.2 Information Model §2.1). */
    static Optional<String> id(JsonObject node) {
        if (node.containsKey("@id")) {
            return Optional.of(node.getString("@id"));
        }
        JsonValue uid = node.get(OdrlIris.ODRL + "uid");
        if (uid instanceof JsonArray array && !array.isEmpty()) {
            return iri(array.get(0)).or(() -> literalOf(array.get(0)));
        }
        return Optional.empty();
    }

    /** How the report names a node: its identifier, unless that is a blank node's, which means nothing to a reader. */
    static String label(JsonObject node, String kind) {
        return id(node).filter(id -> !id.startsWith("_:")).orElse("(" + kind + " without uid)");
    }

    static Set<String> types(JsonObject node) {
        Set<String> types = new LinkedHashSet<>();
        JsonValue type = node.get("@type");
        if (type instanceof JsonArray array) {
            array.forEach(t -> types.add(((JsonString) t).getString()));
        } else if (type instanceof JsonString s) {
            types.add(s.getString());
        }
        return types;
    }
}
