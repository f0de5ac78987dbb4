package org.termsguard.ingest.accesslogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class W3cLogTest {

    private static final LogFormat CLOUDFRONT = LogFormat.of(LogFormat.Name.CLOUDFRONT);
    private static final LogFormat W3C = LogFormat.of(LogFormat.Name.W3C);
    private static final String CHROME_78 = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like"
            + " Gecko) Chrome/78.0.3904.108 Safari/537.36";

    @Test
    void readsCloudfrontsExampleFileByItsFieldsDirective() throws Exception {
        List<LogLine> lines = Samples.read(CLOUDFRONT, "cloudfront-standard.log");
        assertThat(lines).hasSize(6);
        LogLine first = lines.get(0);
        assertThat(first.time()).isEqualTo(Instant.parse("2019-12-04T21:02:31Z"));
        assertThat(first.clientIp()).isEqualTo("192.0.2.100");
        assertThat(first.forwardedFor()).isNull();
        assertThat(first.method()).isEqualTo("GET");
        assertThat(first.path()).isEqualTo("/index.html");
        assertThat(first.status()).isEqualTo(200);
        // sc-content-len, the body; sc-bytes (392) counts the headers too.
        assertThat(first.bytes()).isEqualTo(78L);
        assertThat(first.userAgent()).isEqualTo(CHROME_78);
        assertThat(first.referer()).isNull();
        LogLine favicon = lines.get(3);
        assertThat(favicon.status()).isEqualTo(502);
        assertThat(favicon.referer()).isEqualTo("http://www.example.com/");
        assertThat(lines.get(5).userAgent()).isEqualTo("curl/7.55.1");
    }

    @Test
    void readsCloudfrontEntriesWhoseHeaderAShipperDropped() throws Exception {
        String entry = Samples.text("cloudfront-standard.log").split("\n")[2];
        LogLine line = CLOUDFRONT.newReader().read(entry).orElseThrow();
        assertThat(line.path()).isEqualTo("/index.html");
        assertThat(line.userAgent()).isEqualTo(CHROME_78);
    }

    @Test
    void readsTheUriQueryAndTheForwardedForColumn() throws Exception {
        LogReader reader = CLOUDFRONT.newReader();
        reader.read("#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status sc-bytes x-forwarded-for");
        LogLine line = reader.read("2019-12-04\t21:02:31.250\t10.0.0.7\tGET\t/a\tb=1\t200\t10\t203.0.113.8")
                .orElseThrow();
        assertThat(line.path()).isEqualTo("/a?b=1");
        assertThat(line.time()).isEqualTo(Instant.parse("2019-12-04T21:02:31.250Z"));
        assertThat(TrustedProxies.DEFAULT.clientOf(line.clientIp(), line.forwardedFor()))
                .isEqualTo("203.0.113.8");
    }

    @Test
    void readsIisSampleWithSpacesAndPlusEncodedUserAgents() throws Exception {
        List<LogLine> lines = Samples.read(W3C, "iis-w3c.log");
        assertThat(lines).hasSize(3);
        LogLine first = lines.get(0);
        assertThat(first.time()).isEqualTo(Instant.parse("2014-01-01T02:01:09Z"));
        assertThat(first.clientIp()).isEqualTo("1.54.23.196");
        assertThat(first.method()).isEqualTo("GET");
        assertThat(first.path())
                .isEqualTo("/blogposts/mvc4/step2.png?X-ARR-LOG-ID=2ec4b8ad-3cf0-4442-93ab-837317ece6a1");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.bytes()).isEqualTo(53175L);
        assertThat(first.userAgent())
                .isEqualTo("Mozilla/5.0 (Windows NT 6.3; WOW64) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/31.0.1650.63 Safari/537.36");
        assertThat(first.referer())
                .isEqualTo("http://weblogs.asp.net/sample/archive/2007/12/09/"
                        + "asp-net-mvc-framework-part-4-handling-form-edit-and-post-scenarios.aspx");
    }

    @Test
    void readsAPlusAfterAnEncodedSpaceAsAPlus() throws Exception {
        LogReader reader = W3C.newReader();
        reader.read("#Fields: date time c-ip cs-method cs-uri-stem sc-status cs(User-Agent)");
        LogLine line = reader.read("2024-01-01 00:00:00 203.0.113.1 GET / 200"
                        + " Mozilla/5.0+(compatible;+bingbot/2.0;++http://www.bing.com/bingbot.htm)")
                .orElseThrow();
        assertThat(line.userAgent())
                .isEqualTo("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)");
    }

    @Test
    void takesTheDayFromTheDateDirectiveWhenThereIsNoDateColumn() throws Exception {
        LogReader reader = W3C.newReader();
        reader.read("#Date: 2002-05-24 20:18:01");
        reader.read("#Fields: time c-ip cs-method cs-uri-stem sc-status cs(User-Agent)");
        LogLine line = reader.read("20:18:01 172.224.24.114 GET /Default.htm 200 \"a \"\"b\"\"\"")
                .orElseThrow();
        assertThat(line.time()).isEqualTo(Instant.parse("2002-05-24T20:18:01Z"));
        // A W3C quoted string, with "" for a quote.
        assertThat(line.userAgent()).isEqualTo("a \"b\"");
    }

    @Test
    void needsAFieldsDirectiveBeforeTheFirstEntry() {
        assertThatThrownBy(() -> W3C.newReader().read("2014-01-01 02:01:09 GET / 200"))
                .isInstanceOf(UnparseableLine.class)
                .hasMessageContaining("no #Fields: directive");
    }
}
