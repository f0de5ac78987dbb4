package org.termsguard.ingest.accesslogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudflareLogTest {

    private static final LogFormat CLOUDFLARE = LogFormat.of(LogFormat.Name.CLOUDFLARE);

    @Test
    void readsTheDocumentedDefaultFieldsToTheNanosecond() throws Exception {
        LogLine line =
                Samples.read(CLOUDFLARE, "cloudflare-logpull-default.ndjson").get(0);
        assertThat(line.clientIp()).isEqualTo("89.163.242.206");
        assertThat(line.time()).isEqualTo(Instant.ofEpochSecond(1506702504L, 433000200L));
        assertThat(line.method()).isEqualTo("GET");
        assertThat(line.path()).isEqualTo("/static/img/testimonial-hipster.png");
        assertThat(line.status()).isEqualTo(200);
        assertThat(line.bytes()).isEqualTo(69045L);
        assertThat(line.userAgent()).isNull();
    }

    @Test
    void readsEveryTimestampFormatOfLogpushAndPrefersTheBodyBytes() throws Exception {
        List<LogLine> lines = Samples.read(CLOUDFLARE, "cloudflare-timestamp-formats.ndjson");
        assertThat(lines.get(0).time()).isEqualTo(Instant.parse("2017-09-29T16:28:24Z"));
        assertThat(lines.get(1).time()).isEqualTo(Instant.parse("2017-09-29T16:28:24Z"));
        assertThat(lines.get(2).time()).isEqualTo(Instant.ofEpochSecond(1506702504L, 433000200L));
        assertThat(lines.get(2).userAgent()).isEqualTo("curl/7.46.0-DEV");
        assertThat(lines.get(2).bytes()).isEqualTo(68800L);
    }

    @Test
    void refusesRecordsOfAJobThatExportsNoRequestFields() {
        String line = Samples.text("cloudflare-output-options.ndjson").split("\n")[0];
        assertThatThrownBy(() -> CLOUDFLARE.newReader().read(line))
                .isInstanceOf(UnparseableLine.class)
                .hasMessageContaining("no ClientRequestMethod and ClientRequestURI");
    }

    @Test
    void refusesTimestampsOfTheWrongType() {
        assertThatThrownBy(() -> CLOUDFLARE
                        .newReader()
                        .read("{\"ClientRequestMethod\":\"GET\",\"ClientRequestURI\":\"/\",\"EdgeResponseStatus\":200,"
                                + "\"EdgeStartTimestamp\":[1]}"))
                .hasMessageContaining("neither a number nor a string");
        assertThatThrownBy(() -> CLOUDFLARE
                        .newReader()
                        .read("{\"ClientRequestMethod\":\"GET\",\"ClientRequestURI\":\"/\",\"EdgeResponseStatus\":200,"
                                + "\"EdgeStartTimestamp\":-5}"))
                .hasMessageContaining("is not a Unix time");
    }
}
