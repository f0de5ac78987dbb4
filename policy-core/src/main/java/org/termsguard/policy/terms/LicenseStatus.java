package org.termsguard.policy.terms;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum LicenseStatus {
    @JsonProperty("active")
    ACTIVE,
    @JsonProperty("suspended")
    SUSPENDED,
    @JsonProperty("revoked")
    REVOKED
}
