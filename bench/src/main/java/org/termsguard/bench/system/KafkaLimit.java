package org.termsguard.bench.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The reference every figure is divided by: Kafka's own {@code ProducerPerformance} and
 * {@code ConsumerPerformance} (kafka-tools) against the same broker, 500-byte records, with the producer settings
 * ingest-service uses (acks=all, idempotence, linger.ms=5, batch.size=256 KiB), each in its own JVM as a user
 * would run them.
 */
final class KafkaLimit {

    record Result(double producerRecordsPerSecond, double producerP99Ms, double consumerRecordsPerSecond) {}

    static final Map<String, String> INGEST_PRODUCER_SETTINGS =
            Map.of("acks", "all", "enable.idempotence", "true", "linger.ms", "5", "batch.size", "262144");
    private static final Pattern PRODUCED =
            Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec .*?([\\d.]+) ms 99th");

    private KafkaLimit() {}

    static Result measure(String bootstrap, int records, int partitions) throws Exception {
        String topic = "bench-kafka-limit-" + System.nanoTime();
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
        }
        List<String> producer = new ArrayList<>(List.of(
                "--topic",
                topic,
                "--num-records",
                Integer.toString(records),
                "--record-size",
                "500",
                "--throughput",
                "-1",
                "--producer-props",
                "bootstrap.servers=" + bootstrap));
        INGEST_PRODUCER_SETTINGS.forEach((k, v) -> producer.add(k + "=" + v));
        String produced = run("org.apache.kafka.tools.ProducerPerformance", producer);
        Matcher p = PRODUCED.matcher(lastLine(produced, "records sent"));
        if (!p.find()) {
            throw new IllegalStateException("ProducerPerformance said: " + produced);
        }
        String consumed = run(
                "org.apache.kafka.tools.ConsumerPerformance",
                List.of(
                        "--bootstrap-server",
                        bootstrap,
                        "--topic",
                        topic,
                        "--messages",
                        Integer.toString(records),
                        "--timeout",
                        "60000"));
        return new Result(Double.parseDouble(p.group(2)), Double.parseDouble(p.group(3)), consumerRate(consumed));
    }

    /** Raw consumer rate of an existing topic (for the pipeline's drain ratio). */
    static double consume(String bootstrap, String topic, long records) throws IOException, InterruptedException {
        return consumerRate(run(
                "org.apache.kafka.tools.ConsumerPerformance",
                List.of(
                        "--bootstrap-server",
                        bootstrap,
                        "--topic",
                        topic,
                        "--messages",
                        Long.toString(records),
                        "--timeout",
                        "60000")));
    }

    /** fetch.nMsg.sec: records per second while fetching, the group's join excluded. */
    private static double consumerRate(String output) {
        String[] lines = output.strip().split("\n");
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].contains("fetch.nMsg.sec")) {
                List<String> header = List.of(lines[i].strip().split(",\\s*"));
                // Warnings may come between the header and the figures.
                for (int j = i + 1; j < lines.length; j++) {
                    String[] values = lines[j].strip().split(",\\s*");
                    if (values.length == header.size()) {
                        return Double.parseDouble(values[header.indexOf("fetch.nMsg.sec")]);
                    }
                }
            }
        }
        throw new IllegalStateException("ConsumerPerformance said: " + output);
    }

    private static String lastLine(String output, String containing) {
        String found = "";
        for (String line : output.split("\n")) {
            if (line.contains(containing)) {
                found = line;
            }
        }
        return found;
    }

    private static String run(String mainClass, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(mainClass + " failed: " + output);
        }
        return output;
    }
}
