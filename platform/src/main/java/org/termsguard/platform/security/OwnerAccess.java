package org.termsguard.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;

/**
 * DESIGN.md's roles, checked per owner: {@code platform-admin} may do everything; {@code owner-admin} manages the
 * owners in its token's {@code owners} claim; {@code owner-viewer} reads them. Anyone else gets 403 and learns
 * nothing about the owner, not even whether it exists.
 */
@RequestScoped
public class OwnerAccess {

    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String OWNER_ADMIN = "owner-admin";
    public static final String OWNER_VIEWER = "owner-viewer";

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public OwnerAccess(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public void requireRead(String owner) {
        if (!mayRead(owner)) {
            throw denied(owner);
        }
    }

    public void requireWrite(String owner) {
        if (!mayWrite(owner)) {
            throw denied(owner);
        }
    }

    public void requirePlatformAdmin() {
        if (!identity.hasRole(PLATFORM_ADMIN)) {
            throw new ProblemException(Problems.forbidden("Only a platform admin may do this."));
        }
    }

    public boolean mayRead(String owner) {
        return identity.hasRole(PLATFORM_ADMIN) || (hasOwnerRole() && owners().contains(owner));
    }

    public boolean mayWrite(String owner) {
        return identity.hasRole(PLATFORM_ADMIN) || (identity.hasRole(OWNER_ADMIN) && owners().contains(owner));
    }

    /**
     * The owners this caller may read; null means all of them (a platform admin). The {@code owners} claim alone
     * gives nothing: like {@link #mayRead}, reading needs an owner role too (issue #17).
     */
    public Set<String> readableOwners() {
        if (identity.hasRole(PLATFORM_ADMIN)) {
            return null;
        }
        return hasOwnerRole() ? owners() : Set.of();
    }

    private boolean hasOwnerRole() {
        return identity.hasRole(OWNER_ADMIN) || identity.hasRole(OWNER_VIEWER);
    }

    public String who() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    private Set<String> owners() {
        Object claim = token.getClaim("owners");
        if (claim instanceof Collection<?> values) {
            return values.stream().map(v -> v.toString().replace("\"", "")).collect(Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }

    private static ProblemException denied(String owner) {
        return new ProblemException(Problems.forbidden("These credentials do not give access to owner " + owner + "."));
    }
}
