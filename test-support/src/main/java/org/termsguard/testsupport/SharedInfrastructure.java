package org.termsguard.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;

/**
 * One Kafka and one PostgreSQL per test JVM, started on first use and stopped when the JVM exits, so every
 * {@code @QuarkusTest} class of a module shares them instead of paying their start-up again.
 */
public final class SharedInfrastructure {

    private static final Logger LOG = Logger.getLogger(SharedInfrastructure.class);

    private static KafkaServer kafka;
    private static PostgresServer postgres;
    private static Boolean dockerAvailable;

    private SharedInfrastructure() {}

    /**
     * Where the servers started in this JVM are published. Quarkus loads test resources anew for each test
     * profile, so static fields alone would start a second broker and database after every restart of the
     * application (and a restart test would find its data gone).
     */
    static final String SHARED_KAFKA = "termsguard.test.shared.kafka";

    static final String SHARED_POSTGRES = "termsguard.test.shared.postgres";

    public static synchronized KafkaServer kafka() {
        if (kafka == null && System.getProperty(SHARED_KAFKA) != null) {
            kafka = new ExternalKafka(System.getProperty(SHARED_KAFKA));
        }
        if (kafka == null) {
            Settings settings = Settings.fromSystem();
            String external = settings.get(ExternalKafka.PROPERTY, ExternalKafka.ENV);
            InfraMode mode = InfraMode.requested(settings)
                    .resolve("Kafka", external != null && !external.isBlank(), SharedInfrastructure::dockerAvailable);
            long started = System.nanoTime();
            kafka = switch (mode) {
                case EMBEDDED -> EmbeddedKafka.start();
                case CONTAINERS -> ContainerKafka.start();
                case EXTERNAL -> new ExternalKafka(external.trim());
                case AUTO -> throw new AssertionError("resolve() never answers AUTO");
            };
            String cluster = describeCluster(kafka.bootstrapServers());
            LOG.infof(
                    "Test infrastructure (mode %s): %s; %s; ready in %d ms",
                    mode, kafka.description(), cluster, elapsedMillis(started));
            stopAtExit(kafka);
            System.setProperty(SHARED_KAFKA, kafka.bootstrapServers());
        }
        return kafka;
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null && System.getProperty(SHARED_POSTGRES) != null) {
            postgres = ExternalPostgres.parse(System.getProperty(SHARED_POSTGRES));
        }
        if (postgres == null) {
            Settings settings = Settings.fromSystem();
            String external = settings.get(ExternalPostgres.PROPERTY, ExternalPostgres.ENV);
            InfraMode mode = InfraMode.requested(settings)
                    .resolve(
                            "PostgreSQL",
                            external != null && !external.isBlank(),
                            SharedInfrastructure::dockerAvailable);
            long started = System.nanoTime();
            postgres = switch (mode) {
                case EMBEDDED -> ZonkyPostgres.start();
                case CONTAINERS -> ContainerPostgres.start();
                case EXTERNAL -> ExternalPostgres.parse(external.trim());
                case AUTO -> throw new AssertionError("resolve() never answers AUTO");
            };
            LOG.infof(
                    "Test infrastructure (mode %s): %s, server says \"%s\"; ready in %d ms",
                    mode, postgres.description(), postgres.serverVersion(), elapsedMillis(started));
            stopAtExit(postgres);
            System.setProperty(
                    SHARED_POSTGRES,
                    "postgresql://" + postgres.username() + ":" + postgres.password() + "@" + postgres.host() + ":"
                            + postgres.port());
        }
        return postgres;
    }

    private static boolean dockerAvailable() {
        if (dockerAvailable == null) {
            try {
                // Testcontainers logs a page of errors when it finds no engine; skip it when none can be there.
                boolean engineConfigured = System.getenv("DOCKER_HOST") != null
                        || Files.exists(Path.of("/var/run/docker.sock"))
                        || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
                dockerAvailable =
                        engineConfigured && DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                dockerAvailable = false;
            }
            LOG.infof("Docker engine %s", dockerAvailable ? "answers" : "does not answer");
        }
        return dockerAvailable;
    }

    /** Asks the cluster itself, so a broker that only pretends to be up fails here and not in a test. */
    private static String describeCluster(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) Duration.ofSeconds(30).toMillis()))) {
            var cluster = admin.describeCluster();
            String id = cluster.clusterId().get(30, TimeUnit.SECONDS);
            int nodes = cluster.nodes().get(30, TimeUnit.SECONDS).size();
            return "cluster " + id + " answers with " + nodes + " node(s)";
        } catch (Exception e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " does not answer", e);
        }
    }

    private static void stopAtExit(AutoCloseable server) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                // The JVM is exiting; a server that will not stop cleanly is reaped with it.
            }
        }));
    }

    private static long elapsedMillis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
