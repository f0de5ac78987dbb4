package org.termsguard.alert.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EvidenceChainTest {

    private static List<EvidenceChain.Event> events(int n) {
        List<EvidenceChain.Event> events = new ArrayList<>();
        Instant base = Instant.parse("2023-04-12T09:30:00Z");
        for (int i = 0; i < n; i++) {
            // Sub-microsecond differences and equal instants, so both parts of the order matter.
            Instant at = base.plusNanos((i / 3) * 250L);
            String id = "e-" + (n - i);
            events.add(new EvidenceChain.Event(
                    id, at, "{\"eventId\":\"" + id + "\",\"observedAt\":\"" + at + "\",\"b\":1,\"a\":[1.0,2]}"));
        }
        return events;
    }

    @Test
    void aFoldFedInChainOrderMakesTheSameLinksAndDigestAsTheWholeChain() {
        List<EvidenceChain.Event> events = events(50);
        Collections.shuffle(events, new Random(17));
        EvidenceChain.Chain whole = EvidenceChain.of(events);

        List<EvidenceChain.Event> ordered = new ArrayList<>(events);
        ordered.sort(EvidenceChain.ORDER);
        EvidenceChain.Fold fold = new EvidenceChain.Fold();
        List<EvidenceChain.Link> links = new ArrayList<>();
        ordered.forEach(e -> links.add(fold.add(e)));

        assertThat(links).isEqualTo(whole.links());
        assertThat(fold.digest()).isEqualTo(whole.digest());
        assertThat(fold.size()).isEqualTo(50);
    }

    @Test
    void aResumedFoldContinuesTheChainPageByPage() {
        List<EvidenceChain.Event> ordered = new ArrayList<>(events(23));
        ordered.sort(EvidenceChain.ORDER);
        EvidenceChain.Chain whole = EvidenceChain.of(ordered);
        List<EvidenceChain.Link> paged = new ArrayList<>();
        int index = 0;
        String link = "";
        for (int from = 0; from < ordered.size(); from += 5) {
            EvidenceChain.Fold page = EvidenceChain.Fold.resume(index, link);
            ordered.subList(from, Math.min(from + 5, ordered.size())).forEach(e -> paged.add(page.add(e)));
            index = page.size();
            link = page.lastLink();
        }
        assertThat(paged).isEqualTo(whole.links());
        assertThat("sha256:" + link).isEqualTo(whole.digest());
    }

    @Test
    void aFoldRefusesEventsOutOfOrderOrTwice() {
        List<EvidenceChain.Event> ordered = new ArrayList<>(events(3));
        ordered.sort(EvidenceChain.ORDER);
        EvidenceChain.Fold fold = new EvidenceChain.Fold();
        fold.add(ordered.get(1));
        assertThatThrownBy(() -> fold.add(ordered.get(0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fold.add(ordered.get(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EvidenceChain.Fold.resume(1, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EvidenceChain.Fold.resume(0, "ab")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEmptyChainIsTheHashOfNothing() {
        assertThat(new EvidenceChain.Fold().digest()).isEqualTo("sha256:");
        assertThat(EvidenceChain.of(List.of()).digest()).isEqualTo("sha256:");
    }
}
