package org.termsguard.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.termsguard.localstack.LocalTsa;

/**
 * Gives alert-service's tests a real RFC 3161 Time-Stamping Authority on loopback (the local stack's {@link
 * LocalTsa}) and makes the service trust its root: {@code @WithTestResource(LocalTsaResource.class)}.
 */
public class LocalTsaResource implements QuarkusTestResourceLifecycleManager {

    private LocalTsa tsa;

    @Override
    public Map<String, String> start() {
        tsa = LocalTsa.start(0);
        try {
            Path roots = Files.createTempFile("tsa-roots", ".pem");
            Files.writeString(roots, tsa.rootPem(), StandardCharsets.US_ASCII);
            roots.toFile().deleteOnExit();
            return Map.of(
                    "termsguard.alert.evidence.tsa-url", tsa.url(),
                    "termsguard.alert.evidence.tsa-trust", roots.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (tsa != null) {
            tsa.close();
        }
    }
}
