package org.termsguard.alert.routes;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
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
import org.termsguard.platform.problems.Problem;
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

    public RouteResource(RouteBook routes, OwnerAccess access) {
        this.routes = routes;
        this.access = access;
    }

    @GET
    @Operation(summary = "The owner's route (the default timing and no receivers when none was set)")
    @APIResponse(responseCode = "200", description = "The route")
    public Uni<Route> get(@PathParam("owner") String owner) {
        access.requireRead(owner);
        return routes.get(owner).map(RouteResource::withoutSecrets);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Set the owner's route",
            description =
                    "Timing (ISO-8601 durations) and receivers: webhook (our JSON, signed with the receiver's secret), alertmanager (v4 payload), email (to). Each receiver hears incidents of at least its minSeverity.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "route",
                                            value =
                                                    "{\"groupWait\":\"PT30S\",\"groupInterval\":\"PT5M\",\"repeatInterval\":\"PT4H\",\"resolveAfter\":\"PT24H\",\"receivers\":[{\"type\":\"webhook\",\"url\":\"https://ops.x.example/hook\",\"secret\":\"s3cret\",\"minSeverity\":\"medium\"},{\"type\":\"alertmanager\",\"url\":\"https://am.x.example/hook\"},{\"type\":\"email\",\"to\":[\"legal@x.example\"],\"minSeverity\":\"high\"}]}")))
    @APIResponse(responseCode = "200", description = "Set (secrets are never shown back)")
    @APIResponse(responseCode = "400", description = "Invalid route")
    public Uni<Route> put(@PathParam("owner") String owner, Route route) {
        Problems.requireBody(route);
        access.requireWrite(owner);
        List<Problem.FieldError> errors = new ArrayList<>();
        positive(errors, "groupWait", route.groupWait(), true);
        positive(errors, "groupInterval", route.groupInterval(), false);
        positive(errors, "repeatInterval", route.repeatInterval(), false);
        positive(errors, "resolveAfter", route.resolveAfter(), false);
        for (int i = 0; i < route.receivers().size(); i++) {
            Route.Receiver r = route.receivers().get(i);
            String at = "receivers[" + i + "].";
            switch (r.type() == null ? "" : r.type()) {
                case "webhook", "alertmanager" -> {
                    try {
                        URI uri = URI.create(r.url());
                        if (uri.getHost() == null
                                || !(uri.getScheme().equals("https")
                                        || uri.getScheme().equals("http"))) {
                            errors.add(Problem.FieldError.of(at + "url", "must be an http(s) URL"));
                        }
                    } catch (RuntimeException e) {
                        errors.add(Problem.FieldError.of(at + "url", "must be an http(s) URL"));
                    }
                }
                case "email" -> {
                    if (r.to().isEmpty() || r.to().stream().anyMatch(a -> !a.matches("[^@\\s]+@[^@\\s]+"))) {
                        errors.add(Problem.FieldError.of(at + "to", "must list e-mail addresses"));
                    }
                }
                default -> errors.add(Problem.FieldError.of(at + "type", "must be webhook, alertmanager or email"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problems.validation("The route is not valid.", errors));
        }
        return routes.put(owner, route).map(RouteResource::withoutSecrets);
    }

    private static void positive(List<Problem.FieldError> errors, String field, Duration value, boolean zeroAllowed) {
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            errors.add(Problem.FieldError.of(field, zeroAllowed ? "must not be negative" : "must be positive"));
        }
    }

    private static Route withoutSecrets(Route route) {
        return new Route(
                route.groupWait(),
                route.groupInterval(),
                route.repeatInterval(),
                route.resolveAfter(),
                route.receivers().stream()
                        .map(r -> new Route.Receiver(
                                r.type(), r.url(), r.secret() == null ? null : "********", r.to(), r.minSeverity()))
                        .toList());
    }
}
