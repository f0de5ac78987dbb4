package org.termsguard.policy.terms;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The calendar periods quotas are counted in, in UTC: an event counts in the period of its observedAt. */
public enum QuotaPeriod {
    @JsonProperty("P1D")
    DAY,
    @JsonProperty("P1M")
    MONTH,
    @JsonProperty("P1Y")
    YEAR;

    /** The first day of the period that holds {@code instant}. */
    public LocalDate start(Instant instant) {
        LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate();
        return switch (this) {
            case DAY -> day;
            case MONTH -> day.withDayOfMonth(1);
            case YEAR -> day.withDayOfYear(1);
        };
    }

    private static final DateTimeFormatter MONTH_LABEL = DateTimeFormatter.ofPattern("yyyy-MM");

    /** How a period is named in explanations and the usage API: 2023-04-12, 2023-04, 2023. */
    public String label(LocalDate start) {
        return switch (this) {
            case DAY -> start.toString();
            case MONTH -> start.format(MONTH_LABEL);
            case YEAR -> Integer.toString(start.getYear());
        };
    }

    /** P1D, P1M or P1Y (as ISO 8601 durations are written); empty for anything else. */
    public static java.util.Optional<QuotaPeriod> ofIso(String duration) {
        for (QuotaPeriod period : values()) {
            if (period.iso().equalsIgnoreCase(duration == null ? "" : duration.strip())) {
                return java.util.Optional.of(period);
            }
        }
        return java.util.Optional.empty();
    }

    public String iso() {
        return switch (this) {
            case DAY -> "P1D";
            case MONTH -> "P1M";
            case YEAR -> "P1Y";
        };
    }
}
