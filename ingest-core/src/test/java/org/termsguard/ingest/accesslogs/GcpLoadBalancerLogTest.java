package org.termsguard.ingest.accesslogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GcpLoadBalancerLogTest {

    private static final LogFormat GCP = LogFormat.of(LogFormat.Name.GCP_LB);

    @Test
    void readsCloudCdnsExampleEntry() throws Exception {
        LogLine line = Samples.read(GCP, "gcp-cdn-cache-hit.ndjson").get(0);
        assertThat(line.time()).isEqualTo(Instant.parse("2020-06-08T23:41:30.078Z"));
        assertThat(line.clientIp()).isEqualTo("198.51.100.23");
        assertThat(line.method()).isEqualTo("GET");
        assertThat(line.path()).isEqualTo("/static/us/three-cats.jpg");
        assertThat(line.status()).isEqualTo(304);
        // responseSize is an int64, which Cloud Logging's JSON writes as a string.
        assertThat(line.bytes()).isEqualTo(157L);
        assertThat(line.userAgent())
                .isEqualTo("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) AppleWebKit/537.36"
                        + " (KHTML, like Gecko) Chrome/83.0.4103.61 Safari/537.36");
    }

    @Test
    void keepsTheNanosecondsOfTheTimestamp() throws Exception {
        LogLine line = GCP.newReader()
                .read("{\"timestamp\":\"2024-03-01T10:00:00.123456789Z\",\"httpRequest\":{\"requestMethod\":\"GET\","
                        + "\"requestUrl\":\"https://www.example.com/?q=1\",\"status\":200}}")
                .orElseThrow();
        assertThat(line.time()).isEqualTo(Instant.parse("2024-03-01T10:00:00.123456789Z"));
        assertThat(line.path()).isEqualTo("/?q=1");
        assertThat(line.bytes()).isNull();
    }

    @Test
    void refusesEntriesWithoutAnHttpRequest() {
        assertThatThrownBy(() -> GCP.newReader().read("{\"timestamp\":\"2024-03-01T10:00:00Z\",\"textPayload\":\"x\"}"))
                .hasMessageContaining("no httpRequest");
        assertThatThrownBy(
                        () -> GCP.newReader().read("{\"timestamp\":\"2024-03-01T10:00:00Z\",\"httpRequest\":\"GET\"}"))
                .hasMessageContaining("no httpRequest");
    }
}
