package org.termsguard.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.termsguard.contracts.events.Identity;
import org.termsguard.contracts.events.Verification.Verdict;

class VerificationSourceTest {

    @Test
    void verdictsAreLowerCaseTokensAndOnlySignedListedAndDnsAreVerified() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (Verdict verdict : Verdict.values()) {
            assertThat(json.writeValueAsString(verdict)).isEqualTo("\"" + verdict.token() + "\"");
            assertThat(Verdict.fromToken(verdict.token())).contains(verdict);
        }
        assertThat(List.of(Verdict.values()).stream().filter(v -> v.identity() == Identity.VERIFIED))
                .containsExactly(Verdict.SIGNED, Verdict.LISTED, Verdict.DNS);
        assertThat(json.writeValueAsString(SourceKind.REVERSE_DNS)).isEqualTo("\"reverse-dns\"");
    }

    @Test
    void theBuiltInSourcesHaveTheIssuesIds() {
        assertThat(BuiltInSources.all().stream().map(VerificationSource::sourceId))
                .contains(
                        "openai-gptbot",
                        "openai-searchbot",
                        "openai-chatgpt-user",
                        "google-googlebot",
                        "commoncrawl-ccbot",
                        "apple-applebot",
                        "perplexity-user")
                .doesNotHaveDuplicates();
    }

    @Test
    void suffixesAreKeptLowerCaseWithoutDots() {
        VerificationSource source = new VerificationSource(
                "google-googlebot-dns",
                "Google",
                "google",
                List.of("Googlebot"),
                SourceKind.REVERSE_DNS,
                null,
                List.of(".GoogleBot.com."),
                null);

        assertThat(source.hostnameSuffixes()).containsExactly("googlebot.com");
    }

    @Test
    void refusesSourcesThatCannotBeChecked() {
        URI https = URI.create("https://openai.com/gptbot.json");
        assertThatThrownBy(() -> new VerificationSource(
                        "Bad Id", "OpenAI", "openai", List.of("GPTBot"), SourceKind.IP_RANGES, https, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerificationSource(
                        "x",
                        "OpenAI",
                        "openai",
                        List.of("GPTBot"),
                        SourceKind.IP_RANGES,
                        URI.create("ftp://openai.com/gptbot.json"),
                        List.of(),
                        null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerificationSource(
                        "x", "Google", "google", List.of("Googlebot"), SourceKind.REVERSE_DNS, null, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerificationSource(
                        "x", "A", "a", List.of(), SourceKind.WEB_BOT_AUTH, null, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerificationSource(
                        "x", "OpenAI", "openai", List.of("GPT Bot/1"), SourceKind.IP_RANGES, https, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerificationSource(
                        "x",
                        "OpenAI",
                        "openai",
                        List.of("GPTBot"),
                        SourceKind.IP_RANGES,
                        https,
                        List.of(),
                        Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
