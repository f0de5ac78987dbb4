package org.termsguard.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OtlpExportTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = OtlpExportTest.class.getResourceAsStream("/otlp/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsTheSpecificationsJsonExample() throws Exception {
        ExportLogsServiceRequest request = OtlpLogs.fromJson(resource("logs.json"));
        OtlpExport.Reading reading = OtlpExport.read(request, "reddit");
        assertThat(reading.refused()).isEmpty();
        assertThat(reading.entries()).hasSize(1);
        OtlpExport.Entry entry = reading.entries().get(0);
        assertThat(entry.owner()).isEqualTo("reddit");
        // 1544712660300000000 ns = 2018-12-13T14:51:00.3Z
        assertThat(entry.record().time()).isEqualTo(Instant.parse("2018-12-13T14:51:00.300Z"));
        assertThat(entry.record().body()).isEqualTo("Example log record");
        assertThat(entry.record().describesARequest()).isFalse();
    }

    @Test
    void readsTheHttpSemanticConventionsNewAndOld() throws Exception {
        byte[] json = resource("http-server-log.json");
        ExportLogsServiceRequest request = OtlpLogs.fromJson(json);
        // The same export as protobuf reads the same.
        assertThat(OtlpLogs.fromProtobuf(request.toByteArray())).isEqualTo(request);

        OtlpExport.Reading reading = OtlpExport.read(request, null);
        assertThat(reading.entries()).hasSize(2);
        HttpLogRecord current = reading.entries().get(0).record();
        assertThat(reading.entries().get(0).owner()).isEqualTo("reddit");
        assertThat(current.time()).isEqualTo(Instant.parse("2023-04-12T09:30:00.123456789Z"));
        assertThat(current.site()).isEqualTo("https://www.reddit.com");
        assertThat(current.method()).isEqualTo("GET");
        assertThat(current.target()).isEqualTo("/r/programming/?sort=top");
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.bytes()).isEqualTo(5124L);
        assertThat(current.userAgent()).contains("GPTBot/1.2");
        assertThat(current.clientIp()).isEqualTo("203.0.113.7");

        HttpLogRecord old = reading.entries().get(1).record();
        assertThat(old.time())
                .as("observed time when there is no time")
                .isEqualTo(Instant.parse("2023-04-12T09:30:01Z"));
        assertThat(old.site()).isEqualTo("http://old.reddit.com:8080");
        assertThat(old.target()).isEqualTo("/r/news/.rss?x=1");
        assertThat(old.status()).isEqualTo(404);
        assertThat(old.userAgent()).isEqualTo("FeedFetcher/3.1");
        assertThat(old.clientIp()).isEqualTo("2001:db8::1");

        assertThat(reading.refused()).singleElement().satisfies(r -> {
            assertThat(r.index()).isEqualTo(3);
            assertThat(r.reason()).contains("time_unix_nano");
        });
    }

    @Test
    void aRecordWithoutAnOwnerIsRefusedAndTheOthersKept() throws Exception {
        OtlpExport.Reading reading = OtlpExport.read(OtlpLogs.fromJson(resource("logs.json")), null);
        assertThat(reading.entries()).isEmpty();
        assertThat(reading.refused()).singleElement().satisfies(r -> assertThat(r.reason())
                .contains("termsguard.owner"));
    }

    @Test
    void unreadableBodiesAreRefusedWithAReason() {
        assertThatThrownBy(() -> OtlpLogs.fromProtobuf(new byte[] {(byte) 0xff, (byte) 0xff, 1}))
                .isInstanceOf(OtlpLogs.Unreadable.class);
        assertThatThrownBy(() -> OtlpLogs.fromJson("{\"resourceLogs\":5}".getBytes()))
                .isInstanceOf(OtlpLogs.Unreadable.class);
        assertThatThrownBy(() -> OtlpLogs.fromJson("not json".getBytes())).isInstanceOf(OtlpLogs.Unreadable.class);
        String deep = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":"
                + "{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":".repeat(200) + "{}" + "}]}}".repeat(200)
                + "}]}]}]}";
        assertThatThrownBy(() -> OtlpLogs.fromJson(deep.getBytes())).isInstanceOf(OtlpLogs.Unreadable.class);
    }

    @Test
    void theAnswerSaysHowManyWereRejected() throws Exception {
        assertThat(OtlpLogs.toJson(OtlpLogs.response(0, null))).isEqualTo("{}");
        ExportLogsServiceResponse partial = OtlpLogs.response(2, "record 3: no time");
        assertThat(OtlpLogs.toJson(partial))
                .isEqualTo(
                        "{\"partialSuccess\":{\"rejectedLogRecords\":\"2\",\"errorMessage\":\"record 3: no time\"}}");
        assertThat(ExportLogsServiceResponse.parseFrom(OtlpLogs.toProtobuf(partial)))
                .isEqualTo(partial);
    }
}
