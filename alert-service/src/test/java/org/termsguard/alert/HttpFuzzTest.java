package org.termsguard.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.BadInput;
import org.termsguard.testsupport.HttpFuzz;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.TestTokens;

/** 10,000 requests generated from the OpenAPI document: no 5xx, and every 4xx is problem+json. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "alert"))
class HttpFuzzTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void noServerErrorAndEveryRefusalExplained() throws Exception {
        var result = HttpFuzz.run(
                root.toString().replaceAll("/$", ""),
                TestTokens.platformAdmin(),
                10_000,
                Long.getLong("fuzz.seed", 42));
        // The reliability report reads this line.
        Files.writeString(
                Path.of("target/http-fuzz.txt"),
                "alert-service: " + result.requests() + " requests, statuses " + result.statuses() + ", misses "
                        + result.misses().size() + "\n");
        StringBuilder misses = new StringBuilder();
        result.misses().stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        m -> m.operation() + " → " + m.status(),
                        java.util.TreeMap::new,
                        java.util.stream.Collectors.toList()))
                .forEach((operation, found) -> misses.append(found.size())
                        .append(" × ")
                        .append(operation)
                        .append(", e.g. ")
                        .append(found.get(0))
                        .append('\n'));
        Files.write(Path.of("target/http-fuzz-misses.txt"), misses.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(result.misses())
                .as("5xx or 4xx without problem+json: %s", misses)
                .isEmpty();
    }

    /** B3 by name: each kind of bad input on every operation with a body, built from its documented example. */
    @Test
    void everyKindOfBadInputIsRefusedWithAProblem() throws Exception {
        var result =
                BadInput.check(root.toString().replaceAll("/$", ""), TestTokens.platformAdmin(), 10L * 1024 * 1024);
        Files.writeString(
                Path.of("target/bad-input.txt"),
                "alert-service: " + result.requests() + " requests " + result.requestsByCase() + ", statuses "
                        + result.statuses() + ", misses " + result.misses().size() + "\n");
        assertThat(result.misses()).as("bad input not refused as it should be").isEmpty();
        assertThat(result.requests()).as("requests made").isGreaterThanOrEqualTo(MIN_BAD_INPUT_REQUESTS);
    }

    private static final int MIN_BAD_INPUT_REQUESTS = 16;
}
