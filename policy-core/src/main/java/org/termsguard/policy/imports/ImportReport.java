package org.termsguard.policy.imports;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import did with every clause of the document: mapped to a term, or not mapped and why. No clause is
 * dropped without an entry here.
 */
public final class ImportReport {

    /** A clause that became (part of) a term. */
    public record Mapped(String source, String clause, String mappedTo) {}

    /** A clause that did not, with the reason. */
    public record Unmapped(String source, String clause, String reason) {}

    private final List<Mapped> mapped = new ArrayList<>();
    private final List<Unmapped> unmapped = new ArrayList<>();

    public void mapped(String source, String clause, String mappedTo) {
        mapped.add(new Mapped(source, clause, mappedTo));
    }

    public void unmapped(String source, String clause, String reason) {
        unmapped.add(new Unmapped(source, clause, reason));
    }

    public List<Mapped> mapped() {
        return List.copyOf(mapped);
    }

    public List<Unmapped> unmapped() {
        return List.copyOf(unmapped);
    }
}
