package org.termsguard.bench.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.termsguard.localstack.RunningStack;

/** Writes the system benchmark's Markdown report and its chart: every figure beside its reference and target. */
final class SystemReport {

    record Target(String name, String measured, String target, double achieved, boolean met, String note) {}

    private SystemReport() {}

    static void write(SystemBenchmark.Measured m, Path out, Instant at) throws IOException {
        List<Target> targets = targets(m, out);
        StringBuilder md = new StringBuilder();
        md.append("# System benchmark: ingest, pipeline, latency and memory beside Kafka's own limit\n\n")
                .append(String.format(
                        Locale.ENGLISH,
                        "Generated %s by `bench/run%s` on %d cores, %s %s, everything on one machine (broker,"
                                + " PostgreSQL, the three services and the load generator share the cores). Each"
                                + " figure is compared with a reference measured in the same run.%n%n",
                        at,
                        m.mode().equals("full") ? "" : " --" + m.mode(),
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.vm.name"),
                        System.getProperty("java.version")))
                .append("![Each target's share achieved, and throughput beside Kafka's limit](system.png)\n\n")
                .append("## Targets\n\n| figure | measured | target | share of target | |\n|---|---:|---:|---:|---|\n");
        for (Target t : targets) {
            md.append(String.format(
                    Locale.ENGLISH,
                    "| %s | %s | %s | %.0f %% | %s |%n",
                    t.name(),
                    t.measured(),
                    t.target(),
                    100 * t.achieved(),
                    t.met() ? "met" : "**missed** — " + t.note()));
        }

        double edcRatio = engineRatio(out, ".edc");
        if (edcRatio > 0) {
            md.append(String.format(
                    Locale.ENGLISH,
                    "%nBeside the Eclipse Dataspace Connector's ODRL engine in the same JMH run, at 100 licenses:"
                            + " %.0f× its rate (no target; see [engine.md](engine.md)).%n",
                    edcRatio));
        }

        var k = m.kafka();
        md.append("\n## Kafka's limit (reference)\n\n")
                .append("`ProducerPerformance` and `ConsumerPerformance` from `org.apache.kafka:kafka-tools`, 500-byte")
                .append(" records, 3 partitions, the producer settings ingest-service uses (acks=all, idempotence,")
                .append(" linger.ms=5, batch.size=256 KiB).\n\n| | records/s | |\n|---|---:|---|\n")
                .append(row(
                        "producer",
                        k.producerRecordsPerSecond(),
                        String.format(Locale.ENGLISH, "p99 %.0f ms", k.producerP99Ms())))
                .append(row("consumer (fetch rate)", k.consumerRecordsPerSecond(), ""));

        md.append("\n## Ingest\n\nClosed loop (a fixed number of requests in flight; each 202 means Kafka has the")
                .append(" events), events of ~500 bytes, after a 2 s warm-up, with policy-service stopped so that")
                .append(" ingest is measured alone as Kafka's producer was. The load generators share the two cores:")
                .append(" wrk (`bench/wrk/single-event.lua`) for single events, a Java HttpClient for batches and for")
                .append(" access-log uploads (1,000 lines of ~300 bytes a request, a line an event, one in ten a")
                .append(" crawler's: `AccessLogLines`).\n\n")
                .append(
                        "| endpoint | in flight | events/request | events/s | ÷ Kafka producer | request p50 | request p99 | failed |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        List<IngestLoad.Result> ingestRows = new java.util.ArrayList<>(List.of(m.single(), m.batch()));
        ingestRows.addAll(m.accessLogs());
        for (IngestLoad.Result r : ingestRows) {
            md.append(String.format(
                    Locale.ENGLISH,
                    "| `%s` | %d | %d | %,.0f | %.0f %% | %.1f ms | %.1f ms | %d |%n",
                    r.endpoint(),
                    r.inFlight(),
                    r.eventsPerRequest(),
                    r.eventsPerSecond(),
                    100 * r.eventsPerSecond() / k.producerRecordsPerSecond(),
                    r.p50Ms(),
                    r.p99Ms(),
                    r.failures()));
        }
        profile(md, "ingest-service during the batch load", m.ingestProfile());

        var d = m.drain();
        md.append("\n## Pipeline drain\n\n")
                .append(String.format(
                        Locale.ENGLISH,
                        "policy-service is stopped before the ingest phases; their events and %,d more written"
                                + " directly to `access-events` (one in ten of those AI training without a license, so"
                                + " a violation; the rest a licensee's metered use) make a backlog of %,d events."
                                + " Started again with its own command line, policy-service drains it at %,.0f"
                                + " events/s, from its first commit to zero lag (%.1f s), metering every event. A plain"
                                + " consumer (`ConsumerPerformance`) reads the same topic at %,.0f records/s: the"
                                + " drain is %.0f %% of it.%n",
                        d.violating() * 10,
                        d.events(),
                        d.eventsPerSecond(),
                        d.seconds(),
                        m.rawConsumerOnAccessEvents(),
                        100 * d.eventsPerSecond() / m.rawConsumerOnAccessEvents()));

        md.append("\n## End-to-end latency\n\nOpen loop: a batch every 10 ms at the offered rate, whatever the")
                .append(" answers. Per event, from ingest's 202 to its violation on `violations`; twice a second a")
                .append(" probe from a consumer never seen before, from its 202 to the `opened` alert on `alerts`")
                .append(" (route groupWait 0).\n\n")
                .append(
                        "| offered events/s | accepted events/s | events | missing | 202→violation p50 | p99 | probes | 202→alert p50 | p99 |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (EndToEndLatency.Result r : m.latencies()) {
            md.append(String.format(
                    Locale.ENGLISH,
                    "| %,d | %,.0f | %,d | %d | %.0f ms | %.0f ms | %d | %.0f ms | %.0f ms |%n",
                    r.offeredPerSecond(),
                    r.achievedPerSecond(),
                    r.events(),
                    r.missing(),
                    r.violationP50Ms(),
                    r.violationP99Ms(),
                    r.probes(),
                    r.alertP50Ms(),
                    r.alertP99Ms()));
        }
        profile(md, "policy-service at 2,000 events/s", m.policyProfile());

        md.append("\n## Memory (RSS)\n\n| service | idle | highest under load |\n|---|---:|---:|\n");
        for (String service : ResidentMemory.SERVICES) {
            md.append(String.format(
                    Locale.ENGLISH,
                    "| %s-service | %d MB | %d MB |%n",
                    service,
                    m.idleRss().get(service) >> 20,
                    m.loadRss().get(service) >> 20));
        }
        md.append("\nThe launcher runs each service with a 192 MB heap, the serial collector and bounded metaspace,")
                .append(" code cache and direct memory (`LocalStack`); the rest of the resident set is thread stacks,")
                .append(" JIT-compiled code and the Kafka clients' buffers.\n");
        Files.writeString(out.resolve("system.md"), md.toString());
        chart(m, targets, out.resolve("system.png"));
    }

    private static List<Target> targets(SystemBenchmark.Measured m, Path out) throws IOException {
        List<Target> targets = new ArrayList<>();
        double producer = m.kafka().producerRecordsPerSecond();
        double batchShare = m.batch().eventsPerSecond() / producer;
        targets.add(new Target(
                "ingest batch ÷ Kafka producer",
                pct(batchShare),
                "≥ 70 %",
                batchShare / 0.70,
                batchShare >= 0.70,
                String.format(Locale.ENGLISH, "%.0f points short; see the ingest profile", 100 * (0.70 - batchShare))));
        double singleShare = m.single().eventsPerSecond() / producer;
        targets.add(new Target(
                "ingest single-event ÷ Kafka producer",
                pct(singleShare),
                "≥ 25 %",
                singleShare / 0.25,
                singleShare >= 0.25,
                String.format(
                        Locale.ENGLISH,
                        "%.0f points short: one HTTP request and one broker acknowledgement per event",
                        100 * (0.25 - singleShare))));
        double drain = m.drain().eventsPerSecond();
        targets.add(new Target(
                "policy drain, metering and violations on",
                String.format(Locale.ENGLISH, "%,.0f/s", drain),
                "≥ 50,000/s",
                drain / 50_000,
                drain >= 50_000,
                String.format(Locale.ENGLISH, "%.1f× short; see the policy profile", 50_000 / drain)));
        Path engine = out.resolve("engine.json");
        if (Files.exists(engine)) {
            double termsguard = 0;
            double cedar = 0;
            double edc = 0;
            for (JsonNode run : RunningStack.JSON.readTree(engine.toFile())) {
                if (run.path("params").path("licenses").asInt() == 100) {
                    double score = run.path("primaryMetric").path("score").asDouble();
                    String benchmark = run.path("benchmark").asText();
                    if (benchmark.endsWith(".termsguard")) {
                        termsguard = score;
                    } else if (benchmark.endsWith(".cedar")) {
                        cedar = score;
                    } else if (benchmark.endsWith(".edc")) {
                        edc = score;
                    }
                }
            }
            targets.add(new Target(
                    "engine decisions/s per thread, 100 licenses",
                    String.format(Locale.ENGLISH, "%,.0f", termsguard),
                    "≥ 1,000,000",
                    termsguard / 1_000_000,
                    termsguard >= 1_000_000,
                    "see engine.md"));
            targets.add(new Target(
                    "engine ÷ Cedar, same JMH run",
                    String.format(Locale.ENGLISH, "%.0f×", termsguard / cedar),
                    "≥ 50×",
                    termsguard / cedar / 50,
                    termsguard / cedar >= 50,
                    "see engine.md"));
        }
        m.latencies().stream()
                .filter(r -> r.offeredPerSecond() == 2_000)
                .findFirst()
                .ifPresent(r -> {
                    targets.add(new Target(
                            "202→violation p99 at 2,000 events/s",
                            String.format(Locale.ENGLISH, "%.0f ms", r.violationP99Ms()),
                            "< 100 ms",
                            100 / Math.max(r.violationP99Ms(), 1),
                            r.violationP99Ms() < 100,
                            String.format(Locale.ENGLISH, "%.0f ms over", r.violationP99Ms() - 100)));
                    targets.add(new Target(
                            "202→alert p99 at 2,000 events/s",
                            String.format(Locale.ENGLISH, "%.0f ms", r.alertP99Ms()),
                            "< 100 ms",
                            100 / Math.max(r.alertP99Ms(), 1),
                            r.alertP99Ms() < 100,
                            String.format(Locale.ENGLISH, "%.0f ms over", r.alertP99Ms() - 100)));
                });
        long lost = m.latencies().stream()
                .mapToLong(EndToEndLatency.Result::missing)
                .sum();
        targets.add(new Target(
                "acknowledged events without their violation or alert",
                Long.toString(lost),
                "0",
                lost == 0 ? 1 : 0,
                lost == 0,
                "events were lost"));
        long worst =
                m.loadRss().values().stream().mapToLong(Long::longValue).max().orElse(0);
        String which = m.loadRss().entrySet().stream()
                .filter(e -> e.getValue() == worst)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse("?");
        targets.add(new Target(
                "highest RSS under load (" + which + "-service)",
                (worst >> 20) + " MB",
                "≤ 300 MB",
                300.0 / Math.max(1, worst >> 20),
                (worst >> 20) <= 300,
                String.format(Locale.ENGLISH, "%d MB over", (worst >> 20) - 300)));
        return targets;
    }

    /** Termsguard's engine rate ÷ a peer's at 100 licenses in engine.json; 0 when absent. */
    private static double engineRatio(Path out, String peerSuffix) throws IOException {
        Path engine = out.resolve("engine.json");
        if (!Files.exists(engine)) {
            return 0;
        }
        double termsguard = 0;
        double peer = 0;
        for (JsonNode run : RunningStack.JSON.readTree(engine.toFile())) {
            if (run.path("params").path("licenses").asInt() == 100) {
                String benchmark = run.path("benchmark").asText();
                double score = run.path("primaryMetric").path("score").asDouble();
                if (benchmark.endsWith(".termsguard")) {
                    termsguard = score;
                } else if (benchmark.endsWith(peerSuffix)) {
                    peer = score;
                }
            }
        }
        return peer == 0 ? 0 : termsguard / peer;
    }

    private static void profile(StringBuilder md, String what, List<JfrProfile.Hot> hot) {
        if (hot.isEmpty()) {
            return;
        }
        md.append("\nJFR profile of ")
                .append(what)
                .append(", methods most often on top of the stack:\n\n")
                .append("| method | share of samples |\n|---|---:|\n");
        hot.forEach(h -> md.append(String.format(Locale.ENGLISH, "| `%s` | %.1f %% |%n", h.method(), h.share())));
    }

    private static void chart(SystemBenchmark.Measured m, List<Target> targets, Path file) throws IOException {
        CategoryChart achieved = new CategoryChartBuilder()
                .width(1100)
                .height(520)
                .title("Share of each target achieved (100 % = met)")
                .yAxisTitle("% of target")
                .build();
        achieved.getStyler().setLegendVisible(false);
        achieved.getStyler().setXAxisLabelRotation(20);
        achieved.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        achieved.getStyler().setPlotGridVerticalLinesVisible(false);
        achieved.getStyler().setLabelsVisible(true);
        achieved.getStyler().setYAxisMax(200.0);
        achieved.addSeries(
                "achieved",
                targets.stream().map(Target::name).map(SystemReport::shortName).toList(),
                targets.stream()
                        .map(t -> (double) Math.round(Math.min(200, 100 * t.achieved())))
                        .toList());
        achieved.getStyler().setSeriesColors(new java.awt.Color[] {new java.awt.Color(11, 92, 173)});
        achieved.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        BitmapEncoder.saveBitmap(achieved, file.toString().replaceAll("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
    }

    private static String shortName(String name) {
        return name.replace("ingest single-event ÷ Kafka producer", "ingest single ÷ Kafka")
                .replace("ingest batch ÷ Kafka producer", "ingest batch ÷ Kafka")
                .replace("policy drain, metering and violations on", "policy drain")
                .replace("engine decisions/s per thread, 100 licenses", "engine /s")
                .replace("engine ÷ Cedar, same JMH run", "engine ÷ Cedar")
                .replace("202→violation p99 at 2,000 events/s", "p99 → violation")
                .replace("202→alert p99 at 2,000 events/s", "p99 → alert")
                .replace("acknowledged events without their violation or alert", "nothing lost")
                .replaceAll("highest RSS under load.*", "RSS ≤ 300 MB");
    }

    private static String pct(double share) {
        return String.format(Locale.ENGLISH, "%.0f %%", 100 * share);
    }

    private static String row(String name, double perSecond, String note) {
        return String.format(Locale.ENGLISH, "| %s | %,.0f | %s |%n", name, perSecond, note);
    }
}
