package org.termsguard.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.termsguard.localstack.KafkaProcess;

/**
 * Gives a Quarkus test a real Kafka broker and a real PostgreSQL database of its own. Use with
 * {@code @WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value =
 * "policy"))}; every test class of a module with the same arguments shares one running application.
 */
public class KafkaAndPostgres implements QuarkusTestResourceLifecycleManager {

    /** The init arg naming the service's database; it is created when missing. */
    public static final String DATABASE = "database";

    /**
     * The init arg choosing the broker: {@code shared} (default) for the JVM's shared one, {@code process} for a
     * private {@link KafkaProcess} the test can stop and start (inject it with {@link InjectKafkaProcess}).
     */
    public static final String KAFKA = "kafka";

    private String database;
    private boolean privateBroker;
    private KafkaProcess process;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get(DATABASE);
        if (database == null) {
            throw new IllegalArgumentException(
                    "KafkaAndPostgres needs the init arg '" + DATABASE + "' naming the service's database");
        }
        privateBroker = "process".equals(initArgs.get(KAFKA));
    }

    @Override
    public Map<String, String> start() {
        KafkaServer kafka = SharedInfrastructure.kafka();
        if (privateBroker) {
            try {
                process = KafkaProcess.start(java.nio.file.Files.createTempDirectory("termsguard-kafka-"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            org.jboss.logging.Logger.getLogger(KafkaAndPostgres.class)
                    .infof("Private broker: %s", process.description());
            KafkaProcess broker = process;
            kafka = new ExternalKafka(broker.bootstrapServers());
        }
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
    public void inject(TestInjector injector) {
        if (process != null) {
            injector.injectIntoFields(
                    process, new TestInjector.AnnotatedAndMatchesType(InjectKafkaProcess.class, KafkaProcess.class));
        }
    }

    @Override
    public void stop() {
        // Shared servers stop when the JVM exits; a private broker stops with its test.
        if (process != null) {
            process.kill();
        }
    }
}
