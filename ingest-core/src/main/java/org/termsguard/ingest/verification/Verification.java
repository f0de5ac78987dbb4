package org.termsguard.ingest.verification;

import java.util.List;
import java.util.Objects;
import org.termsguard.contracts.events.Identity;

/**
 * The verification of one event, as carried in {@code evidence.verification} (DESIGN.md).
 *
 * @param verdict what was concluded
 * @param operator who runs the crawler concerned, as its source names them; null when nobody is named or found
 * @param consumer that operator's consumer id; null likewise
 * @param token the product token the user agent names (as the source spells it); null when it names none
 * @param basis what the verdict rests on; null when nothing was consulted
 * @param reasons how the verdict was reached, one sentence each, in the order the checks ran
 */
public record Verification(
        Verdict verdict, String operator, String consumer, String token, Basis basis, List<String> reasons) {

    public Verification {
        Objects.requireNonNull(verdict, "verdict");
        reasons = List.copyOf(reasons);
    }

    /** {@code evidence.identity}: verified exactly when the verdict is signed, listed or dns. */
    public Identity identity() {
        return verdict.identity();
    }
}
