package org.termsguard.policy;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.termsguard.testsupport.HttpFuzzSuite;
import org.termsguard.testsupport.KafkaAndPostgres;

/** 10,000 requests generated from the OpenAPI document: no 5xx, and every 4xx is problem+json (B2, B3). */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "policy"))
class HttpFuzzTest extends HttpFuzzSuite {

    @Override
    protected String service() {
        return "policy-service";
    }

    @Override
    protected int minBadInputRequests() {
        return 40;
    }
}
