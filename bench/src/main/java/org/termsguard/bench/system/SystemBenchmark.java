package org.termsguard.bench.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.termsguard.localstack.RunningStack;

/**
 * The system half of {@code bench/run}: against the stack {@code ./termsguard up} started, measures Kafka's own
 * limit, ingest's endpoints as a share of it, policy-service's drain rate, end-to-end latency at fixed rates and each
 * service's memory, then writes {@code system.md} and {@code system.png}.
 *
 * <p>Arguments: {@code quick|full|smoke} and the output directory; the engine's JMH result ({@code engine.json})
 * is read from the same directory when it is there.
 */
public final class SystemBenchmark {

    record Plan(int kafkaRecords, Duration ingestFor, long drainEvents, List<Integer> rates, Duration rateFor) {}

    static final Map<String, Plan> PLANS = Map.of(
            "full",
                    new Plan(
                            1_000_000,
                            Duration.ofSeconds(30),
                            1_000_000,
                            List.of(500, 2_000, 10_000),
                            Duration.ofSeconds(30)),
            "quick",
                    new Plan(
                            200_000,
                            Duration.ofSeconds(6),
                            100_000,
                            List.of(500, 2_000, 10_000),
                            Duration.ofSeconds(6)),
            "smoke", new Plan(20_000, Duration.ofSeconds(2), 20_000, List.of(500, 2_000), Duration.ofSeconds(2)));

    /** Everything measured, for the report. */
    record Measured(
            String mode,
            KafkaLimit.Result kafka,
            IngestLoad.Result single,
            IngestLoad.Result batch,
            List<IngestLoad.Result> accessLogs,
            PipelineDrain.Result drain,
            double rawConsumerOnAccessEvents,
            List<EndToEndLatency.Result> latencies,
            Map<String, Long> idleRss,
            Map<String, Long> loadRss,
            List<JfrProfile.Hot> ingestProfile,
            List<JfrProfile.Hot> policyProfile) {}

    private SystemBenchmark() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "quick";
        Path out = Path.of(args.length > 1 ? args[1] : "bench/results");
        Plan plan = PLANS.get(mode);
        Path root = Path.of(System.getProperty("termsguard.root", ".")).toAbsolutePath();
        RunningStack stack = new RunningStack(root);
        Files.createDirectories(out);
        Path profiles = root.resolve("bench/target/profiles");

        say("bench owner and producer key");
        String key = BenchOwner.setUp(stack);
        Map<String, Long> idle = ResidentMemory.now(stack);
        say("idle RSS " + idle);

        say("Kafka's limit: ProducerPerformance and ConsumerPerformance, " + plan.kafkaRecords() + " records of 500 B");
        KafkaLimit.Result kafka = KafkaLimit.measure(stack.bootstrapServers(), plan.kafkaRecords(), 3);
        say(kafka.toString());

        ResidentMemory load = ResidentMemory.underLoad(stack);
        // Ingest is measured alone, as Kafka's producer was: policy-service waits, and what ingest accepts becomes
        // part of the backlog it drains next.
        List<String> policyCommand = stack.stop("policy");
        IngestLoad ingest = new IngestLoad(key);
        say("ingest, single-event POST, " + plan.ingestFor().toSeconds() + " s");
        IngestLoad.Result single = ingest.single(plan.ingestFor(), 64);
        say(single.toString());
        say("ingest, batch POST of 500 events, " + plan.ingestFor().toSeconds() + " s");
        IngestLoad.Result batch = ingest.batch(plan.ingestFor(), 8, 500);
        say("ingest, batch again for 5 s under JFR (memory not sampled)");
        load.pause();
        try (JfrProfile profile = JfrProfile.start(stack.pid("ingest"), profiles.resolve("ingest-batch.jfr"))) {
            ingest.batch(Duration.ofSeconds(5), 8, 500);
        }
        load.resume();
        List<JfrProfile.Hot> ingestProfile = JfrProfile.top(profiles.resolve("ingest-batch.jfr"), 12);
        say(batch.toString());
        // Issue #18: the path log shippers take, a line an event, per format beside the same run's Kafka producer.
        List<IngestLoad.Result> accessLogs = new ArrayList<>();
        for (String format : AccessLogLines.FORMATS) {
            say("ingest, access-log upload of 1,000 " + format + " lines, "
                    + plan.ingestFor().toSeconds() + " s");
            accessLogs.add(ingest.accessLogs(plan.ingestFor(), 4, 1_000, format));
            say(accessLogs.get(accessLogs.size() - 1).toString());
        }

        say("policy-service drain: the ingest phases' events plus " + plan.drainEvents() + " written directly");
        PipelineDrain.Result drain = PipelineDrain.measure(stack, policyCommand, plan.drainEvents());
        say(drain.toString());
        List<JfrProfile.Hot> policyProfile = List.of();
        double raw = KafkaLimit.consume(stack.bootstrapServers(), "access-events", plan.drainEvents());
        say("raw consumer on access-events: " + Math.round(raw) + " records/s");

        List<EndToEndLatency.Result> latencies = new ArrayList<>();
        EndToEndLatency e2e = new EndToEndLatency(stack.bootstrapServers(), key);
        for (int rate : plan.rates()) {
            say("end-to-end at " + rate + " events/s for " + plan.rateFor().toSeconds() + " s");
            latencies.add(e2e.at(rate, plan.rateFor()));
            say(latencies.get(latencies.size() - 1).toString());
        }
        load.close();
        say("2,000 events/s again for 5 s with policy-service under JFR");
        try (JfrProfile profile = JfrProfile.start(stack.pid("policy"), profiles.resolve("policy-e2e.jfr"))) {
            e2e.at(2_000, Duration.ofSeconds(5));
        }
        policyProfile = JfrProfile.top(profiles.resolve("policy-e2e.jfr"), 12);

        Measured measured = new Measured(
                mode,
                kafka,
                single,
                batch,
                accessLogs,
                drain,
                raw,
                latencies,
                idle,
                load.peak(),
                ingestProfile,
                policyProfile);
        SystemReport.write(measured, out, Instant.now());
        say("report: " + out.resolve("system.md"));
        // The HTTP clients' executors would keep the JVM alive.
        System.exit(0);
    }

    static void say(String line) {
        System.out.println("[bench] " + line);
    }
}
