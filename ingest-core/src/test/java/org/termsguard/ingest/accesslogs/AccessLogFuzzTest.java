package org.termsguard.ingest.accesslogs;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.StringReader;
import org.termsguard.contracts.crawlers.CrawlerRegistry;

/**
 * Raw access logs in every format: every line becomes an event or a line error; a bad line never stops the
 * rest of the log nor escapes as an exception.
 */
class AccessLogFuzzTest {

    private static final AccessLogTranslator TRANSLATOR =
            new AccessLogTranslator(CrawlerRegistry.bundled(), PathRules.DEFAULT);
    private static final LogFormat CUSTOM =
            Samples.custom("%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\" \"%{X-Forwarded-For}i\"");

    @FuzzTest(maxDuration = "30s")
    void anyLog(FuzzedDataProvider data) throws Exception {
        LogFormat.Name name = data.pickValue(LogFormat.Name.values());
        LogFormat format = name == LogFormat.Name.CUSTOM ? CUSTOM : LogFormat.of(name);
        String log = data.consumeRemainingAsString();
        TRANSLATOR.translate("x-corp", "https://x.example", format, new StringReader(log));
    }
}
