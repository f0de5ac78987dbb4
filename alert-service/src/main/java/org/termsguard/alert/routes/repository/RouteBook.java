package org.termsguard.alert.routes.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.termsguard.alert.AlertConfig;
import org.termsguard.alert.routes.Route;

/** Every owner's route, from the database, kept in memory after first use. */
@ApplicationScoped
public class RouteBook {

    private final Pool database;
    private final ObjectMapper json;
    private final Route fallback;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    public RouteBook(Pool database, ObjectMapper json, AlertConfig config) {
        this.database = database;
        this.json = json;
        var d = config.defaultRoute();
        this.fallback = new Route(d.groupWait(), d.groupInterval(), d.repeatInterval(), d.resolveAfter(), null);
    }

    /** Routes of {@code owners}, loading those not in memory. */
    public Uni<Void> load(Collection<String> owners) {
        String[] missing =
                owners.stream().distinct().filter(o -> !routes.containsKey(o)).toArray(String[]::new);
        if (missing.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return database.preparedQuery("select owner, document::text from route where owner = any($1)")
                .execute(Tuple.of((Object) missing))
                .invoke(rows -> {
                    for (String owner : missing) {
                        routes.put(owner, fallback);
                    }
                    rows.forEach(row -> routes.put(row.getString(0), read(row.getString(1))));
                })
                .replaceWithVoid();
    }

    /** The route of an owner already loaded (the default route when it has none). */
    public Route of(String owner) {
        return routes.getOrDefault(owner, fallback);
    }

    public Uni<Route> get(String owner) {
        return load(java.util.List.of(owner)).map(v -> of(owner));
    }

    public Uni<Optional<Route>> stored(String owner) {
        return database.preparedQuery("select document::text from route where owner = $1")
                .execute(Tuple.of(owner))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(read(rows.iterator().next().getString(0)))
                        : Optional.empty());
    }

    public Uni<Route> put(String owner, Route route) {
        return database.preparedQuery("insert into route (owner, document) values ($1, cast(cast($2 as text) as jsonb))"
                        + " on conflict (owner) do update set document = excluded.document, updated_at = now()")
                .execute(Tuple.of(owner, write(route)))
                .invoke(() -> routes.put(owner, route))
                .replaceWith(route);
    }

    private Route read(String document) {
        try {
            return json.readValue(document, Route.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored route cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    private String write(Route route) {
        try {
            return json.writeValueAsString(route);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
