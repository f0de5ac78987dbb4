package org.termsguard.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the data was reached. */
public enum Channel {
    @JsonProperty("api")
    API,
    @JsonProperty("crawler")
    CRAWLER,
    @JsonProperty("bulk-export")
    BULK_EXPORT,
    @JsonProperty("feed")
    FEED
}
