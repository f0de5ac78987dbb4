package org.termsguard.alert.deliveries.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.termsguard.alert.routes.ReceiverType;
import org.termsguard.alert.routes.Route;
import org.termsguard.platform.security.OwnerAccess;

/** Every delivery and every attempt at it: what Alertmanager's users miss most, a history of what was sent. */
@Path("/v1/deliveries")
@Authenticated
@Tag(name = "deliveries", description = "Notification deliveries and their attempts")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    public record AttemptView(
            int attempt, Instant at, String outcome, Integer statusCode, long latencyMillis, String error) {}

    public record DeliveryView(
            long id,
            String alertId,
            String incidentId,
            String owner,
            String receiverType,
            String target,
            String status,
            int attempts,
            Instant nextAttemptAt,
            String lastError,
            Instant createdAt,
            Instant finishedAt,
            List<AttemptView> attemptLog) {}

    private final Pool database;
    private final OwnerAccess access;

    public DeliveryResource(Pool database, OwnerAccess access) {
        this.database = database;
        this.access = access;
    }

    @GET
    @Operation(
            summary = "Deliveries, newest first, each with its attempts (time, status, latency, error)",
            description = "To owner-viewers a webhook or Alertmanager target is shown as scheme://host/… only.")
    @APIResponse(responseCode = "200", description = "The deliveries this token may see")
    public Uni<List<DeliveryView>> list(
            @QueryParam("owner") String owner,
            @QueryParam("incidentId") String incidentId,
            @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        Set<String> readable = access.readableOwners();
        if (owner != null) {
            access.requireRead(owner);
        }
        String[] owners =
                owner != null ? new String[] {owner} : readable == null ? null : readable.toArray(String[]::new);
        return database.preparedQuery(
                        "select d.*, a.attempt, a.at, a.outcome, a.status_code, a.latency_ms, a.error as attempt_error"
                                + " from (select * from delivery where ($1::varchar[] is null or owner = any($1))"
                                + " and ($2::varchar is null or incident_id = $2) and ($3::varchar is null or status = $3)"
                                + " order by created_at desc, id desc limit $4) d"
                                + " left join delivery_attempt a on a.delivery_id = d.id order by d.created_at desc, d.id desc, a.attempt")
                .execute(Tuple.from(Arrays.asList(owners, incidentId, status, Math.min(Math.max(limit, 1), 1000))))
                .map(rows -> {
                    Map<Long, DeliveryView> views = new LinkedHashMap<>();
                    Map<String, Boolean> writers = new HashMap<>();
                    for (Row r : rows) {
                        // Webhook URLs often carry credentials (issue #17): owner-viewers see scheme and host only,
                        // here as in the route, also where an error quotes the URL.
                        String target = r.getString("target");
                        boolean hidden = ReceiverType.of(r.getString("receiver_type")) != ReceiverType.EMAIL
                                && !writers.computeIfAbsent(r.getString("owner"), access::mayWrite);
                        String shown = hidden ? Route.maskedUrl(target) : target;
                        DeliveryView view = views.computeIfAbsent(
                                r.getLong("id"),
                                id -> new DeliveryView(
                                        id,
                                        r.getString("alert_id"),
                                        r.getString("incident_id"),
                                        r.getString("owner"),
                                        r.getString("receiver_type"),
                                        shown,
                                        r.getString("status"),
                                        r.getInteger("attempts"),
                                        instant(r, "next_attempt_at"),
                                        masked(r.getString("last_error"), target, shown),
                                        instant(r, "created_at"),
                                        instant(r, "finished_at"),
                                        new ArrayList<>()));
                        if (r.getValue("attempt") != null) {
                            view.attemptLog()
                                    .add(new AttemptView(
                                            r.getInteger("attempt"),
                                            instant(r, "at"),
                                            r.getString("outcome"),
                                            r.getInteger("status_code"),
                                            r.getLong("latency_ms"),
                                            masked(r.getString("attempt_error"), target, shown)));
                        }
                    }
                    return List.copyOf(views.values());
                });
    }

    private static String masked(String error, String target, String shown) {
        return error == null || target == null || target.equals(shown) ? error : error.replace(target, shown);
    }

    private static Instant instant(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
