package org.termsguard.alert.incidents.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.termsguard.alert.AlertConfig;
import org.termsguard.alert.deliveries.repository.DeliveryOutbox;
import org.termsguard.alert.incidents.Incident;
import org.termsguard.alert.incidents.IncidentStatus;
import org.termsguard.alert.incidents.NotificationPlanner;
import org.termsguard.alert.incidents.messaging.AlertPublisher;
import org.termsguard.alert.incidents.repository.IncidentStore;
import org.termsguard.alert.routes.repository.RouteBook;
import org.termsguard.contracts.alerts.Alert;

/**
 * Sends the alerts that are due. Each tick locks the due incidents (other instances skip them), decides with
 * {@link NotificationPlanner}, publishes the alerts and queues their deliveries, all in one transaction.
 */
@ApplicationScoped
public class AlertScheduler {

    private final IncidentStore store;
    private final RouteBook routes;
    private final AlertPublisher publisher;
    private final DeliveryOutbox outbox;
    private final IncidentUpdates updates;
    private final NotificationPlanner planner = new NotificationPlanner();
    private final String externalUrl;

    public AlertScheduler(
            IncidentStore store,
            RouteBook routes,
            AlertPublisher publisher,
            DeliveryOutbox outbox,
            IncidentUpdates updates,
            AlertConfig config) {
        this.store = store;
        this.routes = routes;
        this.publisher = publisher;
        this.outbox = outbox;
        this.updates = updates;
        this.externalUrl = config.externalUrl();
    }

    @Scheduled(every = "${termsguard.alert.tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        Instant now = Instant.now();
        return store.database()
                .withTransaction(
                        connection -> IncidentStore.due(connection, now, 200).chain(due -> {
                            if (due.isEmpty()) {
                                return Uni.createFrom().item(List.<Alert>of());
                            }
                            return routes.load(due.stream()
                                            .map(i -> i.key().owner())
                                            .toList())
                                    .chain(book -> {
                                        List<Alert> alerts = new ArrayList<>();
                                        List<Uni<Integer>> queued = new ArrayList<>();
                                        for (Incident incident : due) {
                                            var route = book.of(incident.key().owner());
                                            var plan = planner.plan(incident, route, now);
                                            if (plan.due().isPresent()) {
                                                planner.notified(
                                                        incident, plan.due().get(), now, route);
                                                Alert alert = alert(
                                                        incident, plan.due().get(), now);
                                                alerts.add(alert);
                                                queued.add(outbox.enqueue(connection, alert, route));
                                            } else {
                                                incident.waitUntil(plan.nextActionAt());
                                            }
                                        }
                                        Uni<Void> enqueued = queued.isEmpty()
                                                ? Uni.createFrom().voidItem()
                                                : Uni.join()
                                                        .all(queued)
                                                        .andFailFast()
                                                        .replaceWithVoid();
                                        return IncidentStore.save(connection, due)
                                                .chain(() -> enqueued)
                                                .chain(() -> publisher.publish(alerts))
                                                .replaceWith(alerts);
                                    });
                        }))
                .invoke(alerts -> alerts.forEach(a -> updates.changed(a.incident())))
                .onFailure()
                .invoke(e -> Log.warnf(e, "Alert tick failed; the due incidents stay due"))
                .onFailure()
                .recoverWithItem(List.of())
                .replaceWithVoid();
    }

    /**
     * Sends what is due without waiting for the next tick. Safe beside a running tick: each takes the due incidents
     * it works on with {@code for update skip locked}, so none is alerted twice.
     */
    public void alertDueNow() {
        tick().subscribe().with(done -> {}, e -> Log.warnf(e, "Immediate alert pass failed; the next tick retries"));
    }

    /** Acknowledges or resolves an incident by hand, alerting at once. Empty when there is no such live incident. */
    public Uni<java.util.Optional<Incident>> transition(String incidentId, IncidentStatus target, String who) {
        Instant now = Instant.now();
        return store.database().withTransaction(connection -> IncidentStore.lock(connection, incidentId)
                .chain(found -> {
                    if (found.isEmpty()
                            || found.get().status() == IncidentStatus.RESOLVED
                            || found.get().status() == target) {
                        return Uni.createFrom().item(found);
                    }
                    Incident incident = found.get();
                    return routes.get(incident.key().owner()).chain(route -> {
                        Alert.Kind kind;
                        if (target == IncidentStatus.ACKNOWLEDGED) {
                            incident.acknowledge(who, now);
                            kind = Alert.Kind.ACKNOWLEDGED;
                            planner.notified(incident, kind, now, route);
                        } else {
                            incident.resolveBy(who);
                            kind = Alert.Kind.RESOLVED;
                            planner.notified(incident, kind, now, route);
                        }
                        Alert alert = alert(incident, kind, now);
                        return IncidentStore.save(connection, List.of(incident))
                                .chain(() -> outbox.enqueue(connection, alert, route))
                                .chain(() -> publisher.publish(List.of(alert)))
                                .invoke(() -> updates.changed(alert.incident()))
                                .replaceWith(found);
                    });
                }));
    }

    Alert alert(Incident incident, Alert.Kind kind, Instant now) {
        return new Alert(
                "alt-" + UUID.randomUUID(),
                kind,
                now,
                incident.silenced(),
                incident.summary(externalUrl + "/v1/incidents/" + incident.id() + "/notice"));
    }
}
