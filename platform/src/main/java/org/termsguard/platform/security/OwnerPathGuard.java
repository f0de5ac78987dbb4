package org.termsguard.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every operation under an {@code {owner}} path refuses callers who may not read that owner — before the body is
 * read or validated, so a cross-owner write answers 403 whatever it carries and learns nothing, not even which of
 * its fields are wrong. Resources still decide between reading and writing; this makes forgetting the owner check
 * on a new endpoint impossible. Anonymous callers pass on to the security layer, which answers 401.
 */
public class OwnerPathGuard {

    @Inject
    SecurityIdentity identity;

    @Inject
    OwnerAccess access;

    @ServerRequestFilter
    public void requireOwnerInPath(UriInfo uri) {
        // The path first: asking for the identity authenticates the request, which must not happen to requests
        // that carry other credentials (ingest's producer keys are bearer tokens too, but not JWTs).
        String owner = uri.getPathParameters().getFirst("owner");
        if (owner != null && !identity.isAnonymous()) {
            access.requireRead(owner);
        }
    }
}
