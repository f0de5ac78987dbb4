package org.termsguard.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import java.util.List;
import java.util.Set;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.termsguard.platform.problems.ProblemException;

/** The roles of DESIGN.md on real identities and tokens (Quarkus's and SmallRye JWT's own classes). */
class OwnerAccessTest {

    private static OwnerAccess access(Set<String> roles, List<String> owners) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("someone@example.com");
        claims.setStringListClaim("groups", List.copyOf(roles));
        if (owners != null) {
            claims.setStringListClaim("owners", owners);
        }
        DefaultJWTCallerPrincipal token = new DefaultJWTCallerPrincipal("raw", "JWT", claims);
        var identity = QuarkusSecurityIdentity.builder().setPrincipal(token);
        roles.forEach(identity::addRole);
        return new OwnerAccess(identity.build(), token);
    }

    /** Issue #17: a token with an owners claim but no owner role read every owner it listed. */
    @Test
    void anOwnersClaimWithoutAnOwnerRoleReadsNothing() {
        OwnerAccess roleless = access(Set.of(), List.of("reddit", "nyt"));
        assertThat(roleless.readableOwners()).isEmpty();
        assertThat(roleless.mayRead("reddit")).isFalse();
        assertThatThrownBy(() -> roleless.requireRead("reddit")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> roleless.requireWrite("reddit")).isInstanceOf(ProblemException.class);

        OwnerAccess otherRole = access(Set.of("auditor"), List.of("reddit"));
        assertThat(otherRole.readableOwners()).isEmpty();
        assertThat(otherRole.mayRead("reddit")).isFalse();
    }

    @Test
    void ownerRolesReadTheirOwnersOnlyAndOnlyAdminsWrite() {
        OwnerAccess viewer = access(Set.of(OwnerAccess.OWNER_VIEWER), List.of("reddit"));
        assertThat(viewer.readableOwners()).containsExactly("reddit");
        assertThat(viewer.mayRead("reddit")).isTrue();
        assertThat(viewer.mayRead("nyt")).isFalse();
        assertThat(viewer.mayWrite("reddit")).isFalse();

        OwnerAccess admin = access(Set.of(OwnerAccess.OWNER_ADMIN), List.of("reddit"));
        assertThat(admin.readableOwners()).containsExactly("reddit");
        assertThat(admin.mayWrite("reddit")).isTrue();
        assertThat(admin.mayWrite("nyt")).isFalse();

        OwnerAccess noOwners = access(Set.of(OwnerAccess.OWNER_ADMIN), null);
        assertThat(noOwners.readableOwners()).isEmpty();
        assertThat(noOwners.mayRead("reddit")).isFalse();
    }

    @Test
    void aPlatformAdminReadsAndWritesEveryOwner() {
        OwnerAccess platform = access(Set.of(OwnerAccess.PLATFORM_ADMIN), List.of());
        assertThat(platform.readableOwners()).isNull();
        assertThat(platform.mayRead("anyone")).isTrue();
        assertThat(platform.mayWrite("anyone")).isTrue();
    }
}
