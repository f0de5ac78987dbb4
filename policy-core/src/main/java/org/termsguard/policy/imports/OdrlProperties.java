package org.termsguard.policy.imports;

import static org.termsguard.policy.imports.OdrlIris.ODRL;
import static org.termsguard.policy.imports.OdrlIris.TG;

import jakarta.json.JsonObject;
import java.util.Set;

/**
 * The properties Termsguard reads on a policy (ODRL 2.2 Information Model §2.1, with the compact policy's rule
 * properties of §2.7.1) or on a rule (§2.6), and Termsguard's profile terms. Any other property is reported, so an
 * owner sees what the import did not read; descriptive metadata (Dublin Core, RDFS and SKOS, §2.8) is expected and
 * passes silently.
 */
record OdrlProperties(Set<String> known) {

    private static final Set<String> DESCRIPTIVE = Set.of(
            "http://purl.org/dc/terms/",
            "http://purl.org/dc/elements/1.1/",
            "http://www.w3.org/2000/01/rdf-schema#",
            "http://www.w3.org/2004/02/skos/core#");

    static final OdrlProperties POLICY = new OdrlProperties(Set.of(
            "@id",
            "@type",
            ODRL + "uid",
            ODRL + "permission",
            ODRL + "prohibition",
            ODRL + "obligation",
            ODRL + "profile",
            ODRL + "assigner",
            ODRL + "assignee",
            ODRL + "target",
            ODRL + "conflict",
            TG + "displayName",
            TG + "noticeContact",
            TG + "robotsTxt",
            TG + "aliases",
            TG + "termsVersion",
            TG + "effectiveFrom"));

    static final OdrlProperties RULE = new OdrlProperties(Set.of(
            "@id",
            "@type",
            ODRL + "uid",
            ODRL + "target",
            ODRL + "action",
            ODRL + "assignee",
            ODRL + "assigner",
            ODRL + "constraint",
            ODRL + "duty",
            ODRL + "remedy",
            TG + "tier",
            TG + "status"));

    OdrlProperties {
        known = Set.copyOf(known);
    }

    void reportUnknown(JsonObject node, String source, ImportReport report) {
        for (String key : node.keySet()) {
            if (!known.contains(key) && DESCRIPTIVE.stream().noneMatch(key::startsWith)) {
                report.unmapped(source, key, "not an ODRL 2.2 property Termsguard reads here");
            }
        }
    }
}
