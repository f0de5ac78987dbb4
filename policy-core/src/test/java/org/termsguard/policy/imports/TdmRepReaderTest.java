package org.termsguard.policy.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.termsguard.policy.imports.Documents.tokens;
import static org.termsguard.policy.imports.Documents.unmappedClauses;

import org.junit.jupiter.api.Test;
import org.termsguard.policy.terms.TermsDocument;

class TdmRepReaderTest {

    @Test
    void aSiteWideReservationReservesMiningAndPointsAtItsPolicy() {
        ImportedTerms imported = TdmRepReader.read(Documents.text("tdmrep.json"));
        TermsDocument terms = Documents.fresh(imported);

        assertThat(tokens(terms.defaultTerms().licenseRequiredFor())).containsExactly("ai-train", "analytics");
        assertThat(terms.citations())
                .extracting(TermsDocument.Citation::value)
                .contains("https://news.example/policies/tdm.jsonld");
        assertThat(unmappedClauses(imported))
                .anySatisfy(u -> assertThat(u).contains("/open-data/*").contains("applies to /open-data/* only"))
                .anySatisfy(u -> assertThat(u).contains("\"tdm-reservation\":2").endsWith("must be 0 or 1"))
                .anySatisfy(u -> assertThat(u).isEqualTo("tdm-extra | not a TDMRep property"))
                .hasSize(3);
    }

    @Test
    void noReservationAllowsMining() {
        TermsDocument terms = Documents.fresh(TdmRepReader.read("[{\"location\":\"*\",\"tdm-reservation\":0}]"));

        assertThat(tokens(terms.defaultTerms().allowedPurposes())).containsExactly("ai-train", "analytics");
    }

    @Test
    void somethingOtherThanAListIsRefused() {
        assertThatThrownBy(() -> TdmRepReader.read("{\"location\":\"*\"}"))
                .isInstanceOf(UnreadableDocument.class)
                .hasMessageContaining("JSON array");
        assertThatThrownBy(() -> TdmRepReader.read("[{"))
                .isInstanceOf(UnreadableDocument.class)
                .hasMessageContaining("not JSON");
    }
}
