package org.termsguard.policy.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.termsguard.policy.imports.Documents.tokens;
import static org.termsguard.policy.imports.Documents.unmappedClauses;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.policy.terms.TermsDocument;
import org.termsguard.policy.terms.TermsSnapshot;

class RslReaderTest {

    @Test
    void freeUsesAreAllowedPaidOnesNeedALicenseAndCrawlPricesBecomeTheListPrice() {
        ImportedTerms imported = RslReader.read(Documents.text("license.rsl"));
        TermsDocument terms = Documents.fresh(imported);

        assertThat(tokens(terms.defaultTerms().allowedPurposes())).containsExactly("search");
        // train-ai is RSL's older spelling of ai-train.
        assertThat(tokens(terms.defaultTerms().licenseRequiredFor()))
                .containsExactlyInAnyOrder("ai-train", "ai-input", "ai-all");
        assertThat(terms.defaultTerms().listPrice().perThousandRecords()).isEqualByComparingTo(new BigDecimal("2.5"));
        assertThat(terms.defaultTerms().listPrice().currency()).isEqualTo("USD");
        assertThat(terms.noticeContact()).isEqualTo("licensing@news.example");
        assertThat(terms.citations())
                .extracting(TermsDocument.Citation::value)
                .contains("https://news.example/legal/ai-terms", "https://rslcollective.org/license/standard");
    }

    @Test
    void aiAllCoversTheNarrowerAiTokens() {
        TermsSnapshot terms = new TermsSnapshot(
                1, Documents.IMPORTED_AT, Documents.fresh(RslReader.read(Documents.text("license.rsl"))));

        assertThat(terms.needsLicense(Purpose.AI_INDEX)).isTrue();
        assertThat(terms.freelyAllowed(Purpose.SEARCH)).isTrue();
        assertThat(terms.whyLicenseRequired(Purpose.AI_INDEX))
                .hasValueSatisfying(source ->
                        assertThat(source).contains("license[2]").endsWith("<prohibits type=\"usage\">ai-all"));
    }

    @Test
    void everyClauseThatCannotBeMappedIsReportedWithItsReason() {
        ImportedTerms imported = RslReader.read(Documents.text("license.rsl"));

        assertThat(unmappedClauses(imported))
                .anySatisfy(
                        u -> assertThat(u).startsWith("<permits type=\"geo\">US,CA | access events carry no location"))
                .anySatisfy(u -> assertThat(u)
                        .startsWith("<permits type=\"user\">commercial | access events carry no user class"))
                .anySatisfy(u -> assertThat(u).startsWith("<legal type=\"warranty\">ownership | legal statements"))
                .anySatisfy(
                        u -> assertThat(u)
                                .startsWith(
                                        "<amount currency=\"USD\">999 (subscription) | a subscription price is not a price per record"))
                .anySatisfy(u -> assertThat(u).startsWith("<sparkle>unknown to RSL | not an RSL 1.0 element"))
                .anySatisfy(u -> assertThat(u).startsWith("<license>… | applies to /premium/ only"))
                .hasSize(6);
    }

    @Test
    void documentsThatAreNotRslAreRefusedAsAWhole() {
        assertThatThrownBy(() -> RslReader.read("<rsl><content url=\"/\"/></rsl>"))
                .isInstanceOf(UnreadableDocument.class)
                .hasMessageContaining("namespace");
        assertThatThrownBy(() -> RslReader.read("<rsl xmlns=\"https://rslstandard.org/rsl\">"))
                .isInstanceOf(UnreadableDocument.class)
                .hasMessageContaining("not well-formed");
        // External entities could read the server's files: a DTD is refused outright.
        assertThatThrownBy(() -> RslReader.read(
                        "<?xml version=\"1.0\"?><!DOCTYPE rsl [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                                + "<rsl xmlns=\"https://rslstandard.org/rsl\"><content url=\"/\"><license>"
                                + "<permits type=\"usage\">&x;</permits></license></content></rsl>"))
                .isInstanceOf(UnreadableDocument.class)
                .hasMessageContaining("DTD");
    }
}
