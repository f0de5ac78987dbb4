package org.termsguard.alert.dashboard;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** policy-service's usage API, called with the dashboard user's own token. */
@RegisterRestClient(configKey = "policy")
@Path("/v1/owners")
public interface PolicyUsageClient {

    @GET
    @Path("{owner}/usage")
    Response usage(
            @PathParam("owner") String owner,
            @QueryParam("period") String period,
            @HeaderParam("Authorization") String authorization);
}
