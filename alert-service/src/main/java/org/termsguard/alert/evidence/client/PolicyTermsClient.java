package org.termsguard.alert.evidence.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** policy-service's terms versions, read with the caller's own token for an evidence bundle. */
@RegisterRestClient(configKey = "policy")
@Path("/v1/owners")
public interface PolicyTermsClient {

    @GET
    @Path("{owner}/versions/{version}")
    Response version(
            @PathParam("owner") String owner,
            @PathParam("version") long version,
            @HeaderParam("Authorization") String authorization);
}
