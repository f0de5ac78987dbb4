package org.termsguard.launcher;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** The local stack's own JWT issuer: a key pair made on first start, and tokens minted with it. */
final class Keys {

    static final String ISSUER = "https://termsguard.local/issuer";

    /** The audience every service requires ({@code mp.jwt.verify.audiences}). */
    static final String AUDIENCE = "termsguard";

    private final Path directory;

    Keys(Path directory) {
        this.directory = directory;
    }

    Path privateKey() {
        return directory.resolve("privateKey.pem");
    }

    Path publicKey() {
        return directory.resolve("publicKey.pem");
    }

    void ensure() throws IOException {
        if (Files.exists(publicKey())) {
            return;
        }
        Files.createDirectories(directory);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            // Whoever reads the private key can mint a platform-admin token: only its owner may.
            SecretFile.write(
                    directory.resolve("privateKey.pem"),
                    pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey(), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has RSA", e);
        }
    }

    String token(String subject, Set<String> groups, List<String> owners, Duration validity) throws IOException {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .groups(groups)
                .claim("owners", owners)
                .expiresIn(validity)
                .sign(signingKey());
    }

    private PrivateKey signingKey() throws IOException {
        String pem = Files.readString(privateKey())
                .replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("The local signing key cannot be read", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
