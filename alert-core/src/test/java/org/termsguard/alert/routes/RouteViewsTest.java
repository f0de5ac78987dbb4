package org.termsguard.alert.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.termsguard.contracts.violations.Severity;

class RouteViewsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "https://hooks.slack.example/services/T000/B000/XXXXSECRET | https://hooks.slack.example/…",
                "https://user:pass@ops.x.example:8443/hook?token=abc#frag | https://ops.x.example:8443/…",
                "http://[::1]:9000/h | http://[::1]:9000/…",
                "not a url at all | …",
                "/relative/path?token=abc | …",
                "mailto:ops@x.example | …"
            })
    void readersSeeSchemeAndHostOnlyAndNoSecret(String url, String shown) {
        Route route = new Route(
                null,
                null,
                null,
                null,
                List.of(new Route.Receiver(ReceiverType.WEBHOOK, url, "s3cret", null, Severity.HIGH)));

        Route.Receiver seen = route.forReaders().receivers().get(0);

        assertThat(seen.url()).isEqualTo(shown);
        assertThat(seen.secret()).isNull();
        assertThat(seen.minSeverity()).isEqualTo(Severity.HIGH);
        assertThat(seen.toString())
                .doesNotContain("s3cret")
                .doesNotContain("SECRET")
                .doesNotContain("token");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"https://ops.x.example/hook?token=abc"})
    void writersSeeTheUrlButNeverTheSecret(String url) {
        Route route = new Route(
                null, null, null, null, List.of(new Route.Receiver(ReceiverType.WEBHOOK, url, "s3cret", null, null)));

        Route.Receiver seen = route.withoutSecrets().receivers().get(0);

        assertThat(seen.url()).isEqualTo(url);
        assertThat(seen.secret()).isEqualTo(Route.HIDDEN_SECRET);
    }
}
