package org.termsguard.ingest.producers.rest;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.termsguard.ingest.producers.PresentedKey;
import org.termsguard.ingest.producers.ProducerIdentity;
import org.termsguard.ingest.producers.service.ApiKeyAuthenticator;
import org.termsguard.platform.problems.Problems;

/** Authenticates producers on {@link ProducerAuthenticated} endpoints and hands their identity to the resource. */
public class ApiKeyFilter {

    /** The request property that holds the {@link ProducerIdentity}. */
    public static final String IDENTITY = ProducerIdentity.class.getName();

    /** Where Amazon Data Firehose puts the access key configured for an HTTP endpoint. */
    public static final String FIREHOSE_ACCESS_KEY = "X-Amz-Firehose-Access-Key";

    private final ApiKeyAuthenticator authenticator;

    public ApiKeyFilter(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @ProducerAuthenticated
    @ServerRequestFilter
    public Uni<Response> authenticate(ContainerRequestContext request) {
        String key;
        try {
            key = PresentedKey.from(
                    request.getHeaderString(HttpHeaders.AUTHORIZATION), request.getHeaderString(FIREHOSE_ACCESS_KEY));
        } catch (PresentedKey.Missing e) {
            return Uni.createFrom().item(unauthorized(e.getMessage()));
        }
        return authenticator.authenticate(key).map(identity -> {
            if (identity.isEmpty()) {
                return unauthorized("The API key is unknown or revoked.");
            }
            request.setProperty(IDENTITY, identity.get());
            return null;
        });
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(Problems.unauthorized(detail).toResponse())
                // Both schemes, one challenge each (RFC 9110 §11.6.1); the charset parameter tells clients to send a
                // Basic password as UTF-8 (RFC 7617 §2.1).
                .header(
                        HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer realm=\"termsguard-ingest\", Basic realm=\"termsguard-ingest\", charset=\"UTF-8\"")
                .build();
    }
}
