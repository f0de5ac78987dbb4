package org.termsguard.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.termsguard.bench.system.BenchOwner;
import org.termsguard.localstack.EmbeddedDatabase;
import org.termsguard.localstack.KafkaProcess;
import org.termsguard.localstack.RunningStack;
import org.termsguard.localstack.Service;

/**
 * Faults against the stack {@code ./termsguard up} started, each with steady traffic and checked by the
 * {@link Oracle}: policy-service killed twice (F1), the broker killed and paused (F2), PostgreSQL stopped abruptly
 * (F3), poison records on both input topics (F4), a failing webhook receiver (F5, also checked by the
 * {@link NoticeOracle}), a second policy-service joining mid-run (F6), a three-broker cluster losing one broker and
 * then two (F7). Writes {@code faults.md}; exits non-zero when any fault lost or
 * double-counted anything.
 *
 * <p>Arguments: {@code quick|full}, the output directory, and optionally the faults to run, e.g. {@code F3,F7}.
 */
public final class FaultSuite {

    record Plan(long events, Duration pause) {}

    private final RunningStack stack;
    private final Oracle oracle;
    private final String key;
    private final Plan plan;
    private final List<Oracle.Outcome> outcomes = new ArrayList<>();
    private final List<String> dlq = new ArrayList<>();

    private FaultSuite(RunningStack stack, String key, Plan plan) {
        this.stack = stack;
        this.oracle = new Oracle("localhost", stack.postgresPort());
        this.key = key;
        this.plan = plan;
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "quick";
        Path out = Path.of(args.length > 1 ? args[1] : "reliability/results");
        Plan plan = mode.equals("full")
                ? new Plan(100_000, Duration.ofSeconds(60))
                : new Plan(15_000, Duration.ofSeconds(10));
        RunningStack stack = new RunningStack(
                Path.of(System.getProperty("termsguard.root", ".")).toAbsolutePath());
        FaultSuite suite = new FaultSuite(stack, BenchOwner.setUp(stack), plan);
        // A third argument picks faults by number, e.g. "F3,F6".
        List<String> only = args.length > 2
                ? List.of(args[2].split(","))
                : List.of("F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "B6");
        if (only.contains("F1")) {
            suite.policyKilledTwice();
        }
        if (only.contains("F2")) {
            suite.brokerKilled();
            suite.brokerPaused();
        }
        if (only.contains("F3")) {
            suite.databaseStopped();
        }
        if (only.contains("F4")) {
            suite.poisonRecords();
        }
        if (only.contains("F5")) {
            suite.flakyReceiver();
        }
        if (only.contains("F6")) {
            suite.secondPolicyInstance();
        }
        if (only.contains("F7")) {
            suite.brokerCluster();
        }
        if (only.contains("F8")) {
            suite.producerRetries();
        }
        if (only.contains("F9")) {
            suite.refusedByTheDatabase();
        }
        if (only.contains("B6")) {
            suite.hostile = new HostileAccessLog(stack).run();
            say("B6 hostile access log: "
                    + (suite.hostile.holds() ? "notice structure held" : suite.hostile.findings()));
        }
        boolean held = suite.outcomes.stream().allMatch(Oracle.Outcome::holds)
                && suite.dlqExact
                && suite.refused.stream().allMatch(RefusedRecords.Count::exact)
                && suite.readinessDown != Boolean.FALSE
                && (suite.notices == null || suite.notices.holds())
                && (suite.hostile == null || suite.hostile.holds())
                && suite.clusterRefusals != 0;
        Files.createDirectories(out);
        // A chosen subset reports beside the whole suite's faults.md (e.g. faults-f8-f9.md), never over it.
        String file =
                args.length > 2 ? "faults-" + String.join("-", only).toLowerCase(Locale.ROOT) + ".md" : "faults.md";
        Files.writeString(out.resolve(file), suite.report(mode, Instant.now()));
        say("report: " + out.resolve(file) + (held ? " — every fault survived" : " — LOSS OR DUPLICATES"));
        System.exit(held ? 0 : 1);
    }

    private boolean dlqExact = true;
    private HostileAccessLog.Outcome hostile;

    /** F1: {@code kill -9} policy-service at a third and at two thirds of the run, restarting it each time. */
    void policyKilledTwice() throws Exception {
        run("F1 policy-service killed (-9) twice mid-run", "two kill -9, each restarted at once", traffic -> {
            for (int third = 1; third <= 2; third++) {
                awaitAcknowledged(traffic, plan.events() * third / 3);
                List<String> command = stack.kill("policy");
                say("killed policy-service; restarting");
                stack.start(Service.POLICY, command);
            }
        });
    }

    /** F2: {@code kill -9} the broker; ingest must refuse (503) rather than acknowledge while it is gone. */
    void brokerKilled() throws Exception {
        run("F2 broker killed (-9), restarted after 10 s", "kill -9 of the only broker", traffic -> {
            awaitAcknowledged(traffic, plan.events() / 3);
            List<String> command = stack.kill("kafka");
            say("killed the broker");
            Thread.sleep(10_000);
            stack.spawn("kafka", "kafka", command);
            awaitBroker();
            say("broker back");
        });
    }

    /** F2: {@code SIGSTOP} the broker (a hung machine: connections stay open, nothing answers), then SIGCONT. */
    void brokerPaused() throws Exception {
        run("F2 broker paused (SIGSTOP) for " + plan.pause().toSeconds() + " s", "SIGSTOP, SIGCONT", traffic -> {
            awaitAcknowledged(traffic, plan.events() / 3);
            stack.signal("kafka", "STOP");
            say("broker paused");
            Thread.sleep(plan.pause().toMillis());
            stack.signal("kafka", "CONT");
            say("broker resumed");
        });
    }

    /**
     * F3: PostgreSQL stopped abruptly (SIGQUIT to the postmaster: immediate shutdown, no checkpoint) and started
     * again after 10 s. policy-service's readiness must go DOWN meanwhile; nothing may be lost.
     */
    void databaseStopped() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean sawDown = new java.util.concurrent.atomic.AtomicBoolean();
        run("F3 PostgreSQL stopped abruptly, started after 10 s", "immediate shutdown (SIGQUIT)", traffic -> {
            awaitAcknowledged(traffic, plan.events() / 3);
            stack.signal("postgres", "QUIT");
            say("PostgreSQL stopped");
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < until) {
                if (!stack.ready(Service.POLICY.url() + "/q/health/ready")) {
                    sawDown.set(true);
                }
                Thread.sleep(250);
            }
            restartDatabase();
            awaitDatabase();
            say("PostgreSQL back; policy-service readiness was DOWN meanwhile: " + sawDown.get());
        });
        readinessDown = sawDown.get();
    }

    /** Whether policy-service's readiness went DOWN during F3; null when F3 did not run. */
    private Boolean readinessDown;

    /** As the launcher starts it: the embedded server on the stack's data directory and port. */
    private void restartDatabase() throws java.io.IOException {
        stack.record(
                "postgres",
                EmbeddedDatabase.start(
                        stack.state().resolve("postgres"),
                        stack.postgresPort(),
                        stack.state().resolve("logs").resolve("postgres.log")));
    }

    private void awaitDatabase() throws InterruptedException {
        long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < until) {
            try (var c = java.sql.DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + stack.postgresPort() + "/policy", "postgres", "postgres")) {
                return;
            } catch (java.sql.SQLException e) {
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("PostgreSQL did not come back");
    }

    /** F4: unreadable bytes and well-formed records of the wrong shape on each input topic, amid real traffic. */
    void poisonRecords() throws Exception {
        String marker = "poison-" + Long.toString(System.nanoTime(), 36);
        run(
                "F4 poison records on access-events and violations",
                "100 per topic: 50 unreadable, 50 wrong shape",
                traffic -> {
                    awaitAcknowledged(traffic, plan.events() / 3);
                    poison(marker, "access-events");
                    poison(marker, "violations");
                });
        for (String topic : List.of("access-events", "violations")) {
            long letters = deadLetters(topic + ".dlq", marker);
            dlq.add(String.format(
                    Locale.ENGLISH,
                    "| `%s` | 100 | %d | %s |",
                    topic + ".dlq",
                    letters,
                    letters == 100 ? "exact" : "**wrong**"));
            dlqExact &= letters == 100;
        }
    }

    private static final int F5_MAX_ATTEMPTS = 4;
    private static final String F5_SECRET = "f5-webhook-secret";
    private NoticeOracle.Outcome notices;

    /**
     * F5: every incident of a run is due a notice at a webhook receiver that answers 500, hangs, resets the
     * connection and answers slowly, by delivery id. alert-service runs meanwhile with four attempts, a 2 s timeout
     * and backoff from 1 s (an operator's settings for a flaky receiver; the defaults would take minutes), and is
     * restarted with its own command line afterwards.
     */
    void flakyReceiver() throws Exception {
        List<String> original = stack.stop("alert");
        List<String> flaky = new ArrayList<>(original);
        flaky.addAll(
                1,
                List.of(
                        "-Dtermsguard.alert.deliveries.max-attempts=" + F5_MAX_ATTEMPTS,
                        "-Dtermsguard.alert.deliveries.backoff-base=PT1S",
                        "-Dtermsguard.alert.deliveries.backoff-max=PT4S",
                        "-Dtermsguard.alert.deliveries.timeout=PT2S"));
        stack.start(Service.ALERT, flaky);
        try (FlakyReceiver receiver = new FlakyReceiver(Duration.ofSeconds(4), F5_SECRET)) {
            String target = receiver.url("/hooks/" + Long.toString(System.nanoTime(), 36));
            route("[{\"type\":\"webhook\",\"url\":\"" + target + "\",\"secret\":\"" + F5_SECRET + "\"}]");
            String run = run(
                    "F5 webhook receiver: 500, hang, reset, slow",
                    "60 incidents, each due one notice",
                    60,
                    traffic -> {});
            notices = new NoticeOracle(
                            "jdbc:postgresql://localhost:" + stack.postgresPort() + "/",
                            stack.bootstrapServers(),
                            F5_MAX_ATTEMPTS,
                            Duration.ofSeconds(2),
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(4))
                    .settle(run, target, receiver, Duration.ofMinutes(2));
            say("notices: " + notices + (notices.holds() ? " HOLDS" : " BROKEN"));
        } finally {
            route("[]");
            stack.stop("alert");
            stack.start(Service.ALERT, original);
        }
    }

    private void route(String receivers) throws Exception {
        stack.call(
                "PUT",
                Service.ALERT.url() + "/v1/owners/" + BenchOwner.OWNER + "/routes",
                "{\"groupWait\":\"PT0S\",\"groupInterval\":\"PT1H\",\"repeatInterval\":\"PT24H\","
                        + "\"resolveAfter\":\"PT24H\",\"receivers\":" + receivers + "}",
                200);
    }

    /** F6: a second policy-service joins the consumer group mid-run (rebalance) and leaves before the end. */
    void secondPolicyInstance() throws Exception {
        run("F6 second policy-service joins mid-run", "rebalance in, rebalance out", traffic -> {
            awaitAcknowledged(traffic, plan.events() / 3);
            List<String> command = new ArrayList<>();
            for (String arg : stack.commandLine("policy")) {
                command.add(arg.startsWith("-Dquarkus.http.port=") ? "-Dquarkus.http.port=8092" : arg);
            }
            stack.start("policy-2", command);
            say("second policy-service up");
            awaitAcknowledged(traffic, plan.events() * 2 / 3);
            stack.stop("policy-2");
            say("second policy-service stopped");
        });
    }

    /** F8's second owner, whose producer chooses the same event ids as {@link BenchOwner#OWNER}'s. */
    static final String SECOND_OWNER = "bench-b";

    private String retries;

    /**
     * F8: producers that retry. Two owners whose producers use the same event ids; every event sent 1, 2 or 3
     * times (the second copy in the very next request, so both land in one consumed batch; the third 3 s later, in
     * a later batch). Expected: every (owner, eventId) judged, metered and, when unlicensed, alerted exactly once.
     */
    void producerRetries() throws Exception {
        BenchOwner.setUpOwner(stack, SECOND_OWNER);
        String retryKey = producerKey("faults-retries", List.of(BenchOwner.OWNER, SECOND_OWNER));
        List<String> owners = List.of(BenchOwner.OWNER, SECOND_OWNER);
        String run = newRun();
        // Half the plan's ids, each for both owners: as many distinct events as another fault's run.
        long ids = plan.events() / 2;
        Traffic.Retries delay = new Traffic.Retries(Duration.ofSeconds(3));
        java.util.concurrent.atomic.AtomicReference<Traffic> seen = new java.util.concurrent.atomic.AtomicReference<>();
        judge(
                "F8 producer retries: each event 1-3 times, ids shared by two owners",
                "2nd copy in the next request, 3rd after 3 s",
                owners,
                stack.bootstrapServers(),
                F8_F9_BOUND,
                true,
                () -> {
                    Traffic traffic = new Traffic(Service.INGEST.url(), run, retryKey, owners, 100, ids, 7, delay);
                    seen.set(traffic);
                    return traffic;
                },
                traffic -> {});
        Traffic traffic = seen.get();
        retries = String.format(
                Locale.ENGLISH,
                "%,d distinct events (%,d ids × %d owners) sent as %,d copies: %,d once, %,d twice, %,d three times",
                traffic.distinct.get(),
                ids,
                owners.size(),
                traffic.sent.get(),
                traffic.byCopies[1].get(),
                traffic.byCopies[2].get(),
                traffic.byCopies[3].get());
        say(retries);
    }

    /** A producer key for {@code owners}, created once per stack. */
    private String producerKey(String producerId, List<String> owners) throws Exception {
        String list = "[\"" + String.join("\",\"", owners) + "\"]";
        String created = stack.call(
                "POST",
                Service.INGEST.url() + "/v1/producers",
                "{\"producerId\":\"" + producerId + "\",\"name\":\"Retrying producer\",\"owners\":" + list + "}",
                201,
                409);
        com.fasterxml.jackson.databind.JsonNode answer = org.termsguard.localstack.RunningStack.JSON.readTree(created);
        if (!answer.has("apiKey")) {
            answer = org.termsguard.localstack.RunningStack.JSON.readTree(stack.call(
                    "POST",
                    Service.INGEST.url() + "/v1/producers/" + producerId + "/keys",
                    "{\"owners\":" + list + "}",
                    201));
        }
        return answer.get("apiKey").asText();
    }

    private final List<RefusedRecords.Count> refused = new ArrayList<>();
    private int refusedPerKind;

    /**
     * F9: records that read fine but that PostgreSQL refuses (values too long, a NUL, a numeric overflow), a known
     * number of each kind, written straight to {@code access-events} and {@code violations} one at a time amid the
     * traffic. Expected: exactly that many dead letters per kind with the database's reason, and every good event
     * judged and alerted within {@link #F8_F9_BOUND} of the last send.
     */
    void refusedByTheDatabase() throws Exception {
        String marker = "f9-" + Long.toString(System.nanoTime(), 36);
        boolean quick = plan.events() < 100_000;
        // Isolating one refused record costs policy-service about log2(batch) transactions (0.75 s a record here):
        // enough of them to cross many batches, few enough that the backlog clears within the bound.
        refusedPerKind = quick ? 10 : 15;
        RefusedRecords records = new RefusedRecords(stack.bootstrapServers(), marker, refusedPerKind);
        String run = newRun();
        List<String> owners = List.of(BenchOwner.OWNER);
        judge(
                "F9 records PostgreSQL refuses, on both consumers",
                refusedPerKind * RefusedRecords.Kind.values().length + " refused records amid the traffic",
                owners,
                stack.bootstrapServers(),
                F8_F9_BOUND,
                true,
                () -> new Traffic(Service.INGEST.url(), run, key, owners, 100, plan.events(), 7, null),
                traffic -> {
                    awaitAcknowledged(traffic, plan.events() / 4);
                    records.send(Duration.ofMillis(quick ? 20 : 200));
                    say("refused records sent");
                });
        refused.addAll(records.deadLetters(Duration.ofSeconds(60)));
        refused.forEach(c -> say(c.kind() + ": " + c.letters() + " of " + c.sent() + " " + c.byReason()));
    }

    private long clusterRefusals = -1;

    /**
     * F7: a three-node KRaft cluster (each node broker and controller; replication 3, {@code min.insync.replicas}
     * 2) with a second ingest-service and policy-service on it. One node killed under load and started again: no
     * loss. Two killed: ingest must refuse (503) and acknowledge nothing it cannot keep; after they return every
     * acknowledged event is evaluated once. alert-service stays on the stack's own broker, so this oracle stops at
     * evaluation and metering.
     */
    void brokerCluster() throws Exception {
        Path home = stack.state().resolve("kafka-cluster");
        deleteTree(home);
        List<KafkaProcess> nodes = KafkaProcess.startCluster(home, 3);
        try {
            for (int i = 0; i < nodes.size(); i++) {
                stack.record("kafka-node-" + (i + 1), nodes.get(i).pid());
            }
            String bootstrap = String.join(
                    ",", nodes.stream().map(KafkaProcess::bootstrapServers).toList());
            say("three-node cluster up at " + bootstrap);
            stack.start("ingest-cluster", onCluster(stack.commandLine("ingest"), 8091, bootstrap));
            stack.start("policy-cluster", onCluster(stack.commandLine("policy"), 8093, bootstrap));
            String ingest = "http://localhost:8091";
            run(
                    "F7 one of three brokers killed (-9)",
                    "replication 3, min.insync 2",
                    ingest,
                    bootstrap,
                    7,
                    false,
                    traffic -> {
                        awaitAcknowledged(traffic, plan.events() / 3);
                        nodes.get(0).kill();
                        say("killed broker 1 of 3");
                        awaitAcknowledged(traffic, plan.events() * 2 / 3);
                        nodes.get(0).startAgain();
                        stack.record("kafka-node-1", nodes.get(0).pid());
                        say("broker 1 back");
                    });
            // Longer than the 60 s a consumer lets a record wait by default before it gives up on its channel: a
            // full run with 60 s found policy-service stopping for good after such an outage.
            Duration outage = Duration.ofSeconds(70);
            run(
                    "F7 two of three brokers killed (-9) for " + outage.toSeconds() + " s",
                    "no quorum, no in-sync minimum",
                    ingest,
                    bootstrap,
                    7,
                    false,
                    traffic -> {
                        awaitAcknowledged(traffic, plan.events() / 3);
                        long refusedBefore = refusals(traffic);
                        nodes.get(1).kill();
                        nodes.get(2).kill();
                        say("killed brokers 2 and 3 of 3");
                        Thread.sleep(outage.toMillis());
                        clusterRefusals = refusals(traffic) - refusedBefore;
                        nodes.get(1).launch();
                        nodes.get(2).launch();
                        nodes.get(1).awaitAnswer(Duration.ofSeconds(90));
                        nodes.get(2).awaitAnswer(Duration.ofSeconds(90));
                        stack.record("kafka-node-2", nodes.get(1).pid());
                        stack.record("kafka-node-3", nodes.get(2).pid());
                        say("brokers 2 and 3 back; refusals meanwhile: " + clusterRefusals);
                    });
        } finally {
            for (String service : List.of("ingest-cluster", "policy-cluster")) {
                try {
                    stack.stop(service);
                } catch (Exception e) {
                    say(service + " was not running: " + e.getMessage());
                }
            }
            nodes.forEach(KafkaProcess::kill);
        }
    }

    private static long refusals(Traffic traffic) {
        return traffic.otherAnswers.values().stream()
                .mapToLong(java.util.concurrent.atomic.AtomicLong::get)
                .sum();
    }

    /** A service's command line, moved to {@code port} and the cluster, creating topics with three replicas. */
    private static List<String> onCluster(List<String> command, int port, String bootstrap) {
        List<String> moved = new ArrayList<>();
        for (String arg : command) {
            if (arg.startsWith("-Dquarkus.http.port=")) {
                moved.add("-Dquarkus.http.port=" + port);
            } else if (arg.startsWith("-Dkafka.bootstrap.servers=")) {
                moved.add("-Dkafka.bootstrap.servers=" + bootstrap);
            } else {
                moved.add(arg);
            }
        }
        moved.add(1, "-Dtermsguard.topics.replication-factor=3");
        return moved;
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    interface Fault {
        void inject(Traffic traffic) throws Exception;
    }

    /** How long after the last send every acknowledged event must have gone all the way through (F1-F7). */
    private static final Duration BOUND = Duration.ofMinutes(3);

    /** F8's and F9's bound: neither stops the system, so every event is through within this after the last send. */
    static final Duration F8_F9_BOUND = Duration.ofSeconds(60);

    private void run(String name, String notes, Fault fault) throws Exception {
        run(name, notes, 7, fault);
    }

    private String run(String name, String notes, int consumers, Fault fault) throws Exception {
        return run(name, notes, Service.INGEST.url(), stack.bootstrapServers(), consumers, true, fault);
    }

    /**
     * One fault under traffic whose violations come from {@code consumers} consumers, through the ingest at {@code
     * ingest} onto the broker at {@code bootstrap}; answers the run's id.
     */
    private String run(
            String name,
            String notes,
            String ingest,
            String bootstrap,
            int consumers,
            boolean throughAlerts,
            Fault fault)
            throws Exception {
        String run = newRun();
        List<String> owners = List.of(BenchOwner.OWNER);
        judge(
                name,
                notes,
                owners,
                bootstrap,
                BOUND,
                throughAlerts,
                () -> new Traffic(ingest, run, key, owners, 100, plan.events(), consumers, null),
                fault);
        return run;
    }

    interface TrafficStart {
        Traffic start() throws Exception;
    }

    private Oracle.Outcome judge(
            String name,
            String notes,
            List<String> owners,
            String bootstrap,
            Duration bound,
            boolean throughAlerts,
            TrafficStart start,
            Fault fault)
            throws Exception {
        say(name);
        Oracle.Baseline baseline = oracle.begin(owners, bootstrap);
        try (Traffic traffic = start.start()) {
            fault.inject(traffic);
            traffic.finish();
            Oracle.Outcome outcome = oracle.settle(name, traffic, baseline, bound, notes, throughAlerts, bootstrap);
            outcomes.add(outcome);
            say(outcome + (outcome.holds() ? " HOLDS" : " BROKEN"));
            return outcome;
        }
    }

    private static String newRun() {
        return "r" + Long.toString(System.nanoTime(), 36);
    }

    private void awaitAcknowledged(Traffic traffic, long count) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (traffic.acknowledged.size() < count && System.nanoTime() < until) {
            Thread.sleep(100);
        }
    }

    private void awaitBroker() throws InterruptedException {
        long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < until) {
            try (Admin admin = Admin.create(adminConfig())) {
                admin.describeCluster().nodes().get(2, java.util.concurrent.TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the broker did not come back");
    }

    private Properties adminConfig() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        return config;
    }

    private void poison(String marker, String topic) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 100; i++) {
                byte[] value = i % 2 == 0
                        ? new byte[] {(byte) 0xff, 0x00, (byte) 0xfe, '{', (byte) i}
                        : ("{\"unexpected\":" + i + ",\"shape\":[1,2,3]}").getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, marker + "/" + i, value))
                        .get();
            }
        }
    }

    /** Dead letters whose key carries {@code marker}, each with its reason header, read to the topic's end. */
    private long deadLetters(String topic, String marker) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long found = 0;
        while (System.nanoTime() < until) {
            found = 0;
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                var end = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    for (var record : consumer.poll(Duration.ofMillis(500))) {
                        if (record.key() != null
                                && record.key().startsWith(marker + "/")
                                && record.headers().lastHeader("dead-letter-reason") != null) {
                            found++;
                        }
                    }
                }
            }
            if (found >= 100) {
                return found;
            }
            Thread.sleep(1000);
        }
        return found;
    }

    private String report(String mode, Instant at) {
        StringBuilder md = new StringBuilder("# Reliability: faults survived, nothing lost\n\n");
        md.append(String.format(
                Locale.ENGLISH,
                "Generated %s by `reliability/run%s` on %d cores against the stack as separate processes on loopback"
                        + " (KRaft broker, PostgreSQL, ingest, policy, alert). Traffic: batches of 100 events through"
                        + " ingest every 20 ms, one in five AI training without a license (a violation). The oracle"
                        + " compares sets of events, each (owner, eventId), from five independent sources: the"
                        + " client's (acknowledged, 202), `access-events` read back, policy's ledger"
                        + " (`processed_event`), `violations` read back and alert-service's `violation` table."
                        + " It holds when acknowledged ⊆ on the topic = evaluated once; metered records = evaluated"
                        + " events (one record each); violations on the topic = violations stored = evaluated"
                        + " unlicensed events, once each; incident members = violations; and all of it within the"
                        + " bound after the last send (otherwise the run stalled).%n%n",
                at,
                mode.equals("full") ? "" : " --quick",
                Runtime.getRuntime().availableProcessors()));
        md.append(
                "| fault | sent (copies) | distinct events | acknowledged | on `access-events` | evaluated | **lost** |"
                        + " evaluated, not acknowledged | on topic, not evaluated | metered / expected |"
                        + " violations on topic / expected | violations stored / expected | duplicate violations |"
                        + " incident members | other set mismatches | settled after last send (bound) |"
                        + " other answers (status: count) | slowest refusal | verdict |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|\n");
        long sent = 0;
        long lost = 0;
        long duplicates = 0;
        long stalled = 0;
        for (Oracle.Outcome o : outcomes) {
            sent += o.sent();
            lost += o.lost() + o.onTopicNotEvaluated();
            duplicates += o.duplicateViolations() + Math.max(0, o.metered() - o.meteredExpected());
            stalled += o.stalled() ? 1 : 0;
            md.append(String.format(
                    Locale.ENGLISH,
                    "| %s | %,d | %,d | %,d | %,d | %,d | %d | %d | %d | %,d / %,d | %,d / %,d | %s | %s | %s | %d | %s |"
                            + " %s | %,d ms | %s |%n",
                    o.fault(),
                    o.sent(),
                    o.distinct(),
                    o.acknowledged(),
                    o.onTopic(),
                    o.evaluated(),
                    o.lost(),
                    o.evaluatedNotAcknowledged(),
                    o.onTopicNotEvaluated(),
                    o.metered(),
                    o.meteredExpected(),
                    o.violationsOnTopic(),
                    o.violationsExpected(),
                    o.throughAlerts()
                            ? String.format(Locale.ENGLISH, "%,d / %,d", o.violations(), o.violationsExpected())
                            : "n/a (cluster)",
                    o.throughAlerts() ? Long.toString(o.duplicateViolations()) : "n/a",
                    o.throughAlerts() ? String.format(Locale.ENGLISH, "%,d", o.incidentMembers()) : "n/a",
                    o.acknowledgedNotOnTopic()
                            + o.evaluatedNotOnTopic()
                            + o.violationsTopicMismatch()
                            + o.violationsMismatch(),
                    o.settledMs() < 0
                            ? "**not within " + o.bound().toSeconds() + " s**"
                            : String.format(
                                    Locale.ENGLISH,
                                    "%.1f s (%d s)",
                                    o.settledMs() / 1000.0,
                                    o.bound().toSeconds()),
                    o.refusals(),
                    o.slowestRefusalMs(),
                    o.holds() ? "held" : "**broken**"));
        }
        md.append(String.format(
                Locale.ENGLISH,
                "%nTotals: %,d events sent, %d faults injected, **%d events lost**, %d duplicates, %d stalled.%n",
                sent,
                outcomes.size(),
                lost,
                duplicates,
                stalled));
        md.append("\n\"Evaluated, not acknowledged\" are events whose batch the broker stored but whose 202 never")
                .append(" reached the client (the answer was lost in the fault): at-least-once from the producer's")
                .append(" side, evaluated once. \"Other answers\" are the refusals during the fault (503 with")
                .append(" Retry-After; 0 = the connection failed), never a false 202. \"Other set mismatches\" sums")
                .append(" acknowledged but not on the topic, evaluated but not on the topic, and the symmetric")
                .append(" differences of the violations on the topic and stored with the evaluated unlicensed")
                .append(" events. \"Settled\" is from the last answer to the traffic until every source agreed.\n");
        if (retries != null) {
            md.append("\n## Producer retries (F8)\n\n")
                    .append(retries)
                    .append(". Every owner's batch carries the same event ids (`")
                    .append(BenchOwner.OWNER)
                    .append("` and `")
                    .append(SECOND_OWNER)
                    .append("`, one producer key for both); a second copy goes in the request right after its")
                    .append(" original (ingest refuses one request repeating an id), a third 3 s later amid later")
                    .append(" events. Expected: metered = distinct events, violations = distinct unlicensed events,")
                    .append(" each once per owner.\n");
        }
        if (hostile != null) {
            md.append("\n## Hostile access log, end to end (B6)\n\n")
                    .append(
                            "Access-log lines whose paths and user agents carry Markdown emphasis, links, images, tables,")
                    .append(
                            " raw HTML and a script, uploaded through ingest (`POST /v1/access-logs`), judged by policy,")
                    .append(
                            " grouped by alert-service; the Markdown and HTML notices parsed (CommonMark, jsoup) and held")
                    .append(
                            " to the template's structure: its five sections once each, one estimated fee, no element a")
                    .append(" value made. ")
                    .append(
                            hostile.holds()
                                    ? "**Held**: " + hostile.lines() + " lines, notice readable "
                                            + hostile.millisToNotice() + " ms after the upload.\n"
                                    : "**Broken**: " + hostile.findings() + "\n");
        }
        if (readinessDown != null) {
            md.append(
                    readinessDown
                            ? "\nDuring F3, policy-service's readiness (`/q/health/ready`) answered DOWN while PostgreSQL was away.\n"
                            : "\n**During F3, policy-service's readiness never went DOWN.**\n");
        }
        if (notices != null) {
            md.append("\n## Notices to a failing webhook receiver (F5)\n\n")
                    .append("Notices due = delivered + dead-lettered. The receiver treats each delivery by its id: ")
                    .append("accepts it; answers 500 twice; never answers the first attempt (the sender times out")
                    .append(" after 2 s); resets the first attempt's connection; answers after 1 s; answers 500 to")
                    .append(" every attempt (must end on `alerts.dlq` after ")
                    .append(F5_MAX_ATTEMPTS)
                    .append(" attempts).\n\n")
                    .append(
                            "| incidents | notices due | delivered | dead-lettered | pending (lost) | on `alerts.dlq` |"
                                    + " attempts | every attempt signed | bad signatures (HMAC-SHA256 recomputed) |"
                                    + " deliveries by behaviour | mean wait before attempt n |"
                                    + " mismatches | verdict |\n|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---|---:|---|\n")
                    .append(String.format(
                            Locale.ENGLISH,
                            "| %d | %d | %d | %d | %d | %d | %d | %s | %d | %s | %s | %d | %s |%n",
                            notices.incidents(),
                            notices.due(),
                            notices.delivered(),
                            notices.deadLettered(),
                            notices.pending(),
                            notices.onDlq(),
                            notices.attempts(),
                            notices.allSigned() ? "yes" : "**no**",
                            notices.badSignatures(),
                            notices.byBehaviour(),
                            waits(notices.meanWaitBeforeAttemptMs()),
                            notices.mismatches().size(),
                            notices.holds() ? "held" : "**broken**"));
            notices.mismatches().forEach(m -> md.append("\n- ").append(m));
        }
        if (!dlq.isEmpty()) {
            md.append(
                            "\n## Poison records (F4)\n\n| dead-letter topic | poison records sent | dead letters with a reason |"
                                    + " |\n|---|---:|---:|---|\n")
                    .append(String.join("\n", dlq))
                    .append("\n");
        }
        if (!refused.isEmpty()) {
            md.append("\n## Records PostgreSQL refuses (F9)\n\n")
                    .append(refusedPerKind)
                    .append(" of each kind, valid JSON of the right shape in CloudEvents binary mode, written straight")
                    .append(" to the topic one at a time amid the traffic (ingest refuses such values at the front")
                    .append(" door). Each must end on the topic's `.dlq` exactly once, with the database's reason.\n\n")
                    .append("| topic | record | SQLSTATE expected | sent | dead letters | by reason | verdict |\n")
                    .append("|---|---|---|---:|---:|---|---|\n");
            for (RefusedRecords.Count c : refused) {
                List<String> reasons = new ArrayList<>();
                c.byReason().forEach((reason, n) -> reasons.add(String.format(Locale.ENGLISH, "%d × `%s`", n, reason)));
                md.append(String.format(
                        Locale.ENGLISH,
                        "| `%s` | %s | %s | %d | %d | %s | %s |%n",
                        c.kind().topic,
                        c.kind().description,
                        c.kind().expectedState,
                        c.sent(),
                        c.letters(),
                        reasons.isEmpty() ? "none" : String.join("; ", reasons),
                        c.exact() ? "exact" : "**wrong**"));
            }
        }
        return md.toString();
    }

    private static String waits(java.util.Map<Integer, Double> means) {
        List<String> parts = new ArrayList<>();
        means.forEach((attempt, ms) -> parts.add(String.format(Locale.ENGLISH, "%d: %.1f s", attempt, ms / 1000)));
        return String.join(", ", parts);
    }

    static void say(String line) {
        System.out.println("[faults] " + line);
    }
}
