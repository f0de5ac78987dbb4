package org.termsguard.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Mints real signed JWTs for tests, with the test key pair in {@code test-jwt/} (a pair made for tests only; the
 * services' %test profile trusts its public key). Roles go in {@code groups}, owners in the {@code owners} claim,
 * as DESIGN.md's security section describes.
 */
public final class TestTokens {

    public static final String ISSUER = "https://termsguard.test/issuer";
    /** The audience the services require ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "termsguard";

    public static final String PUBLIC_KEY = "test-jwt/publicKey.pem";
    private static final String PRIVATE_KEY = "test-jwt/privateKey.pem";

    private TestTokens() {}

    public static String platformAdmin() {
        return token("ops@termsguard.test", Set.of("platform-admin"), List.of());
    }

    public static String ownerAdmin(String... owners) {
        return token("admin@" + owners[0] + ".test", Set.of("owner-admin"), List.of(owners));
    }

    public static String ownerViewer(String... owners) {
        return token("viewer@" + owners[0] + ".test", Set.of("owner-viewer"), List.of(owners));
    }

    public static String token(String subject, Set<String> groups, List<String> owners) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .groups(groups)
                .claim("owners", owners)
                .issuedAt(Instant.now())
                .expiresIn(Duration.ofHours(1))
                .sign(privateKey());
    }

    /** A token that expired an hour ago, for 401 tests. */
    public static String expired() {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("late@termsguard.test")
                .groups(Set.of("platform-admin"))
                .issuedAt(Instant.now().minus(Duration.ofHours(2)))
                .expiresAt(Instant.now().minus(Duration.ofHours(1)))
                .sign(privateKey());
    }

    /** A well-formed token signed with a key nobody trusts. */
    public static String forged() {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(ISSUER)
                    .audience(AUDIENCE)
                    .subject("mallory@termsguard.test")
                    .groups(Set.of("platform-admin"))
                    .expiresIn(Duration.ofHours(1))
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A platform admin's token from the right key and issuer, but meant for another application. */
    public static String wrongAudience() {
        return Jwt.issuer(ISSUER)
                .audience("some-other-application")
                .subject("ops@termsguard.test")
                .groups(Set.of("platform-admin"))
                .expiresIn(Duration.ofHours(1))
                .sign(privateKey());
    }

    /** A platform admin's token from the right key and issuer that names no audience at all. */
    public static String noAudience() {
        return Jwt.issuer(ISSUER)
                .subject("ops@termsguard.test")
                .groups(Set.of("platform-admin"))
                .expiresIn(Duration.ofHours(1))
                .sign(privateKey());
    }

    /** A token from the right key but another issuer. */
    public static String wrongIssuer() {
        return Jwt.issuer("https://attacker.example/issuer")
                .audience(AUDIENCE)
                .subject("eve@termsguard.test")
                .groups(Set.of("platform-admin"))
                .expiresIn(Duration.ofHours(1))
                .sign(privateKey());
    }

    private static PrivateKey privateKey() {
        try {
            return KeyUtils.readPrivateKey(PRIVATE_KEY);
        } catch (Exception e) {
            throw new IllegalStateException("The test signing key " + PRIVATE_KEY + " cannot be read", e);
        }
    }
}
