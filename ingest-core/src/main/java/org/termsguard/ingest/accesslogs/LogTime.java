package org.termsguard.ingest.accesslogs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The ways access logs write a request's time, each read to the precision it carries and converted to UTC. */
final class LogTime {

    /** NCSA's {@code %t} and nginx's {@code $time_local}: {@code 10/Oct/2000:13:55:36 -0700}. */
    static final DateTimeFormatter NCSA = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    /** ISO 8601 with an offset written with or without a colon ({@code +0000}), as Caddy's {@code iso8601} does. */
    private static final DateTimeFormatter ISO_LENIENT_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendPattern("[XXX][XX][X]")
            .toFormatter(Locale.ROOT);

    private static final BigInteger THOUSAND = BigInteger.valueOf(1000);
    private static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000L);
    // Seconds since 1970 stay below 10^11 until the year 5138, milliseconds below 10^14 until 5138, and so on: the
    // magnitude says the unit, which is how a log's number is read whichever of Logpush's or Caddy's options wrote it.
    private static final BigDecimal SECONDS_BELOW = BigDecimal.TEN.pow(11);
    private static final BigDecimal MILLIS_BELOW = BigDecimal.TEN.pow(14);
    private static final BigDecimal MICROS_BELOW = BigDecimal.TEN.pow(17);
    private static final BigDecimal NANOS_BELOW = BigDecimal.TEN.pow(20);

    private LogTime() {}

    /** RFC 3339 / ISO 8601 with an offset, e.g. {@code 2023-04-12T09:30:00.123456789Z} or {@code ...+0200}. */
    static Instant iso(String text) throws UnparseableLine {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notRfc3339) {
            try {
                return OffsetDateTime.parse(text, ISO_LENIENT_OFFSET).toInstant();
            } catch (DateTimeParseException e) {
                throw new UnparseableLine("time '" + UnparseableLine.abbreviate(text) + "' is not RFC 3339");
            }
        }
    }

    static Instant ncsa(String text) throws UnparseableLine {
        try {
            return ZonedDateTime.parse(text, NCSA).toInstant();
        } catch (DateTimeParseException e) {
            throw new UnparseableLine(
                    "time '" + UnparseableLine.abbreviate(text) + "' is not dd/MMM/yyyy:HH:mm:ss +hhmm");
        }
    }

    /** RFC 3339, NCSA, or a number of seconds, milliseconds, microseconds or nanoseconds since the epoch. */
    static Instant any(String text) throws UnparseableLine {
        if (!text.isEmpty() && (Character.isDigit(text.charAt(0)) && text.indexOf('-') < 0 && text.indexOf('/') < 0)) {
            try {
                return epoch(new BigDecimal(text));
            } catch (NumberFormatException notNumber) {
                // Read below as a date.
            }
        }
        if (text.indexOf('/') > 0) {
            return ncsa(text);
        }
        return iso(text);
    }

    static Instant epoch(BigDecimal number) throws UnparseableLine {
        if (number.signum() < 0 || number.compareTo(NANOS_BELOW) >= 0) {
            throw new UnparseableLine("time " + UnparseableLine.abbreviate(number.toPlainString())
                    + " is not a Unix time in seconds, milliseconds, microseconds or nanoseconds");
        }
        BigDecimal nanos;
        if (number.compareTo(SECONDS_BELOW) < 0) {
            nanos = number.multiply(BILLION);
        } else if (number.compareTo(MILLIS_BELOW) < 0) {
            nanos = number.movePointRight(6);
        } else if (number.compareTo(MICROS_BELOW) < 0) {
            nanos = number.movePointRight(3);
        } else {
            nanos = number;
        }
        BigInteger[] split = nanos.toBigInteger().divideAndRemainder(THOUSAND.pow(3));
        try {
            return Instant.ofEpochSecond(split[0].longValueExact(), split[1].longValueExact());
        } catch (ArithmeticException | DateTimeException e) {
            throw new UnparseableLine(
                    "time " + UnparseableLine.abbreviate(number.toPlainString()) + " is out of range");
        }
    }
}
