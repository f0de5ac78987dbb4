package org.termsguard.ingest;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.function.Function;
import org.termsguard.testsupport.HttpFuzzSuite;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.TestTokens;

/** 10,000 requests generated from the OpenAPI document: no 5xx, and every 4xx is problem+json (B2, B3). */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
class HttpFuzzTest extends HttpFuzzSuite {

    @Override
    protected String service() {
        return "ingest-service";
    }

    @Override
    protected int minBadInputRequests() {
        return 35;
    }

    /** Producer keys on the event paths, a platform admin on the producer administration. */
    @Override
    protected Function<String, String> credentials() {
        String producerKey = IngestApiTest.key();
        return path -> path.startsWith("/v1/producers") ? TestTokens.platformAdmin() : producerKey;
    }

    @Override
    protected long maxBodyBytes() {
        return 16L * 1024 * 1024;
    }
}
