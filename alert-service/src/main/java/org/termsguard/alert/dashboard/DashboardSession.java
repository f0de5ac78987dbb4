package org.termsguard.alert.dashboard;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.termsguard.alert.AlertConfig;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;

/**
 * How the dashboard signs in: with a JWT the person pastes (the same roles as the API), or — in the local demo
 * only — with a token the launcher handed to this service. That token acts as a platform admin, so it goes only to
 * a caller on this machine (a loopback peer) that asked for this machine by name ({@code Host} is {@code localhost},
 * {@code 127.0.0.1} or {@code [::1]}, any port): a web page elsewhere that rebinds its own name to 127.0.0.1 sends
 * its own name as {@code Host} (DNS rebinding), and anyone else on the network is no loopback peer (issue #17).
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

    /** RFC 9110 §7.2 {@code Host}: a loopback name or address, and an optional port. */
    private static final Pattern LOOPBACK_HOST =
            Pattern.compile("(?i)(localhost|127\\.0\\.0\\.1|\\[::1\\])(:[0-9]{1,5})?");

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Whether the dashboard needs a sign-in (it does, except in the local demo from this machine)")
    public Session session(@Context HttpServerRequest request) {
        if (!config.loginFree()) {
            return new Session(false, null);
        }
        String peer =
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        if (!fromThisMachine(peer, request.getHeader("Host"))) {
            throw new ProblemException(Problems.forbidden("The login-free demo dashboard answers on this machine only,"
                    + " at http://localhost; sign in with a token (./termsguard token)."));
        }
        return new Session(true, config.demoToken().orElseThrow());
    }

    /** A loopback peer that named a loopback host: what may have the demo's login-free session. */
    static boolean fromThisMachine(String peerAddress, String host) {
        return host != null && LOOPBACK_HOST.matcher(host).matches() && loopbackLiteral(peerAddress);
    }

    /** A dotted quad, or an IPv6 literal (with a ':', so InetAddress parses it and never looks it up). */
    private static final Pattern IP_LITERAL = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3})|([0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)");

    /** Whether {@code address} is a literal loopback address (an IPv6 zone id ignored); never looks a name up. */
    private static boolean loopbackLiteral(String address) {
        if (address == null) {
            return false;
        }
        String literal = address.replaceFirst("%[0-9A-Za-z_.-]{1,32}$", "");
        if (!IP_LITERAL.matcher(literal).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
