package org.termsguard.alert.dashboard;

import io.quarkus.logging.Log;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.termsguard.platform.problems.Problem;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.security.OwnerAccess;

/**
 * policy-service's usage of one owner, passed through so that the dashboard, served from here, needs neither CORS
 * nor a second address. policy-service checks the same token again; this side refuses early what it can.
 */
@Path("/dashboard/usage")
@Authenticated
@Tag(name = "dashboard")
@SecurityRequirement(name = "jwt")
public class UsageProxy {

    private final PolicyUsageClient policy;
    private final OwnerAccess access;

    public UsageProxy(@RestClient PolicyUsageClient policy, OwnerAccess access) {
        this.policy = policy;
        this.access = access;
    }

    @GET
    @Path("{owner}")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An owner's usage against quota per licensee (policy-service's usage API)")
    @APIResponse(responseCode = "200", description = "policy-service's answer")
    @APIResponse(responseCode = "502", description = "policy-service could not be reached")
    public Response usage(
            @PathParam("owner") String owner,
            @QueryParam("period") String period,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        access.requireRead(owner);
        try (Response answer = policy.usage(owner, period, authorization)) {
            String body = answer.readEntity(String.class);
            return Response.status(answer.getStatus())
                    .type(answer.getMediaType())
                    .entity(body)
                    .build();
        } catch (WebApplicationException e) {
            Response answer = e.getResponse();
            return Response.status(answer.getStatus())
                    .type(answer.getMediaType())
                    .entity(answer.readEntity(String.class))
                    .build();
        } catch (ProcessingException e) {
            Log.warnf("policy-service unreachable for usage of %s: %s", owner, e.getMessage());
            throw new ProblemException(Problem.typed(
                    "upstream-unavailable",
                    "policy-service unavailable",
                    502,
                    "Usage comes from policy-service, which could not be reached: " + e.getMessage()));
        }
    }
}
