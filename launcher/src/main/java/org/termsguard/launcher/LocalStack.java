package org.termsguard.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.termsguard.localstack.EmbeddedDatabase;
import org.termsguard.localstack.KafkaProcess;
import org.termsguard.localstack.Service;
import org.termsguard.localstack.StackState;

/**
 * The whole stack on this machine, as separate processes whose pids and ports live in {@code .termsguard/}: a
 * KRaft broker, PostgreSQL (embedded, unless {@code TERMSGUARD_DB_URL} names one), and the three services.
 *
 * <p>The services listen on loopback only unless {@link Main}'s {@code --listen} says otherwise (issue #17: anyone on
 * the network reached them, and through the login-free dashboard as a platform admin). Listening wider turns the
 * login-free dashboard off: the demo token is then not handed to alert-service at all.
 */
final class LocalStack {

    static final List<Service> SERVICES = List.of(Service.values());

    /** Where the services listen unless told otherwise. */
    static final String LOOPBACK = "127.0.0.1";

    private final Path root;
    /** The local TSA's root, in {@code .termsguard/}: what alert-service checks the tokens against. */
    static final String TSA_ROOTS = "tsa-roots.pem";

    private final Path state;
    private final Path logs;
    private final String listen;
    /** The port of the TSA this launcher started, 0 when it started none (command lines built for tests). */
    private int tsaPort;

    private final Api api = new Api();

    LocalStack(Path root) {
        this(root, LOOPBACK);
    }

    /** {@code listen}: the address the services bind, a loopback address or a wildcard ({@link Main#listen}). */
    LocalStack(Path root, String listen) {
        this.root = root;
        this.state = root.resolve(".termsguard");
        this.logs = state.resolve("logs");
        this.listen = listen;
    }

    String listen() {
        return listen;
    }

    /** Whether the services are reachable from this machine only, so the demo may skip the login. */
    boolean loopbackOnly() {
        try {
            return java.net.InetAddress.getByName(listen).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    Path state() {
        return state;
    }

    Keys keys() {
        return new Keys(state.resolve("jwt"));
    }

    void up() throws IOException, SQLException {
        if (status(false)) {
            say("The stack is already up.");
            return;
        }
        Files.createDirectories(logs);
        keys().ensure();
        for (Service service : SERVICES) {
            Path jar = service.jar(root);
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing; build first (./termsguard does it for you)");
            }
        }
        Map<String, Long> pids = new LinkedHashMap<>();

        int kafkaPort = free(9092);
        say("Starting Kafka (KRaft broker process) on localhost:" + kafkaPort + " ...");
        KafkaProcess kafka = KafkaProcess.start(state.resolve("kafka"), kafkaPort, KafkaProcess.freePort());
        pids.put("kafka", kafka.pid());

        int postgresPort = free(15432);
        Database database = database(pids, postgresPort);
        say("PostgreSQL: " + database.description());

        tsaPort = KafkaProcess.freePort();
        say("Starting the local Time-Stamping Authority (RFC 3161) on 127.0.0.1:" + tsaPort + " ...");
        pids.put("tsa", startTsa(tsaPort).pid());

        List<Process> services = new ArrayList<>();
        for (Service service : SERVICES) {
            services.add(startService(service, kafka.bootstrapServers(), database));
            pids.put(service.id(), services.get(services.size() - 1).pid());
        }
        new StackState(pids, kafka.bootstrapServers(), database.port()).write(state);

        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        for (Service service : SERVICES) {
            say("Waiting for " + service.id() + "-service on " + service.url() + " ...");
            while (!api.ready(service.health())) {
                Process process = services.get(SERVICES.indexOf(service));
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(service.id() + "-service did not become ready; see "
                            + logs.resolve(service.id() + "-service.log"));
                }
                pause(Duration.ofMillis(500));
            }
        }
        say("Up. Logs: " + logs);
    }

    /** Where PostgreSQL is: the one TERMSGUARD_DB_URL names, or an embedded server started now. */
    private Database database(Map<String, Long> pids, int port) throws IOException, SQLException {
        String given = System.getenv("TERMSGUARD_DB_URL");
        Database database;
        if (given != null && !given.isBlank()) {
            database = Database.parse(given);
        } else {
            Path data = state.resolve("postgres");
            say("Starting PostgreSQL (embedded, zonky) on localhost:" + port + " ...");
            pids.put("postgres", EmbeddedDatabase.start(data, port, logs.resolve("postgres.log")));
            database = new Database("localhost", port, "postgres", "postgres");
        }
        try (var connection =
                DriverManager.getConnection(database.jdbc("postgres"), database.user(), database.password())) {
            for (Service service : SERVICES) {
                try (var check = connection.createStatement();
                        var found = check.executeQuery(
                                "select 1 from pg_database where datname = '" + service.id() + "'")) {
                    if (!found.next()) {
                        connection.createStatement().execute("create database " + service.id());
                    }
                }
            }
        }
        return database;
    }

    /** A PostgreSQL server and the credentials the services use on it. */
    record Database(String host, int port, String user, String password) {
        static Database parse(String url) {
            var uri = java.net.URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
            String[] info = uri.getUserInfo() == null
                    ? new String[] {"postgres", ""}
                    : uri.getUserInfo().split(":", 2);
            return new Database(
                    uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), info[0], info.length > 1 ? info[1] : "");
        }

        String jdbc(String name) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        String reactive(String name) {
            return "postgresql://" + host + ":" + port + "/" + name;
        }

        String description() {
            return host + ":" + port;
        }
    }

    /**
     * The evidence log's local TSA, a process of its own like Kafka (it outlives {@code up}); returns once it has
     * written the root its tokens chain to, which alert-service trusts.
     */
    private Process startTsa(int port) throws IOException {
        Path roots = state.resolve(TSA_ROOTS);
        Files.deleteIfExists(roots);
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "org.termsguard.localstack.LocalTsa",
                Integer.toString(port),
                roots.toString(),
                // Kept like the evidence-log key: checkpoints stamped before a restart must still verify.
                state.resolve("tsa.p12").toString()));
        Process tsa = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(logs.resolve("tsa.log").toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(roots)) {
            if (!tsa.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the local TSA did not start; see " + logs.resolve("tsa.log"));
            }
            pause(Duration.ofMillis(100));
        }
        return tsa;
    }

    private Process startService(Service service, String kafka, Database db) throws IOException {
        List<String> command = command(service, kafka, db);
        say("Starting " + service.id() + "-service on " + service.url()
                + (loopbackOnly() ? "" : " (listening on " + listen + ")") + " ...");
        ProcessBuilder process = new ProcessBuilder(command);
        // glibc gives each thread that mallocs its own 64 MB arena; two are plenty for a JVM and keep RSS down.
        process.environment().put("MALLOC_ARENA_MAX", "2");
        return process.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        logs.resolve(service.id() + "-service.log").toFile()))
                .start();
    }

    /** The command line that starts {@code service}; the demo token in it is minted with {@link #keys()}. */
    List<String> command(Service service, String kafka, Database db) throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Sized for ≤ 300 MB resident under load (bench/results/system.md): a 192 MB heap, the serial
                // collector (no concurrent-GC threads and remembered sets on 2 cores), bounded metaspace, code cache
                // and direct buffers.
                "-Xms32m",
                "-Xmx192m",
                "-XX:+UseSerialGC",
                "-XX:MaxMetaspaceSize=128m",
                "-XX:ReservedCodeCacheSize=64m",
                "-XX:MaxDirectMemorySize=64m",
                "-Xss512k",
                "-Dquarkus.http.host=" + listen,
                "-Dquarkus.http.port=" + service.port(),
                "-Dkafka.bootstrap.servers=" + kafka,
                "-Dquarkus.datasource.username=" + db.user(),
                "-Dquarkus.datasource.password=" + db.password(),
                "-Dquarkus.datasource.jdbc.url=" + db.jdbc(service.id()),
                "-Dquarkus.datasource.reactive.url=" + db.reactive(service.id()),
                "-Dmp.jwt.verify.publickey.location=" + keys().publicKey().toAbsolutePath(),
                "-Dmp.jwt.verify.issuer=" + Keys.ISSUER,
                "-Dtermsguard.topics.partitions=3",
                "-Dtermsguard.alert.webhooks.allow-http=true",
                "-Dtermsguard.alert.webhooks.allowed-ranges=127.0.0.0/8,::1/128",
                "-Dtermsguard.alert.default-route.group-wait=PT2S",
                "-Dquarkus.mailer.mock=true"));
        if (service.id().equals("alert")) {
            command.add("-Dquarkus.rest-client.policy.url=" + Service.POLICY.url());
            command.add("-Dtermsguard.alert.secrets.key=" + SecretsKey.in(state));
            command.add("-Dtermsguard.alert.evidence.log-key=" + SecretsKey.evidenceIn(state));
            command.add("-Dtermsguard.alert.evidence.origin=" + SecretsKey.EVIDENCE_ORIGIN);
            // Every few seconds rather than every minute, so that the demo's notice is issued without a wait.
            command.add("-Dtermsguard.alert.evidence.checkpoint-interval=PT5S");
            if (tsaPort > 0) {
                command.add("-Dtermsguard.alert.evidence.tsa-url=http://127.0.0.1:" + tsaPort + "/");
                command.add("-Dtermsguard.alert.evidence.tsa-trust=" + state.resolve(TSA_ROOTS));
            }
            if (loopbackOnly()) {
                // The local demo is the one place the dashboard opens without a login (the demo profile allows it,
                // and DashboardSession still hands the token to loopback callers only).
                command.addAll(List.of(
                        "-Dquarkus.profile=prod,demo",
                        "-Dtermsguard.alert.dashboard.demo-token="
                                + keys().token(
                                                "demo-dashboard",
                                                Set.of("platform-admin"),
                                                List.of(),
                                                Duration.ofDays(1))));
            } else {
                // Reachable from the network: no token that acts as a platform admin without a login.
                command.add("-Dquarkus.profile=prod");
            }
        }
        command.addAll(List.of("-jar", service.jar(root).toString()));
        return command;
    }

    /** Stops everything {@code up} started, services first, and waits for each process to be gone. */
    void down() throws IOException {
        Optional<StackState> running = StackState.read(state);
        if (running.isEmpty()) {
            say("Nothing to stop.");
            return;
        }
        // Extra processes (e.g. a second policy-service the fault suite started) stop first, the broker and the
        // database last.
        for (String name : running.get().stopOrder()) {
            stop(name, running.get().pid(name));
        }
        StackState.delete(state);
        say("Stopped.");
    }

    private void stop(String name, long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return;
        }
        say("Stopping " + name + " (pid " + pid + ") ...");
        handle.get().destroy();
        try {
            handle.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.get().destroyForcibly();
        }
    }

    /** Prints what runs; true when every part is up. */
    boolean status(boolean print) throws IOException {
        Optional<StackState> running = StackState.read(state);
        if (running.isEmpty()) {
            if (print) {
                say("Down.");
            }
            return false;
        }
        boolean all = true;
        for (var process : running.get().pids().entrySet()) {
            boolean alive = ProcessHandle.of(process.getValue())
                    .map(ProcessHandle::isAlive)
                    .orElse(false);
            all &= alive;
            if (print) {
                say(String.format(
                        "%-9s pid %-8d %s", process.getKey(), process.getValue(), alive ? "running" : "gone"));
            }
        }
        for (Service service : SERVICES) {
            boolean ready = api.ready(service.health());
            all &= ready;
            if (print) {
                say(String.format("%-9s %s %s", service.id(), service.url(), ready ? "ready" : "not ready"));
            }
        }
        return all;
    }

    private static int free(int preferred) throws IOException {
        try (var socket = new java.net.ServerSocket(preferred)) {
            return preferred;
        } catch (IOException taken) {
            return KafkaProcess.freePort();
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void say(String line) {
        System.out.println(line);
    }
}
