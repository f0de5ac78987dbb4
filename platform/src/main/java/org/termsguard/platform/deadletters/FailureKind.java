package org.termsguard.platform.deadletters;

import io.vertx.sqlclient.DatabaseException;
import java.time.DateTimeException;

/**
 * Whether a failed attempt at a batch can succeed when tried again. A consumer that retries a record that can
 * never succeed stops its partition for good; one that gives up on a passing outage loses data. So: PostgreSQL's
 * data exceptions (SQLSTATE class 22: a NUL in text, a number out of range, a value too long) and integrity
 * constraint violations (class 23) are permanent, as are the errors our own code raises on a value it cannot
 * judge; everything else — connections (class 08), serialization and deadlocks (40), resources (53), an operator
 * shutting the server down (57), a broker that does not answer — is transient, retried with backoff.
 */
public enum FailureKind {
    TRANSIENT,
    PERMANENT;

    public static FailureKind of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseException database) {
                String state = database.getSqlState();
                return state != null && (state.startsWith("22") || state.startsWith("23")) ? PERMANENT : TRANSIENT;
            }
            if (cause instanceof IllegalArgumentException
                    || cause instanceof ArithmeticException
                    || cause instanceof DateTimeException
                    || cause instanceof NullPointerException
                    || cause instanceof IndexOutOfBoundsException
                    // The broker refuses such a record however often it is sent.
                    || cause instanceof org.apache.kafka.common.errors.RecordTooLargeException
                    || cause instanceof org.apache.kafka.common.InvalidRecordException) {
                return PERMANENT;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return TRANSIENT;
    }

    /** A short reason for a dead letter: the SQLSTATE and message, or the exception. */
    public static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseException database) {
                return "the database refused it (SQLSTATE " + database.getSqlState() + "): " + database.getMessage();
            }
            if (cause.getCause() == null || cause.getCause() == cause) {
                return cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
        }
        return String.valueOf(failure);
    }
}
