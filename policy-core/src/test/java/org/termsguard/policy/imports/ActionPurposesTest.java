package org.termsguard.policy.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.termsguard.contracts.events.Purpose;

class ActionPurposesTest {

    @Test
    void anActionStandsForThePurposesThatWitnessIt() {
        assertThat(ActionPurposes.of(OdrlIris.ODRL + "use")).contains(Set.of(Purpose.ALL));
        assertThat(ActionPurposes.of(OdrlIris.ODRL + "index")).contains(Set.of(Purpose.SEARCH));
        assertThat(ActionPurposes.of(OdrlIris.TDM + "mine")).contains(Set.of(Purpose.AI_TRAIN, Purpose.ANALYTICS));
        assertThat(ActionPurposes.of(OdrlIris.ODRL + "attribute")).isEmpty();
    }

    @Test
    void aPurposeIsATokenOrAnIriEndingInOne() {
        assertThat(ActionPurposes.purposeOf("ai-train")).contains(Purpose.AI_TRAIN);
        assertThat(ActionPurposes.purposeOf("https://example.org/purposes/search"))
                .contains(Purpose.SEARCH);
        assertThat(ActionPurposes.purposeOf("tg:analytics")).contains(Purpose.ANALYTICS);
        assertThat(ActionPurposes.purposeOf("https://example.org/purposes/")).isEmpty();
    }

    @Test
    void everyAndEveryAiPurposeOpenIntoTheirMembers() {
        assertThat(ActionPurposes.concrete(Set.of(Purpose.AI_ALL)))
                .containsExactly(Purpose.AI_TRAIN, Purpose.AI_INPUT, Purpose.AI_INDEX);
        assertThat(ActionPurposes.concrete(Set.of(Purpose.ALL)))
                .doesNotContain(Purpose.ALL, Purpose.AI_ALL)
                .contains(Purpose.DISPLAY, Purpose.ARCHIVE, Purpose.AI_INDEX);
    }
}
