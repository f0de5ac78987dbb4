package org.termsguard.alert.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.KafkaAndPostgres;

/** The demo's login-free session over HTTP: given to a loopback caller that asked for localhost, to no one else. */
@QuarkusTest
@TestProfile(LoginFreeSessionTest.Demo.class)
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "alert"))
class LoginFreeSessionTest {

    static final String TOKEN = "demo.token.signature";

    public static class Demo implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "test,demo";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("termsguard.alert.dashboard.demo-token", TOKEN);
        }
    }

    @Test
    void aLoopbackCallerThatNamedLocalhostGetsTheDemoToken() {
        given().get("/dashboard/session")
                .then()
                .statusCode(200)
                .body("loginFree", equalTo(true))
                .body("token", equalTo(TOKEN));
        given().header("Host", "127.0.0.1:8083")
                .get("/dashboard/session")
                .then()
                .statusCode(200)
                .body("token", equalTo(TOKEN));
    }

    /** Issue #17: a page that rebinds its own name to 127.0.0.1 (DNS rebinding) sends that name as Host. */
    @Test
    void aRequestForAnotherHostIsRefusedWithAProblem() {
        given().header("Host", "attacker.example:8083")
                .get("/dashboard/session")
                .then()
                .statusCode(403)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(403))
                .body(org.hamcrest.Matchers.not(containsString(TOKEN)));
    }
}
