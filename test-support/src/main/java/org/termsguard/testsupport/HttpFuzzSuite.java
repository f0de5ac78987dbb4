package org.termsguard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * B2 and B3 of the reliability suite for one service, generated from its OpenAPI document: 10,000 fuzzed requests
 * with no 5xx and every 4xx problem+json, and each named kind of bad input on every operation with a body. A
 * service's {@code HttpFuzzTest} extends this with its Quarkus test resources; the lines written to
 * {@code target/http-fuzz.txt} and {@code target/bad-input.txt} go into the reliability report.
 */
public abstract class HttpFuzzSuite {

    @TestHTTPResource("/")
    URL root;

    /** The service's name in the reports, e.g. {@code ingest-service}. */
    protected abstract String service();

    /** The fewest bad-input requests the service's operations must make up (a guard against a document gone empty). */
    protected abstract int minBadInputRequests();

    /** The bearer credentials for a path: a platform admin unless the service says otherwise. */
    protected Function<String, String> credentials() {
        String admin = TestTokens.platformAdmin();
        return path -> admin;
    }

    /** The service's request body limit: the oversized case sends more. */
    protected long maxBodyBytes() {
        return 10L * 1024 * 1024;
    }

    private String base() {
        return root.toString().replaceAll("/$", "");
    }

    @Test
    void noServerErrorAndEveryRefusalExplained() throws Exception {
        var result = HttpFuzz.run(base(), TestTokens.platformAdmin(), 10_000, Long.getLong("fuzz.seed", 42));
        // The reliability report reads this line.
        Files.writeString(
                Path.of("target/http-fuzz.txt"),
                service() + ": " + result.requests() + " requests, statuses " + result.statuses() + ", misses "
                        + result.misses().size() + "\n");
        StringBuilder misses = new StringBuilder();
        result.misses().stream()
                .collect(Collectors.groupingBy(
                        m -> m.operation() + " → " + m.status(), TreeMap::new, Collectors.toList()))
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
        var result = BadInput.check(base(), credentials(), maxBodyBytes());
        Files.writeString(
                Path.of("target/bad-input.txt"),
                service() + ": " + result.requests() + " requests " + result.requestsByCase() + ", statuses "
                        + result.statuses() + ", misses " + result.misses().size() + "\n");
        assertThat(result.misses()).as("bad input not refused as it should be").isEmpty();
        assertThat(result.requests()).as("requests made").isGreaterThanOrEqualTo(minBadInputRequests());
    }
}
