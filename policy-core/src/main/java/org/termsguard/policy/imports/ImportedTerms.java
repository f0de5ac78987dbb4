package org.termsguard.policy.imports;

import java.util.ArrayList;
import java.util.List;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.policy.terms.TermsDocument.Alias;
import org.termsguard.policy.terms.TermsDocument.License;
import org.termsguard.policy.terms.TermsDocument.ListPrice;

/**
 * What one published document says, in Termsguard's terms, before it is combined with the owner's current terms.
 * Each statement keeps where it was said ({@code source}, e.g. {@code robots.txt line 4}) and how
 * ({@code clause}), so that the report and later notices can quote it.
 */
public final class ImportedTerms {

    /** A purpose the document lets anyone use freely ({@code allowed}) or reserves for licensees. */
    public record Preference(Purpose purpose, boolean allowed, String source, String clause) {}

    public record Granted(License license, String source, String clause) {}

    public record Stated<T>(T value, String source, String clause) {}

    private final ImportFormat format;
    private final ImportReport report = new ImportReport();
    private final List<Preference> preferences = new ArrayList<>();
    private final List<Granted> licenses = new ArrayList<>();
    private Stated<ListPrice> listPrice;
    private Stated<String> robotsTxt;
    private Stated<String> displayName;
    private Stated<String> noticeContact;
    private Stated<List<Alias>> aliases;
    private final List<Stated<String>> references = new ArrayList<>();

    public ImportedTerms(ImportFormat format) {
        this.format = format;
    }

    public ImportFormat format() {
        return format;
    }

    public ImportReport report() {
        return report;
    }

    void prefer(Purpose purpose, boolean allowed, String source, String clause) {
        preferences.add(new Preference(purpose, allowed, source, clause));
    }

    void grant(License license, String source, String clause) {
        licenses.add(new Granted(license, source, clause));
    }

    void listPrice(ListPrice price, String source, String clause) {
        listPrice = new Stated<>(price, source, clause);
    }

    void robotsTxt(String text, String source) {
        robotsTxt = new Stated<>(text, source, "the whole file");
    }

    void displayName(String name, String source, String clause) {
        displayName = new Stated<>(name, source, clause);
    }

    void noticeContact(String contact, String source, String clause) {
        noticeContact = new Stated<>(contact, source, clause);
    }

    void aliases(List<Alias> list, String source, String clause) {
        aliases = new Stated<>(list, source, clause);
    }

    /** A document the source points to (an RSL license, a TDM policy, legal terms), kept for notices. */
    void refer(String url, String source, String clause) {
        references.add(new Stated<>(url, source, clause));
    }

    public List<Stated<String>> references() {
        return List.copyOf(references);
    }

    public List<Preference> preferences() {
        return List.copyOf(preferences);
    }

    public List<Granted> licenses() {
        return List.copyOf(licenses);
    }

    public Stated<ListPrice> listPrice() {
        return listPrice;
    }

    public Stated<String> robotsTxt() {
        return robotsTxt;
    }

    public Stated<String> displayName() {
        return displayName;
    }

    public Stated<String> noticeContact() {
        return noticeContact;
    }

    public Stated<List<Alias>> aliases() {
        return aliases;
    }
}
