package org.termsguard.policy.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.termsguard.contracts.events.Purpose;

/**
 * Reads W3C TDMRep's {@code /.well-known/tdmrep.json}: a list of {@code location} patterns, each with
 * {@code tdm-reservation} (1: text and data mining rights reserved, 0: not) and an optional {@code tdm-policy} URL
 * where the rights can be licensed. Text and data mining is read as Termsguard's {@code ai-train} and
 * {@code analytics}; only site-wide locations become default terms.
 */
public final class TdmRepReader {

    private static final List<Purpose> MINING = List.of(Purpose.AI_TRAIN, Purpose.ANALYTICS);
    private static final Set<String> SITE_WIDE = Set.of("", "*", "/", "/*");
    private static final Set<String> KNOWN = Set.of("location", "tdm-reservation", "tdm-policy");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TdmRepReader() {}

    public static ImportedTerms read(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UnreadableDocument("tdmrep.json is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new UnreadableDocument("tdmrep.json must be a JSON array of {location, tdm-reservation, tdm-policy}");
        }
        ImportedTerms terms = new ImportedTerms(ImportFormat.TDMREP);
        ImportReport report = terms.report();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            String source = "tdmrep.json [" + i + "]";
            String clause = entry.toString();
            if (!entry.isObject()) {
                report.unmapped(source, clause, "each entry must be an object");
                continue;
            }
            entry.fieldNames().forEachRemaining(name -> {
                if (!KNOWN.contains(name)) {
                    report.unmapped(source, name, "not a TDMRep property");
                }
            });
            String location = entry.path("location").asText(null);
            JsonNode reservation = entry.get("tdm-reservation");
            if (location == null) {
                report.unmapped(source, clause, "location is required");
                continue;
            }
            if (reservation == null || !reservation.isInt() || reservation.asInt() < 0 || reservation.asInt() > 1) {
                report.unmapped(source, clause, "tdm-reservation must be 0 or 1");
                continue;
            }
            if (!SITE_WIDE.contains(location.strip())) {
                report.unmapped(
                        source, clause, "applies to " + location + " only; default terms cover the owner's whole site");
                continue;
            }
            boolean reserved = reservation.asInt() == 1;
            for (Purpose purpose : MINING) {
                terms.prefer(purpose, !reserved, source, "tdm-reservation: " + reservation.asInt());
            }
            JsonNode policy = entry.get("tdm-policy");
            if (policy != null && policy.isTextual()) {
                terms.refer(policy.asText(), source, "tdm-policy: " + policy.asText());
                report.mapped(
                        source,
                        "tdm-policy: " + policy.asText(),
                        "recorded: where mining rights are licensed; import that ODRL policy to apply its terms");
            }
        }
        return terms;
    }
}
