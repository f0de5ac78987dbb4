package org.termsguard.alert.violations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.termsguard.alert.incidents.OwnedViolationId;
import org.termsguard.contracts.violations.Violation;

/**
 * Keeps every violation once, whatever the number of deliveries, and links it to its incident. A violation is its
 * (owner, violationId): the ids derive from producers' event ids, which two owners' producers may share.
 */
@ApplicationScoped
public class ViolationLedger {

    private final ObjectMapper json;

    public ViolationLedger(ObjectMapper json) {
        this.json = json;
    }

    /** Stores {@code batch} in the caller's transaction and answers the violations that were new, in order. */
    public Uni<List<Violation>> keepNew(SqlClient client, List<Violation> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int size = batch.size();
        String[] ids = new String[size],
                events = new String[size],
                owners = new String[size],
                consumers = new String[size],
                rules = new String[size],
                severities = new String[size],
                payloads = new String[size];
        java.time.OffsetDateTime[] observed = new java.time.OffsetDateTime[size];
        Short[] subMicros = new Short[size];
        for (int i = 0; i < size; i++) {
            Violation v = batch.get(i);
            ids[i] = v.violationId();
            events[i] = v.eventId();
            owners[i] = v.owner();
            consumers[i] = v.consumer();
            rules[i] = v.rule().token();
            severities[i] = v.severity().name().toLowerCase(java.util.Locale.ROOT);
            // The evidence chain orders by the event's own instant: its microseconds and the nanoseconds below them
            // are stored apart, so the database's order is the chain's (V6).
            java.time.Instant at = v.event() != null && v.event().observedAt() != null
                    ? v.event().observedAt()
                    : v.observedAt();
            observed[i] = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
            subMicros[i] = (short) (at.getNano() % 1000);
            payloads[i] = write(v);
        }
        return client.preparedQuery("insert into violation (violation_id, event_id, owner, consumer, rule, severity,"
                        + " observed_at, observed_sub_micros, payload) select v.id, v.event, v.owner, v.consumer, v.rule,"
                        + " v.severity, v.observed, v.sub_micros, cast(v.payload as jsonb) from unnest($1::varchar[],"
                        + " $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::timestamptz[],"
                        + " $8::smallint[], $9::text[])"
                        + " as v(id, event, owner, consumer, rule, severity, observed, sub_micros, payload)"
                        + " on conflict (owner, violation_id) do nothing returning owner, violation_id")
                .execute(Tuple.from(
                        new Object[] {ids, events, owners, consumers, rules, severities, observed, subMicros, payloads
                        }))
                .map(rows -> {
                    Set<OwnedViolationId> fresh = new HashSet<>();
                    rows.forEach(row ->
                            fresh.add(new OwnedViolationId(row.getString("owner"), row.getString("violation_id"))));
                    // The first copy of each in batch order; later copies in the same batch are duplicates.
                    return batch.stream()
                            .filter(v -> fresh.remove(OwnedViolationId.of(v)))
                            .toList();
                });
    }

    /** Links violations to the incidents that count them. */
    public static Uni<Void> assign(SqlClient client, Map<OwnedViolationId, String> incidentOfViolation) {
        if (incidentOfViolation.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int size = incidentOfViolation.size();
        String[] owners = new String[size], violations = new String[size], incidents = new String[size];
        int i = 0;
        for (var entry : incidentOfViolation.entrySet()) {
            owners[i] = entry.getKey().owner();
            violations[i] = entry.getKey().violationId();
            incidents[i++] = entry.getValue();
        }
        return client.preparedQuery("update violation v set incident_id = a.incident from unnest($1::varchar[],"
                        + " $2::varchar[], $3::varchar[]) as a(owner, violation, incident)"
                        + " where v.owner = a.owner and v.violation_id = a.violation")
                .execute(Tuple.of(owners, violations, incidents))
                .replaceWithVoid();
    }

    private String write(Violation violation) {
        try {
            JsonNode tree = json.valueToTree(violation);
            return json.writeValueAsString(withoutNul(tree));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("Violation " + violation.violationId() + " cannot be written", e);
        }
    }

    /**
     * PostgreSQL's jsonb cannot hold U+0000 (error 22P05), so a crawler's NUL byte in a user agent or path made every
     * retry of its batch fail and held the consumer for good (found attacking issue #17's notices). It is kept as
     * U+FFFD REPLACEMENT CHARACTER, which the notices show as such; every other character is kept as received.
     */
    public static JsonNode withoutNul(JsonNode node) {
        if (node.isTextual() && node.textValue().indexOf('\u0000') >= 0) {
            return TextNode.valueOf(node.textValue().replace('\u0000', '\uFFFD'));
        }
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            object.fields().forEachRemaining(fields::add);
            ObjectNode copy = object.objectNode();
            fields.forEach(f -> copy.set(f.getKey().replace('\u0000', '\uFFFD'), withoutNul(f.getValue())));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.forEach(item -> copy.add(withoutNul(item)));
            return copy;
        }
        return node;
    }
}
