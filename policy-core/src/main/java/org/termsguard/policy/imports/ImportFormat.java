package org.termsguard.policy.imports;

import java.util.Locale;
import java.util.Optional;

/** The documents owners publish that Termsguard reads, by the media type they are posted with. */
public enum ImportFormat {
    ODRL("ODRL 2.2"),
    RSL("RSL 1.0"),
    ROBOTS_TXT("robots.txt"),
    TDMREP("TDMRep");

    public static final String ODRL_JSON = "application/odrl+json";
    public static final String LD_JSON = "application/ld+json";
    public static final String RSL_XML = "application/rsl+xml";
    public static final String TDMREP_JSON = "application/tdmrep+json";

    private final String title;

    ImportFormat(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /**
     * Plain JSON is read as TDMRep's {@code tdmrep.json} (a JSON array), and plain XML as RSL, since that is how
     * those files are usually served.
     */
    public static Optional<ImportFormat> ofMediaType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case ODRL_JSON, LD_JSON -> Optional.of(ODRL);
            case RSL_XML, "application/xml", "text/xml" -> Optional.of(RSL);
            case "text/plain" -> Optional.of(ROBOTS_TXT);
            case TDMREP_JSON, "application/json" -> Optional.of(TDMREP);
            default -> Optional.empty();
        };
    }
}
