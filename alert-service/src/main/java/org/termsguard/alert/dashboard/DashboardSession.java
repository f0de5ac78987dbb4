package org.termsguard.alert.dashboard;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.termsguard.alert.AlertConfig;

/**
 * How the dashboard signs in: with a JWT the person pastes (the same roles as the API), or — in the local demo
 * only — with a token the launcher handed to this service.
 */
@Path("/dashboard/session")
@PermitAll
@Tag(name = "dashboard", description = "What the web dashboard needs besides the ops API")
public class DashboardSession {

    /** {@code token} is set only in login-free mode. */
    public record Session(boolean loginFree, String token) {}

    private final AlertConfig.Dashboard config;

    public DashboardSession(AlertConfig config) {
        this.config = config.dashboard();
    }

    void refuseLoginFreeOutsideTheDemo(@Observes StartupEvent start) {
        check(config.loginFree(), config.demoToken().isPresent(), ConfigUtils.getProfiles());
    }

    /** Login-free only with the demo profile, and only with a token to act as. */
    static void check(boolean loginFree, boolean hasToken, java.util.List<String> profiles) {
        if (loginFree && !profiles.contains("demo")) {
            throw new IllegalStateException("termsguard.alert.dashboard.login-free=true is allowed only with the demo"
                    + " profile (quarkus.profile=prod,demo); active profiles: " + profiles);
        }
        if (loginFree && !hasToken) {
            throw new IllegalStateException(
                    "termsguard.alert.dashboard.login-free=true needs termsguard.alert.dashboard.demo-token");
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Whether the dashboard needs a sign-in (it does, except in the local demo)")
    public Session session() {
        return config.loginFree() ? new Session(true, config.demoToken().orElseThrow()) : new Session(false, null);
    }
}
