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
 * caused it: nothing is lost between deciding to notify and notifying.
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
        List<Tuple> rows = new ArrayList<>();
        for (Route.Receiver receiver : route.receivers()) {
            if (!receiver.hears(alert.incident().severity())) {
                continue;
            }
            String target = receiver.type().callsUrl() ? receiver.url() : String.join(",", receiver.to());
            String payload =
                    switch (receiver.type()) {
                        case ALERTMANAGER ->
                            write(AlertmanagerPayload.of(
                                    alert, "termsguard-" + alert.incident().owner(), externalUrl));
                        case WEBHOOK, EMAIL -> write(alert);
                    };
            rows.add(Tuple.from(Arrays.asList(
                    alert.alertId(),
                    alert.incident().incidentId(),
                    alert.incident().owner(),
                    receiver.type().token(),
                    target,
                    // Sealed here as in the route book: a pending delivery holds the webhook's HMAC key as long as the
                    // route does (issue #17), and the worker opens it only to sign.
                    secrets.seal(receiver.secret(), alert.incident().owner()),
                    payload,
                    Instant.now().atOffset(ZoneOffset.UTC))));
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return client.preparedQuery("insert into delivery (alert_id, incident_id, owner, receiver_type, target, secret,"
                        + " payload, status, next_attempt_at) values ($1, $2, $3, $4, $5, $6, $7, 'pending', $8)")
                .executeBatch(rows)
                .replaceWith(rows.size());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
