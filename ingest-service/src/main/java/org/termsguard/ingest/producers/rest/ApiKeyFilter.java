package org.termsguard.ingest.producers.rest;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.termsguard.ingest.producers.ProducerIdentity;
import org.termsguard.ingest.producers.service.ApiKeyAuthenticator;
import org.termsguard.platform.problems.Problems;

/** Authenticates producers on {@link ProducerAuthenticated} endpoints and hands their identity to the resource. */
public class ApiKeyFilter {

    /** The request property that holds the {@link ProducerIdentity}. */
    public static final String IDENTITY = ProducerIdentity.class.getName();

    private final ApiKeyAuthenticator authenticator;

    public ApiKeyFilter(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @ProducerAuthenticated
    @ServerRequestFilter
    public Uni<Response> authenticate(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom().item(unauthorized("Send the producer's API key as 'Authorization: Bearer <key>'."));
        }
        return authenticator.authenticate(header.substring(7)).map(identity -> {
            if (identity.isEmpty()) {
                return unauthorized("The API key is unknown or revoked.");
            }
            request.setProperty(IDENTITY, identity.get());
            return null;
        });
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(Problems.unauthorized(detail).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"termsguard-ingest\"")
                .build();
    }
}
