package org.termsguard.localstack;

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

    private KafkaProcess(Path directory, int port, List<String> settings) throws IOException {
        this.directory = directory;
        this.port = port;
        this.properties = directory.resolve("server.properties");
        Files.writeString(properties, String.join("\n", settings) + "\n");
    }

    /** Settings of node {@code nodeId} of a KRaft cluster whose nodes are all broker and controller. */
    private static List<String> settings(
            Path directory, int nodeId, int port, int controllerPort, String voters, int replicas) {
        int minInSync = Math.min(2, replicas);
        return List.of(
                "process.roles=broker,controller",
                "node.id=" + nodeId,
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + directory.resolve("data"),
                "auto.create.topics.enable=false",
                "num.partitions=1",
                "default.replication.factor=" + replicas,
                "min.insync.replicas=" + minInSync,
                "offsets.topic.replication.factor=" + replicas,
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=" + replicas,
                "transaction.state.log.min.isr=" + minInSync,
                "group.initial.rebalance.delay.ms=0");
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
            KafkaProcess kafka = new KafkaProcess(
                    directory, port, settings(directory, 1, port, controllerPort, "1@localhost:" + controllerPort, 1));
            kafka.format(Uuid.randomUuid().toString());
            kafka.startAgain();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("The Kafka broker process did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A KRaft cluster of {@code size} nodes (each broker and controller) in {@code directory}/node-N, with
     * replication {@code size} and {@code min.insync.replicas} 2 by default; returns once every node answers. A
     * node alone cannot start (it waits for a quorum), so all are launched before any is awaited.
     */
    public static List<KafkaProcess> startCluster(Path directory, int size) {
        try {
            List<Integer> ports = new ArrayList<>();
            List<Integer> controllerPorts = new ArrayList<>();
            List<String> voters = new ArrayList<>();
            for (int node = 1; node <= size; node++) {
                ports.add(freePort());
                controllerPorts.add(freePort());
                voters.add(node + "@localhost:" + controllerPorts.get(node - 1));
            }
            String clusterId = Uuid.randomUuid().toString();
            List<KafkaProcess> nodes = new ArrayList<>();
            for (int node = 1; node <= size; node++) {
                Path home = directory.resolve("node-" + node);
                Files.createDirectories(home);
                KafkaProcess kafka = new KafkaProcess(
                        home,
                        ports.get(node - 1),
                        settings(
                                home,
                                node,
                                ports.get(node - 1),
                                controllerPorts.get(node - 1),
                                String.join(",", voters),
                                size));
                kafka.format(clusterId);
                kafka.process = kafka.run("kafka.Kafka", kafka.properties.toString());
                nodes.add(kafka);
            }
            for (KafkaProcess node : nodes) {
                node.awaitAnswer(Duration.ofSeconds(90));
            }
            return nodes;
        } catch (IOException e) {
            throw new UncheckedIOException("The Kafka cluster did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void format(String clusterId) throws IOException, InterruptedException {
        if (!Files.exists(directory.resolve("data").resolve("meta.properties"))) {
            run("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", properties.toString())
                    .waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** Starts the stopped broker again on the same ports and data; returns once it answers. */
    public synchronized void startAgain() {
        launch();
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

    /** Starts the stopped broker again without waiting: a node of a cluster may need its peers to answer. */
    public synchronized void launch() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = run("kafka.Kafka", properties.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the broker answers a metadata request. */
    public void awaitAnswer(Duration timeout) {
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
