package org.termsguard.alert.deliveries.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.termsguard.alert.AlertConfig;
import org.termsguard.alert.deliveries.AlertmanagerPayload;
import org.termsguard.alert.routes.Route;
import org.termsguard.alert.routes.SecretCipher;
import org.termsguard.contracts.alerts.Alert;

/**
 * Queues one delivery per receiver that hears an alert, in the same transaction as the incident change that
 * caused it: nothing is lost between deciding to notify and notifying. A receiver that requires a verified identity
 * gets a {@code held} delivery, never sent, while any event of the incident rests on a claim alone.
 */
@ApplicationScoped
public class DeliveryOutbox {

    private final ObjectMapper json;
    private final String externalUrl;
    private final SecretCipher secrets;

    public DeliveryOutbox(ObjectMapper json, AlertConfig config) {
        this.json = json;
        this.externalUrl = config.externalUrl();
        this.secrets = SecretCipher.fromBase64(config.secrets().key());
    }

    public Uni<Integer> enqueue(SqlClient client, Alert alert, Route route) {
        if (alert.silenced()) {
            return Uni.createFrom().item(0);
        }
        List<Route.Receiver> hearing = route.receivers().stream()
                .filter(r -> r.hears(alert.incident().severity()))
                .toList();
        if (hearing.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Uni<IdentityCount> identities = hearing.stream().anyMatch(Route.Receiver::requireVerifiedIdentity)
                ? identitiesOf(client, alert.incident().incidentId())
                : Uni.createFrom().item((IdentityCount) null);
        return identities.chain(count -> insert(client, alert, hearing, count));
    }

    /** How many of an incident's events there are, and how many of them have a verified identity. */
    private record IdentityCount(long verified, long events) {
        boolean allVerified() {
            return events > 0 && verified == events;
        }
    }

    private static Uni<IdentityCount> identitiesOf(SqlClient client, String incidentId) {
        // In the transaction that added the alert's violations, so the count includes them.
        return client.preparedQuery(
                        "select count(distinct event_id) filter (where payload -> 'event' -> 'evidence'"
                                + " ->> 'identity' = 'verified'), count(distinct event_id) from violation where incident_id = $1")
                .execute(Tuple.of(incidentId))
                .map(rows -> {
                    var row = rows.iterator().next();
                    return new IdentityCount(row.getLong(0), row.getLong(1));
                });
    }

    private Uni<Integer> insert(SqlClient client, Alert alert, List<Route.Receiver> hearing, IdentityCount identities) {
        List<Tuple> rows = new ArrayList<>();
        Instant now = Instant.now();
        for (Route.Receiver receiver : hearing) {
            String target = receiver.type().callsUrl() ? receiver.url() : String.join(",", receiver.to());
            String payload =
                    switch (receiver.type()) {
                        case ALERTMANAGER ->
                            write(AlertmanagerPayload.of(
                                    alert, "termsguard-" + alert.incident().owner(), externalUrl));
                        case WEBHOOK, EMAIL -> write(alert);
                    };
            boolean held = receiver.requireVerifiedIdentity() && !identities.allVerified();
            rows.add(Tuple.from(Arrays.asList(
                    alert.alertId(),
                    alert.incident().incidentId(),
                    alert.incident().owner(),
                    receiver.type().token(),
                    target,
                    // Sealed here as in the route book: a pending delivery holds the webhook's HMAC key as long as the
                    // route does (issue #17), and the worker opens it only to sign. A held one never needs it.
                    held
                            ? null
                            : secrets.seal(receiver.secret(), alert.incident().owner()),
                    payload,
                    held ? "held" : "pending",
                    now.atOffset(ZoneOffset.UTC),
                    held
                            ? "held: the receiver requires a verified identity, and " + identities.verified() + " of "
                                    + identities.events() + " events of this incident have one"
                            : null,
                    held ? now.atOffset(ZoneOffset.UTC) : null)));
        }
        return client.preparedQuery("insert into delivery (alert_id, incident_id, owner, receiver_type, target, secret,"
                        + " payload, status, next_attempt_at, last_error, finished_at)"
                        + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
                .executeBatch(rows)
                .replaceWith((int) rows.stream()
                        .filter(r -> "pending".equals(r.getString(7)))
                        .count());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
