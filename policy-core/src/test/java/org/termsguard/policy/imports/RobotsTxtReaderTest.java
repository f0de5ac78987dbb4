package org.termsguard.policy.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.termsguard.policy.imports.Documents.tokens;
import static org.termsguard.policy.imports.Documents.unmappedClauses;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.policy.terms.TermsDocument;
import org.termsguard.policy.terms.TermsDocument.Citation;
import org.termsguard.policy.terms.TermsSnapshot;

class RobotsTxtReaderTest {

    @Test
    void preferencesOfTheStarGroupBecomeDefaultTermsAndTheRestIsReportedWithAReason() {
        String text = Documents.text("robots.txt");
        ImportedTerms imported = RobotsTxtReader.read(text);
        TermsDocument terms = Documents.fresh(imported);

        assertThat(tokens(terms.defaultTerms().licenseRequiredFor())).containsExactlyInAnyOrder("ai-train", "ai-input");
        assertThat(tokens(terms.defaultTerms().allowedPurposes())).containsExactly("search");
        assertThat(terms.robotsTxt()).isEqualTo(text);
        assertThat(unmappedClauses(imported))
                .anySatisfy(u -> assertThat(u).startsWith("train-genai=n | ").contains("narrower than ai-train"))
                .anySatisfy(
                        u -> assertThat(u).startsWith("Content-Usage: /open-data/ train-ai=y | applies to /open-data/"))
                .anySatisfy(u -> assertThat(u).startsWith("Content-Usage: bots=n | applies to GPTBot, CCBot only"))
                .anySatisfy(u -> assertThat(u).startsWith("Noindex: /tmp/ | 'noindex' is not a directive"))
                .hasSize(4);
        assertThat(terms.citations())
                .contains(new Citation("licenseRequiredFor", "ai-train", "robots.txt line 7: ai-train=no"))
                .contains(new Citation(
                        "reference",
                        "https://news.example/license.rsl",
                        "robots.txt line 15: License: https://news.example/license.rsl"));
        // GPTBot's group still keeps it out as a crawler rule.
        assertThat(new TermsSnapshot(1, Documents.IMPORTED_AT, terms)
                        .robots()
                        .allows("GPTBot", "https://news.example/news/1"))
                .isFalse();
    }

    @Test
    void theMostRestrictivePreferenceWinsWhateverTheOrderOfTheLines() {
        for (String text : List.of(
                "User-agent: *\nContent-Usage: search=y\nContent-Signal: search=no\n",
                "User-agent: *\nContent-Signal: search=no\nContent-Usage: search=y\n")) {
            ImportedTerms imported = RobotsTxtReader.read(text);
            TermsDocument terms = Documents.fresh(imported);

            assertThat(tokens(terms.defaultTerms().licenseRequiredFor())).containsExactly("search");
            assertThat(terms.defaultTerms().allowedPurposes()).isEmpty();
            assertThat(imported.report().unmapped()).singleElement().satisfies(u -> {
                assertThat(u.clause()).isEqualTo("search=y");
                assertThat(u.reason())
                        .startsWith("the most restrictive preference wins: robots.txt line")
                        .endsWith("search=no requires a license for search");
            });
        }
    }

    @Test
    void aReservationInAnEarlierVersionIsNotLiftedByAMorePermissiveDocument() {
        TermsDocument before = Documents.fresh(RobotsTxtReader.read("User-agent: *\nContent-Usage: bots=n\n"));
        ImportedTerms later = RobotsTxtReader.read("User-agent: *\nContent-Usage: train-ai=y\n");

        TermsDocument after = TermsCombiner.combine("news", before, later);

        assertThat(new TermsSnapshot(2, Documents.IMPORTED_AT, after).needsLicense(Purpose.AI_TRAIN))
                .isTrue();
        assertThat(later.report().unmapped().get(0).reason())
                .isEqualTo("the most restrictive preference wins: robots.txt line 2: bots=n requires a license for"
                        + " ai-train");
    }

    @Test
    void valuesOutsideTheVocabularyAreReportedNotGuessed() {
        ImportedTerms imported = RobotsTxtReader.read("User-agent: *\nContent-Usage: train-ai=maybe, foo=y\n");

        assertThat(imported.preferences()).isEmpty();
        assertThat(unmappedClauses(imported))
                .satisfiesExactly(
                        u -> assertThat(u).isEqualTo("train-ai=maybe | the value must be y or n"),
                        u -> assertThat(u).startsWith("foo=y | 'foo' is not in the vocabulary"));
    }
}
