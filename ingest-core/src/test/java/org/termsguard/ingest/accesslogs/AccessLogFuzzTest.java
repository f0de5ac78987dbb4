package org.termsguard.ingest.accesslogs;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.BufferedReader;
import java.io.StringReader;
import org.termsguard.contracts.crawlers.CrawlerRegistry;

/**
 * Raw web server logs in both formats: every line becomes an event or a line error; a bad line never stops the
 * rest of the log nor escapes as an exception.
 */
class AccessLogFuzzTest {

    private static final AccessLogTranslator TRANSLATOR =
            new AccessLogTranslator(CrawlerRegistry.bundled(), PathRules.DEFAULT);

    @FuzzTest(maxDuration = "30s")
    void anyLog(FuzzedDataProvider data) throws Exception {
        AccessLogParser.Format format = data.pickValue(AccessLogParser.Format.values());
        String log = data.consumeRemainingAsString();
        TRANSLATOR.translate("x-corp", "https://x.example", format, new BufferedReader(new StringReader(log)));
    }
}
