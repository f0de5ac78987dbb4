package org.termsguard.alert.routes.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.termsguard.alert.AlertConfig;
import org.termsguard.alert.routes.Route;
import org.termsguard.alert.routes.repository.RouteBook;
import org.termsguard.contracts.net.TargetPolicy;
import org.termsguard.contracts.validation.FieldError;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;
import org.termsguard.platform.security.OwnerAccess;

/** An owner's notification timing and receivers, in DESIGN.md's shape. */
@Path("/v1/owners/{owner}/routes")
@Authenticated
@Tag(name = "routes", description = "Where and how often an owner is notified")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class RouteResource {

    private final RouteBook routes;
    private final OwnerAccess access;
    private final TargetPolicy targets;

    public RouteResource(RouteBook routes, OwnerAccess access, AlertConfig config) {
        this.routes = routes;
        this.access = access;
        this.targets = new TargetPolicy(
                config.webhooks().allowHttp(),
                config.webhooks().allowedRanges().orElse(List.of()),
                InetAddress::getAllByName);
    }

    @GET
    @Operation(summary = "The owner's route (the default timing and no receivers when none was set)")
    @APIResponse(
            responseCode = "200",
            description =
                    "The route; secrets are never shown, and to owner-viewers receiver URLs only as scheme://host/…")
    public Uni<Route> get(@PathParam("owner") String owner) {
        access.requireRead(owner);
        // Secrets are never shown back; to those who may only read (owner-viewers), URLs neither (issue #17: they
        // often carry credentials themselves).
        boolean writer = access.mayWrite(owner);
        return routes.get(owner).map(route -> writer ? route.withoutSecrets() : route.forReaders());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Set the owner's route",
            description =
                    "Timing (ISO-8601 durations) and receivers: webhook (our JSON, signed with the receiver's secret), alertmanager (v4 payload), email (to). Each receiver hears incidents of at least its minSeverity; one with requireVerifiedIdentity only incidents whose every event has a verified identity (its other deliveries are held, not sent).")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "route",
                                            value =
                                                    "{\"groupWait\":\"PT30S\",\"groupInterval\":\"PT5M\",\"repeatInterval\":\"PT4H\",\"resolveAfter\":\"PT24H\",\"receivers\":[{\"type\":\"webhook\",\"url\":\"https://ops.x.example/hook\",\"secret\":\"s3cret\",\"minSeverity\":\"medium\"},{\"type\":\"alertmanager\",\"url\":\"https://am.x.example/hook\"},{\"type\":\"email\",\"to\":[\"legal@x.example\"],\"minSeverity\":\"high\",\"requireVerifiedIdentity\":true}]}")))
    @APIResponse(
            responseCode = "200",
            description = "Set (secrets are never shown back; a secret sent as ******** keeps the one stored for"
                    + " the receiver of the same type and URL)")
    @APIResponse(
            responseCode = "400",
            description = "Invalid route, or a receiver URL that may not be called (not https, or a private,"
                    + " loopback, link-local or otherwise internal address, also after name resolution)")
    public Uni<Route> put(@PathParam("owner") String owner, Route route) {
        Problems.requireBody(route);
        access.requireWrite(owner);
        List<FieldError> errors = new ArrayList<>();
        positive(errors, "groupWait", route.groupWait(), true);
        positive(errors, "groupInterval", route.groupInterval(), false);
        positive(errors, "repeatInterval", route.repeatInterval(), false);
        positive(errors, "resolveAfter", route.resolveAfter(), false);
        for (int i = 0; i < route.receivers().size(); i++) {
            Route.Receiver r = route.receivers().get(i);
            String at = "receivers[" + i + "].";
            if (r.type() == null) {
                errors.add(FieldError.of(at + "type", "must be webhook, alertmanager or email"));
            } else if (r.type().callsUrl()) {
                if (r.url() == null) {
                    errors.add(FieldError.of(at + "url", "must be an http(s) URL"));
                }
            } else if (r.to().isEmpty() || r.to().stream().anyMatch(a -> !a.matches("[^@\\s]+@[^@\\s]+"))) {
                errors.add(FieldError.of(at + "to", "must list e-mail addresses"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problems.validation("The route is not valid.", errors));
        }
        // Refused here as well as before every delivery (names can be re-pointed later): the owner learns at once
        // that a target is internal rather than from a dead letter. Resolving names blocks, so on a worker.
        return Uni.createFrom()
                .item(() -> refusedTargets(route))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(refused -> {
                    if (!refused.isEmpty()) {
                        throw new ProblemException(Problems.validation("A receiver's URL may not be called.", refused));
                    }
                    return routes.get(owner)
                            .map(stored -> keepingHiddenSecrets(route, stored))
                            .chain(merged -> routes.put(owner, merged))
                            .map(Route::withoutSecrets);
                });
    }

    private static Route keepingHiddenSecrets(Route route, Route stored) {
        Route.SecretsKept kept = route.keepingHiddenSecretsOf(stored);
        if (!kept.unmatched().isEmpty()) {
            throw new ProblemException(Problems.validation(
                    "The route is not valid.",
                    kept.unmatched().stream()
                            .map(i -> FieldError.of(
                                    "receivers[" + i + "].secret",
                                    "is the placeholder " + Route.HIDDEN_SECRET + " shown for a stored secret, but no"
                                            + " stored receiver of this type and URL has one; send the secret itself"))
                            .toList()));
        }
        return kept.route();
    }

    private List<FieldError> refusedTargets(Route route) {
        List<FieldError> refused = new ArrayList<>();
        for (int i = 0; i < route.receivers().size(); i++) {
            Route.Receiver r = route.receivers().get(i);
            if (r.type().callsUrl()) {
                try {
                    targets.check(r.url());
                } catch (TargetPolicy.Refused e) {
                    refused.add(FieldError.of("receivers[" + i + "].url", e.getMessage()));
                }
            }
        }
        return refused;
    }

    private static void positive(List<FieldError> errors, String field, Duration value, boolean zeroAllowed) {
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            errors.add(FieldError.of(field, zeroAllowed ? "must not be negative" : "must be positive"));
        }
    }
}
