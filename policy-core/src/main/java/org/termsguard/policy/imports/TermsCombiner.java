package org.termsguard.policy.imports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.policy.imports.ImportedTerms.Granted;
import org.termsguard.policy.imports.ImportedTerms.Preference;
import org.termsguard.policy.terms.TermsDocument;
import org.termsguard.policy.terms.TermsDocument.Citation;
import org.termsguard.policy.terms.TermsDocument.DefaultTerms;
import org.termsguard.policy.terms.TermsDocument.License;
import org.termsguard.policy.terms.TermsSnapshot;

/**
 * Folds what a document says into an owner's current terms, by the standards' own rule for preferences: the most
 * restrictive one wins (aipref), whichever source or order it came in, and {@code all}/{@code ai-all} cover the
 * narrower tokens (RSL). So a later, more permissive document never silently lifts a reservation: the report says
 * which stricter statement won. Licenses, the list price and robots.txt are replaced by what the document states.
 */
public final class TermsCombiner {

    private TermsCombiner() {}

    public static TermsDocument combine(String owner, TermsDocument current, ImportedTerms imported) {
        ImportReport report = imported.report();
        String format = imported.format().title();
        List<Citation> citations = new ArrayList<>(current == null ? List.of() : current.citations());
        DefaultTerms defaults = current == null ? new DefaultTerms(List.of(), List.of(), null) : current.defaultTerms();
        List<Purpose> required = new ArrayList<>(defaults.licenseRequiredFor());
        List<Purpose> allowed = new ArrayList<>(defaults.allowedPurposes());

        // Reservations first, so that the order of lines in a document cannot decide a conflict.
        List<Preference> preferences = new ArrayList<>(imported.preferences());
        preferences.sort(Comparator.comparing(Preference::allowed));
        for (Preference p : preferences) {
            String token = p.purpose().token();
            String cited = p.source() + ": " + p.clause();
            if (!p.allowed()) {
                if (!TermsSnapshot.covered(required, p.purpose())) {
                    required.add(p.purpose());
                }
                citations.removeIf(
                        c -> c.term().equals("licenseRequiredFor") && c.value().equals(token));
                citations.add(new Citation("licenseRequiredFor", token, cited));
                report.mapped(p.source(), p.clause(), "licenseRequiredFor: " + token);
            } else if (TermsSnapshot.covered(required, p.purpose())) {
                report.unmapped(
                        p.source(),
                        p.clause(),
                        "the most restrictive preference wins: " + stricter(required, p.purpose(), citations)
                                + " requires a license for " + token);
            } else {
                if (!TermsSnapshot.covered(allowed, p.purpose())) {
                    allowed.add(p.purpose());
                }
                citations.add(new Citation("allowedPurposes", token, cited));
                report.mapped(p.source(), p.clause(), "allowedPurposes: " + token);
            }
        }

        var listPrice = defaults.listPrice();
        if (imported.listPrice() != null) {
            var stated = imported.listPrice();
            listPrice = stated.value();
            citations.removeIf(c -> c.term().equals("listPrice"));
            citations.add(new Citation("listPrice", null, stated.source() + ": " + stated.clause()));
            report.mapped(
                    stated.source(),
                    stated.clause(),
                    "listPrice: " + listPrice.perThousandRecords().toPlainString() + " " + listPrice.currency()
                            + " per 1,000 records");
        }

        List<License> licenses = new ArrayList<>(current == null ? List.of() : current.licenses());
        for (Granted granted : imported.licenses()) {
            License license = granted.license();
            boolean replaced = licenses.removeIf(l -> l.licenseId().equals(license.licenseId()));
            licenses.add(license);
            citations.removeIf(c -> c.term().equals("license") && c.value().equals(license.licenseId()));
            citations.add(new Citation("license", license.licenseId(), granted.source() + ": " + granted.clause()));
            report.mapped(
                    granted.source(),
                    granted.clause(),
                    (replaced ? "license (replacing the one with this id): " : "license: ") + license.licenseId()
                            + " for " + license.licensee());
        }

        String robotsTxt = current == null ? null : current.robotsTxt();
        if (imported.robotsTxt() != null) {
            robotsTxt = imported.robotsTxt().value();
            citations.removeIf(c -> c.term().equals("robotsTxt"));
            citations.add(new Citation("robotsTxt", null, imported.robotsTxt().source()));
            report.mapped(imported.robotsTxt().source(), "User-agent groups", "robotsTxt (crawler rules)");
        }

        var aliases = current == null ? List.<TermsDocument.Alias>of() : current.aliases();
        if (imported.aliases() != null) {
            aliases = imported.aliases().value();
            report.mapped(
                    imported.aliases().source(), imported.aliases().clause(), aliases.size() + " consumer aliases");
        }

        String displayName = stated(imported.displayName(), report, "displayName")
                .orElse(current == null ? owner : current.displayName());
        String noticeContact = stated(imported.noticeContact(), report, "noticeContact")
                .orElse(current == null ? null : current.noticeContact());
        for (var reference : imported.references()) {
            citations.removeIf(c -> c.term().equals("reference") && c.value().equals(reference.value()));
            citations.add(new Citation("reference", reference.value(), reference.source() + ": " + reference.clause()));
        }
        citations.removeIf(c -> c.term().equals("import") && format.equals(c.value()));
        citations.add(new Citation("import", format, format + " document imported"));
        return new TermsDocument(
                        owner,
                        displayName,
                        noticeContact,
                        new DefaultTerms(allowed, required, listPrice),
                        robotsTxt,
                        licenses,
                        aliases,
                        citations)
                .withCurrentCitations();
    }

    private static Optional<String> stated(ImportedTerms.Stated<String> stated, ImportReport report, String term) {
        if (stated == null) {
            return Optional.empty();
        }
        report.mapped(stated.source(), stated.clause(), term);
        return Optional.of(stated.value());
    }

    private static String stricter(List<Purpose> required, Purpose purpose, List<Citation> citations) {
        for (Purpose reserved : required) {
            if (reserved.covers(purpose)) {
                return citations.stream()
                        .filter(c -> c.term().equals("licenseRequiredFor")
                                && c.value().equals(reserved.token()))
                        .map(Citation::source)
                        .findFirst()
                        .orElse("the owner's current terms (licenseRequiredFor: " + reserved.token() + ")");
            }
        }
        return "another statement";
    }
}
