package org.termsguard.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.TestTokens;

/** Issue #17: an SSE stream outlived its token; it must end at the token's {@code exp}, saying why. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "alert"))
class StreamExpiryTest {

    @Test
    void theStreamEndsWhenItsTokenExpiresWithALastEventSayingWhy() throws Exception {
        Instant expiresAt = Instant.now().plusSeconds(4);
        // TestTokens mints hour-long tokens; this one is signed with the same test key and lives four seconds.
        String token = Jwt.issuer(TestTokens.ISSUER)
                .audience(TestTokens.AUDIENCE)
                .subject("viewer@short.test")
                .upn("viewer@short.test")
                .groups(Set.of("owner-viewer"))
                .claim("owners", List.of("short-lived"))
                .issuedAt(Instant.now())
                .expiresAt(expiresAt)
                .sign(KeyUtils.readPrivateKey("test-jwt/privateKey.pem"));
        var request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + io.restassured.RestAssured.port + "/v1/incidents/stream"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .build();
        var response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        var lines = new CopyOnWriteArrayList<String>();
        var ended = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            response.body().forEach(lines::add);
            ended.set(true);
        });
        reader.setDaemon(true);
        reader.start();

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilTrue(ended);

        // exp is in whole seconds (RFC 7519 NumericDate): the token expires at the second expiresAt falls in.
        assertThat(Instant.now()).isAfterOrEqualTo(Instant.ofEpochSecond(expiresAt.getEpochSecond()));
        assertThat(lines).anyMatch(l -> l.replace(" ", "").equals("event:end"));
        assertThat(lines).anyMatch(l -> l.startsWith("data:") && l.contains("\"reason\":\"token-expired\""));
    }
}
