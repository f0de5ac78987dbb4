package org.termsguard.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a Quarkus test a real Kafka broker and a real PostgreSQL database of its own. Use with
 * {@code @WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value =
 * "policy"))}; every test class of a module with the same arguments shares one running application.
 */
public class KafkaAndPostgres implements QuarkusTestResourceLifecycleManager {

    /** The init arg naming the service's database; it is created when missing. */
    public static final String DATABASE = "database";

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get(DATABASE);
        if (database == null) {
            throw new IllegalArgumentException(
                    "KafkaAndPostgres needs the init arg '" + DATABASE + "' naming the service's database");
        }
    }

    @Override
    public Map<String, String> start() {
        KafkaServer kafka = SharedInfrastructure.kafka();
        PostgresServer postgres = SharedInfrastructure.postgres();
        postgres.createDatabaseIfMissing(database);
        return Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(database),
                "quarkus.datasource.username", postgres.username(),
                "quarkus.datasource.password", postgres.password());
    }

    @Override
    public void stop() {
        // The servers are shared by every test class of the JVM and stop when it exits.
    }
}
