package org.termsguard.policy.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.termsguard.policy.imports.Documents.tokens;
import static org.termsguard.policy.imports.Documents.unmappedClauses;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.policy.terms.QuotaPeriod;
import org.termsguard.policy.terms.TermsDocument;
import org.termsguard.policy.terms.TermsDocument.License;

class OdrlReaderTest {

    private static TermsDocument offer() {
        return Documents.fresh(OdrlReader.read(Documents.text("odrl-offer.jsonld"), Documents.IMPORTED_AT));
    }

    private static License license(TermsDocument terms, String id) {
        return terms.licenses().stream()
                .filter(l -> l.licenseId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void compactIrisAndFullIrisMeanTheSameTerms() {
        TermsDocument compact = offer();
        TermsDocument full =
                Documents.fresh(OdrlReader.read(Documents.text("odrl-offer-expanded.jsonld"), Documents.IMPORTED_AT));

        assertThat(full.defaultTerms()).isEqualTo(compact.defaultTerms());
        assertThat(full.licenses()).isEqualTo(compact.licenses());
    }

    @Test
    void aPermissionForAnAssigneeBecomesALicenseWithItsNestedConstraints() {
        License openai = license(offer(), "openai-train-2026");

        assertThat(openai.licensee()).isEqualTo("openai");
        // (ai-train or train-ai or ai-input) and count and timeInterval and dateTime: an event has one purpose.
        assertThat(openai.purposes()).containsExactlyInAnyOrder(Purpose.AI_TRAIN, Purpose.AI_INPUT);
        assertThat(openai.quota().records()).isEqualTo(1_000_000);
        assertThat(openai.quota().period()).isEqualTo(QuotaPeriod.MONTH);
        assertThat(openai.validFrom()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(openai.validUntil()).isBefore(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(openai.price().amount()).isEqualByComparingTo(new BigDecimal("25000.00"));
        assertThat(openai.price().currency()).isEqualTo("EUR");
        assertThat(openai.price().period()).isEqualTo("P1M");
        assertThat(openai.scope().uriPrefixes()).containsExactly("https://news.example/articles/");
    }

    @Test
    void prohibitionsReservePurposesAndTheirRemedyIsTheListPrice() {
        TermsDocument terms = offer();

        assertThat(tokens(terms.defaultTerms().licenseRequiredFor())).containsExactlyInAnyOrder("ai-train", "ai-input");
        assertThat(terms.defaultTerms().listPrice().perThousandRecords()).isEqualByComparingTo(new BigDecimal("2.50"));
        assertThat(terms.defaultTerms().listPrice().currency()).isEqualTo("EUR");
        // The display permission is narrowed to what displaying is: search is outside it.
        assertThat(tokens(terms.defaultTerms().allowedPurposes())).containsExactly("display");
    }

    @Test
    void conditionsThatCannotBeCheckedNeverMakeLawfulUseAViolation() {
        ImportedTerms imported = OdrlReader.read(Documents.text("odrl-offer.jsonld"), Documents.IMPORTED_AT);
        TermsDocument terms = Documents.fresh(imported);

        // A license limited to a place is kept, broader than written; a prohibition limited to one is not applied.
        License acme = license(terms, "acme-eu");
        assertThat(acme.licensee()).isEqualTo("acme.example");
        assertThat(acme.purposes()).containsExactlyInAnyOrder(Purpose.AI_TRAIN, Purpose.ANALYTICS);
        assertThat(terms.defaultTerms().licenseRequiredFor()).doesNotContain(Purpose.ANALYTICS);
        assertThat(license(terms, "bad-xone").purposes()).containsExactly(Purpose.ALL);
        assertThat(unmappedClauses(imported))
                .anySatisfy(u -> assertThat(u)
                        .startsWith("spatial eq http://www.wikidata.org/entity/Q458 (access events carry no location)")
                        .contains("read as broader than written"))
                .anySatisfy(u -> assertThat(u).contains("not applied: the prohibition is limited by spatial eq US"))
                .anySatisfy(u -> assertThat(u).startsWith("xone over count lteq 10"))
                .anySatisfy(u -> assertThat(u).startsWith("purpose search | ").contains("outside action display"))
                .anySatisfy(u -> assertThat(u).startsWith("action attribute | obligations"))
                .anySatisfy(u -> assertThat(u).startsWith("http://www.w3.org/ns/odrl/2/unheardOf | not an ODRL 2.2"));
    }

    @Test
    void remoteContextsAreNeverFetched() {
        assertThatThrownBy(() -> OdrlReader.read(
                        "{\"@context\":\"https://evil.example/context.jsonld\",\"@type\":\"Set\"}",
                        Documents.IMPORTED_AT))
                .isInstanceOf(UnreadableDocument.class)
                .hasMessageContaining("is not fetched");
    }

    @Test
    void documentsWithoutAPolicyAreRefused() {
        assertThatThrownBy(() -> OdrlReader.read(
                        "{\"@context\":\"http://www.w3.org/ns/odrl.jsonld\",\"uid\":\"x\"}", Documents.IMPORTED_AT))
                .isInstanceOf(UnreadableDocument.class)
                .hasMessageContaining("no ODRL policy");
        assertThatThrownBy(() -> OdrlReader.read("{not json", Documents.IMPORTED_AT))
                .isInstanceOf(UnreadableDocument.class);
    }
}
