package org.termsguard.alert;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.TestTokens;

/**
 * What the dashboard needs from the server; the page itself is driven in Chromium by
 * src/test/browser/dashboard.test.mjs against the running demo (.ci/run).
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "alert"))
class DashboardTest {

    @Test
    void thePageAndItsChartLibraryAreServedFromTheServiceItself() {
        given().get("/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("/_static/echarts/dist/echarts.min.js"));
        given().get("/_static/echarts/dist/echarts.min.js").then().statusCode(200);
        given().get("/dashboard/dashboard.js").then().statusCode(200);
    }

    @Test
    void outsideTheDemoTheDashboardAsksForASignIn() {
        given().get("/dashboard/session")
                .then()
                .statusCode(200)
                .body("loginFree", equalTo(false))
                .body("token", nullValue());
    }

    @Test
    void usageIsReadOnlyForOwnersTheTokenMayReadAndSaysSoWhenPolicyServiceIsAway() {
        given().auth()
                .oauth2(TestTokens.ownerViewer("someone-else"))
                .get("/dashboard/usage/x-corp")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        // Nothing listens on policy-service's test address.
        given().auth()
                .oauth2(TestTokens.ownerViewer("x-corp"))
                .get("/dashboard/usage/x-corp?period=2023-04")
                .then()
                .statusCode(502)
                .contentType("application/problem+json")
                .body("detail", containsString("policy-service"));
    }
}
