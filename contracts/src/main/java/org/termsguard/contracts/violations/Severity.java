package org.termsguard.contracts.violations;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Most severe first, so that {@code compareTo} orders by urgency. */
public enum Severity {
    @JsonProperty("critical")
    CRITICAL,
    @JsonProperty("high")
    HIGH,
    @JsonProperty("medium")
    MEDIUM,
    @JsonProperty("low")
    LOW,
    @JsonProperty("info")
    INFO;

    /** Whether this is at least as severe as {@code minimum}. */
    public boolean atLeast(Severity minimum) {
        return compareTo(minimum) <= 0;
    }
}
