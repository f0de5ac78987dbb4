package org.termsguard.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.AuthMatrix;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.ReliabilityReport;

/** Every secured operation of the OpenAPI document refuses missing and bad credentials with 401 problem+json. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "alert"))
class AuthMatrixTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void everySecuredOperationRefusesMissingAndBadCredentials() {
        var result = AuthMatrix.check(root.toString().replaceAll("/$", ""));
        ReliabilityReport.write("b4-bad-credentials", result.summary("alert-service"));
        assertThat(result.misses())
                .as("operations that did not answer 401 problem+json")
                .isEmpty();
        assertThat(result.requests()).as("requests made").isGreaterThanOrEqualTo(MIN_REQUESTS);
    }

    private static final int MIN_REQUESTS = 40;
}
