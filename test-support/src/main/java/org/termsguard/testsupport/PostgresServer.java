package org.termsguard.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A running PostgreSQL server the tests talk to; each service gets a database of its own on it. */
public interface PostgresServer extends AutoCloseable {

    String host();

    int port();

    String username();

    String password();

    /** The database that always exists and from which others are created. */
    default String maintenanceDatabase() {
        return "postgres";
    }

    /** How it was started, for the log. */
    String description();

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    default String reactiveUrl(String database) {
        return "postgresql://" + host() + ":" + port() + "/" + database;
    }

    default Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), username(), password());
    }

    /** Asks the server itself, so the log shows what really runs. */
    default String serverVersion() {
        try (var connection = connect(maintenanceDatabase());
                var result = connection.createStatement().executeQuery("select version()")) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host() + ":" + port() + " does not answer", e);
        }
    }

    default void createDatabaseIfMissing(String database) {
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (var connection = connect(maintenanceDatabase());
                var check = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            check.setString(1, database);
            try (var result = check.executeQuery()) {
                if (!result.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("create database " + database);
                    }
                }
            }
        } catch (SQLException e) {
            // A concurrent test JVM may have created it between the check and the create.
            if (!"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("Could not create database " + database, e);
            }
        }
    }

    @Override
    void close();
}
