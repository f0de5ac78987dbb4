package org.termsguard.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * A genuine single-node KRaft broker (broker and controller roles) in a JVM of its own, started from the Kafka
 * jars on Maven Central. Unlike the in-JVM broker it can be stopped, killed and started again on the same ports
 * and data, which is what outage tests need.
 */
public final class KafkaProcess implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "/termsguard-kafka-broker.classpath";

    private final Path directory;
    private final Path properties;
    private final int port;
    private Process process;

    private KafkaProcess(Path directory, int port, int controllerPort) throws IOException {
        this.directory = directory;
        this.port = port;
        this.properties = directory.resolve("server.properties");
        Files.writeString(
                properties,
                String.join(
                        "\n",
                        "process.roles=broker,controller",
                        "node.id=1",
                        "controller.quorum.voters=1@localhost:" + controllerPort,
                        "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                        "advertised.listeners=PLAINTEXT://localhost:" + port,
                        "controller.listener.names=CONTROLLER",
                        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "inter.broker.listener.name=PLAINTEXT",
                        "log.dirs=" + directory.resolve("data"),
                        "auto.create.topics.enable=false",
                        "num.partitions=1",
                        "offsets.topic.replication.factor=1",
                        "offsets.topic.num.partitions=5",
                        "transaction.state.log.replication.factor=1",
                        "transaction.state.log.min.isr=1",
                        "group.initial.rebalance.delay.ms=0",
                        ""));
    }

    /** Formats a fresh data directory and starts the broker on free ports; it is killed when this JVM exits. */
    public static KafkaProcess start(Path directory) {
        try {
            KafkaProcess kafka = start(directory, freePort(), freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::kill));
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("The Kafka broker process did not start", e);
        }
    }

    /**
     * Formats {@code directory} (unless it holds a broker already) and starts the broker on the given ports, in a
     * session of its own so that it outlives this JVM: the launcher's {@code up} returns and the broker runs on.
     */
    public static KafkaProcess start(Path directory, int port, int controllerPort) {
        try {
            Files.createDirectories(directory);
            KafkaProcess kafka = new KafkaProcess(directory, port, controllerPort);
            if (!Files.exists(directory.resolve("data").resolve("meta.properties"))) {
                kafka.run(
                                "kafka.tools.StorageTool",
                                "format",
                                "-t",
                                Uuid.randomUuid().toString(),
                                "-c",
                                kafka.properties.toString())
                        .waitFor(60, TimeUnit.SECONDS);
            }
            kafka.startAgain();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("The Kafka broker process did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the stopped broker again on the same ports and data; returns once it answers. */
    public synchronized void startAgain() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = run("kafka.Kafka", properties.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitAnswer(Duration.ofSeconds(60));
    }

    /** Stops the broker as an operator would (SIGTERM, controlled shutdown) and waits for it to exit. */
    public synchronized void stop() {
        end(false);
    }

    /** Kills the broker (SIGKILL), as a crash would. */
    public synchronized void kill() {
        end(true);
    }

    /** The broker's process id, for a launcher that stops it later from another JVM. */
    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public String description() {
        return "Apache Kafka " + AppInfoParser.getVersion() + " broker process (KRaft, pid "
                + (process == null ? "-" : process.pid()) + ") at " + bootstrapServers() + ", data in " + directory;
    }

    @Override
    public void close() {
        kill();
    }

    private void end(boolean forcibly) {
        if (process == null || !process.isAlive()) {
            return;
        }
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Process run(String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            // Its own session: Ctrl-C in the terminal that started it reaches the launcher, which stops it cleanly.
            command.add("/usr/bin/setsid");
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m",
                "-Xmx512m",
                "-cp",
                brokerClasspath(),
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        directory.resolve("broker.log").toFile()))
                .start();
    }

    private void awaitAnswer(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Kafka broker exited with " + process.exitValue() + "; see "
                        + directory.resolve("broker.log"));
            }
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000))) {
                if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
        }
        throw new IllegalStateException(
                "The Kafka broker at " + bootstrapServers() + " did not answer in " + timeout, last);
    }

    private static String brokerClasspath() throws IOException {
        try (InputStream in = KafkaProcess.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing; build test-support with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
