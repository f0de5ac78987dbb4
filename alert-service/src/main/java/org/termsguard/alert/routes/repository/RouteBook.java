package org.termsguard.alert.routes.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.termsguard.alert.AlertConfig;
import org.termsguard.alert.routes.Route;
import org.termsguard.alert.routes.SecretCipher;

/**
 * Every owner's route, read from the database each time it is needed: there is no cache, so a route changed through
 * any instance is what the next alert planned by every instance uses (issue #17: with a per-instance cache that
 * never expired, a removed receiver kept getting alerts from the other replicas). One indexed query per scheduler
 * tick or consumer batch, for the owners it touches, is the whole cost.
 *
 * <p>Receiver secrets are sealed at rest ({@link SecretCipher}, the key from {@code termsguard.alert.secrets.key})
 * and opened as they are read. Secrets stored before sealing existed are read as they are (read-both) and sealed at
 * start-up ({@link #sealStoredPlaintext()}) or when their route is next written; no SQL migration is needed, since
 * the key is in configuration, not in the database.
 */
@ApplicationScoped
public class RouteBook {

    /** The routes of some owners as read together; the default route for any owner without one. */
    public record Routes(Map<String, Route> byOwner, Route fallback) {
        public Routes {
            byOwner = Map.copyOf(byOwner);
        }

        public Route of(String owner) {
            return byOwner.getOrDefault(owner, fallback);
        }
    }

    private final Pool database;
    private final ObjectMapper json;
    private final SecretCipher secrets;
    private final Route fallback;

    public RouteBook(Pool database, ObjectMapper json, AlertConfig config) {
        this.database = database;
        this.json = json;
        this.secrets = SecretCipher.fromBase64(config.secrets().key());
        var d = config.defaultRoute();
        this.fallback = new Route(d.groupWait(), d.groupInterval(), d.repeatInterval(), d.resolveAfter(), null);
    }

    /** The routes of {@code owners}, as committed now. */
    public Uni<Routes> load(Collection<String> owners) {
        String[] wanted = owners.stream().distinct().toArray(String[]::new);
        if (wanted.length == 0) {
            return Uni.createFrom().item(new Routes(Map.of(), fallback));
        }
        return database.preparedQuery("select owner, document::text from route where owner = any($1)")
                .execute(Tuple.of((Object) wanted))
                .map(rows -> {
                    Map<String, Route> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getString(0), read(row.getString(0), row.getString(1))));
                    return new Routes(found, fallback);
                });
    }

    /** The route of one owner, as committed now (the default route when it has none). */
    public Uni<Route> get(String owner) {
        return load(List.of(owner)).map(routes -> routes.of(owner));
    }

    public Uni<Optional<Route>> stored(String owner) {
        return database.preparedQuery("select document::text from route where owner = $1")
                .execute(Tuple.of(owner))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(read(owner, rows.iterator().next().getString(0)))
                        : Optional.empty());
    }

    public Uni<Route> put(String owner, Route route) {
        return database.preparedQuery("insert into route (owner, document) values ($1, cast(cast($2 as text) as jsonb))"
                        + " on conflict (owner) do update set document = excluded.document, updated_at = now()")
                .execute(Tuple.of(owner, write(owner, route)))
                .replaceWith(route);
    }

    /** Seals, at start-up, the secrets stored before sealing existed; until then they are read as they are. */
    void onStart(@Observes StartupEvent started) {
        sealStoredPlaintext()
                .subscribe()
                .with(
                        count -> {
                            if (count > 0) {
                                Log.infof("Sealed the receiver secrets of %d routes stored in plaintext", count);
                            }
                        },
                        e -> Log.warnf(e, "Stored plaintext secrets were not sealed; they stay readable as they are"));
    }

    /**
     * Rewrites every route that still holds a plaintext secret with its secrets sealed; the number rewritten. A route
     * changed meanwhile (through any instance) is left as that change wrote it: each rewrite is conditional on the
     * document being the one read.
     */
    public Uni<Integer> sealStoredPlaintext() {
        return database.preparedQuery("select owner, document::text from route where jsonb_path_exists(document,"
                        + " '$.receivers[*].secret ? (!(@ starts with \"" + SecretCipher.PREFIX + "\"))')")
                .execute()
                .chain(rows -> {
                    List<Tuple> rewrites = new ArrayList<>();
                    rows.forEach(row -> rewrites.add(Tuple.of(
                            row.getString(0),
                            write(row.getString(0), read(row.getString(0), row.getString(1))),
                            row.getString(1))));
                    if (rewrites.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return database.preparedQuery("update route set document = cast(cast($2 as text) as jsonb)"
                                    + " where owner = $1 and document = cast(cast($3 as text) as jsonb)")
                            .executeBatch(rewrites)
                            .replaceWith(rewrites.size());
                });
    }

    private Route read(String owner, String document) {
        Route stored;
        try {
            stored = json.readValue(document, Route.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored route cannot be read: " + e.getOriginalMessage(), e);
        }
        return stored.withReceivers(stored.receivers().stream()
                .map(r -> r.withSecret(secrets.open(r.secret(), owner)))
                .toList());
    }

    private String write(String owner, Route route) {
        Route forStorage = route.withReceivers(route.receivers().stream()
                .map(r -> r.withSecret(secrets.seal(r.secret(), owner)))
                .toList());
        try {
            return json.writeValueAsString(forStorage);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
