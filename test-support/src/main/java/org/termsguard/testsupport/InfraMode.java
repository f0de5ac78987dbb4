package org.termsguard.testsupport;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Where the tests' Kafka and PostgreSQL come from. Chosen by the system property {@value #PROPERTY} or the
 * environment variable {@value #ENV}; the default is {@link #AUTO}.
 */
public enum InfraMode {
    /** External servers when their addresses are given, else containers when Docker answers, else embedded. */
    AUTO,
    /** A KRaft broker and a PostgreSQL server started from Maven Central jars inside or beside the test JVM. */
    EMBEDDED,
    /** Testcontainers; fails when no Docker engine answers. */
    CONTAINERS,
    /** Servers already running, addressed by the {@code TERMSGUARD_TEST_*} variables. */
    EXTERNAL;

    public static final String PROPERTY = "termsguard.test.infra";
    public static final String ENV = "TERMSGUARD_TEST_INFRA";

    /** The mode asked for by configuration. */
    public static InfraMode requested(Settings settings) {
        String value = settings.get(PROPERTY, ENV);
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "Unknown " + PROPERTY + " '" + value + "': use auto, embedded, containers or external", e);
        }
    }

    /**
     * The concrete mode for one server. Nothing is ever silently skipped: an impossible request fails with a
     * message that says what to change.
     *
     * @param server what is being started, for messages ("Kafka", "PostgreSQL")
     * @param externalGiven whether an address for an already running server was configured
     * @param dockerAvailable asked only when the answer matters, since asking Docker can take a second
     */
    public InfraMode resolve(String server, boolean externalGiven, BooleanSupplier dockerAvailable) {
        return switch (this) {
            case EMBEDDED -> EMBEDDED;
            case EXTERNAL -> {
                if (!externalGiven) {
                    throw new IllegalStateException(PROPERTY + "=external but no address is configured for " + server
                            + "; set the TERMSGUARD_TEST_* variables described in test-support/README.md");
                }
                yield EXTERNAL;
            }
            case CONTAINERS -> {
                if (!dockerAvailable.getAsBoolean()) {
                    throw new IllegalStateException(PROPERTY + "=containers but no Docker engine answers, so "
                            + server + " cannot be started in a container; start Docker or use "
                            + PROPERTY + "=embedded");
                }
                yield CONTAINERS;
            }
            case AUTO -> externalGiven ? EXTERNAL : dockerAvailable.getAsBoolean() ? CONTAINERS : EMBEDDED;
        };
    }
}
