package org.termsguard.alert.incidents;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

public enum IncidentStatus {
    @JsonProperty("open")
    OPEN,
    @JsonProperty("acknowledged")
    ACKNOWLEDGED,
    @JsonProperty("resolved")
    RESOLVED;

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IncidentStatus of(String token) {
        return valueOf(token.toUpperCase(Locale.ROOT));
    }
}
