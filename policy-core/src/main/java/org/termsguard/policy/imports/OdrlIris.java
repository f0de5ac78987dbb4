package org.termsguard.policy.imports;

import java.util.Map;

/**
 * The namespaces an expanded ODRL document is read in, and the short forms the import report quotes them in. After
 * JSON-LD expansion every term is a full IRI, so the readers compare against these rather than against the compact
 * names a publisher happened to choose.
 */
final class OdrlIris {

    /** ODRL 2.2 Vocabulary &amp; Expression §1.2 (Namespaces): the {@code odrl} namespace. */
    static final String ODRL = "http://www.w3.org/ns/odrl/2/";
    /** Termsguard's profile (ODRL 2.2 Information Model §3) for what ODRL has no term for. */
    static final String TG = "https://termsguard.org/ns/odrl#";
    /** W3C TDMRep, whose {@code tdm:mine} is the text-and-data-mining action. */
    static final String TDM = "http://www.w3.org/ns/tdmrep#";
    /** How an action with a refinement names itself (ODRL 2.2 Information Model §2.5.4). */
    static final String RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value";

    /** The {@code tg:per} of a compensation that is a price per 1,000 records. */
    static final String PER_THOUSAND = "1000 records";
    /** The {@code tg:per} of a compensation that is the overage of a license's quota. */
    static final String PER_THOUSAND_OVER_QUOTA = "1000 records over quota";

    /**
     * The DBpedia resources that stand for currencies as a {@code payAmount}'s {@code unit} (ODRL 2.2 Vocabulary,
     * unit), by ISO 4217 code: the writer names a currency so and the reader reads it back.
     */
    static final Map<String, String> CURRENCIES = Map.of(
            "USD", "http://dbpedia.org/resource/United_States_dollar",
            "EUR", "http://dbpedia.org/resource/Euro",
            "GBP", "http://dbpedia.org/resource/Pound_sterling",
            "JPY", "http://dbpedia.org/resource/Japanese_yen",
            "CHF", "http://dbpedia.org/resource/Swiss_franc");

    private OdrlIris() {}

    /** An ODRL term by its name ({@code eq}, {@code purpose}), any other IRI as it is. */
    static String inOdrl(String iri) {
        return iri.startsWith(ODRL) ? iri.substring(ODRL.length()) : iri;
    }

    /** An IRI as a person would write it: {@code use}, {@code tdm:mine}, {@code tg:resourceKind}. */
    static String shortName(String iri) {
        if (iri.startsWith(ODRL)) {
            return iri.substring(ODRL.length());
        }
        if (iri.startsWith(TDM)) {
            return "tdm:" + iri.substring(TDM.length());
        }
        if (iri.startsWith(TG)) {
            return "tg:" + iri.substring(TG.length());
        }
        return iri;
    }

    /**
     * What follows an IRI's last {@code /}, {@code #} or {@code :}; the whole text when it has none. Party ids,
     * license ids, currency codes and purpose tokens are all read from this last segment.
     */
    static String lastSegment(String iri) {
        int cut = Math.max(iri.lastIndexOf('#'), Math.max(iri.lastIndexOf('/'), iri.lastIndexOf(':')));
        return iri.substring(cut + 1);
    }
}
