package org.termsguard.policy.imports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PermissionReaderTest {

    @Test
    void aConsumerIdIsAPartyIrisLastSegmentOrItsHost() {
        assertThat(PermissionReader.partyId("https://news.example/parties/OpenAI"))
                .isEqualTo("openai");
        assertThat(PermissionReader.partyId("https://acme.example/")).isEqualTo("acme.example");
    }
}
