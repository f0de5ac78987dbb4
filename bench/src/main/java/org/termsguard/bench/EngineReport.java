package org.termsguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Turns JMH's JSON result of {@link EngineBenchmark} into the Markdown report, figures next to their targets. */
public final class EngineReport {

    private EngineReport() {}

    record Figure(double opsPerSecond, double error, double bytesPerOp) {}

    public static void main(String[] args) throws IOException {
        JsonNode runs = new ObjectMapper().readTree(new File(args[0]));
        Map<Integer, Figure> termsguard = new TreeMap<>();
        Map<Integer, Figure> cedar = new TreeMap<>();
        Map<Integer, Figure> edc = new TreeMap<>();
        String jvm = "";
        for (JsonNode run : runs) {
            int licenses = run.path("params").path("licenses").asInt();
            Figure figure = new Figure(
                    run.path("primaryMetric").path("score").asDouble(),
                    run.path("primaryMetric").path("scoreError").asDouble(),
                    run.path("secondaryMetrics")
                            .path("gc.alloc.rate.norm")
                            .path("score")
                            .asDouble(Double.NaN));
            String benchmark = run.path("benchmark").asText();
            (benchmark.endsWith(".termsguard") ? termsguard : benchmark.endsWith(".edc") ? edc : cedar)
                    .put(licenses, figure);
            jvm = run.path("vmName").asText() + " " + run.path("jdkVersion").asText();
        }
        StringBuilder out = new StringBuilder();
        out.append("# Evaluation engine: decisions per second, one thread\n\n")
                .append("Generated ")
                .append(Instant.now())
                .append(" by `bench/run` on ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ")
                .append(jvm)
                .append(". JMH throughput mode, `-prof gc`; ± is JMH's 99.9 % error.\n\n")
                .append(
                        "Each decision: may consumer *c* use a resource for a purpose at a time, under an owner with N licenses.")
                .append(
                        " Termsguard's engine also resolves consumer and purpose, meters the use against the quota and explains")
                .append(
                        " every rule; Cedar (cedar-java 4.10.0, `PolicySet.cache()`) only allows or denies the same policy,")
                .append(
                        " written as one `permit` per license plus the default terms; the Eclipse Dataspace Connector's")
                .append(
                        " ODRL engine (policy-engine-lib 0.15.1) decides it as one `use` permission whose constraint is")
                .append(" an `or` of the default terms and one `and` per license, each left operand a registered")
                .append(" function. The benchmark checks before timing that all three allow a licensee's use and")
                .append(" that EDC refuses its AI training.\n\n")
                .append("| licenses | Termsguard decisions/s | B/decision | Cedar decisions/s | B/decision |"
                        + " EDC decisions/s | B/decision | Termsguard ÷ Cedar | Termsguard ÷ EDC |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int licenses : termsguard.keySet()) {
            Figure t = termsguard.get(licenses);
            Figure c = cedar.get(licenses);
            Figure e = edc.get(licenses);
            out.append(String.format(
                    Locale.ENGLISH,
                    "| %,d | %,.0f ± %,.0f | %,.0f | %s | %s | %s | %s | %s | %s |%n",
                    licenses,
                    t.opsPerSecond(),
                    t.error(),
                    t.bytesPerOp(),
                    c == null ? "-" : String.format(Locale.ENGLISH, "%,.0f ± %,.0f", c.opsPerSecond(), c.error()),
                    c == null ? "-" : String.format(Locale.ENGLISH, "%,.0f", c.bytesPerOp()),
                    e == null ? "-" : String.format(Locale.ENGLISH, "%,.0f ± %,.0f", e.opsPerSecond(), e.error()),
                    e == null ? "-" : String.format(Locale.ENGLISH, "%,.0f", e.bytesPerOp()),
                    c == null ? "-" : String.format(Locale.ENGLISH, "%,.0f×", t.opsPerSecond() / c.opsPerSecond()),
                    e == null ? "-" : String.format(Locale.ENGLISH, "%,.0f×", t.opsPerSecond() / e.opsPerSecond())));
        }
        Figure at100 = termsguard.get(100);
        Figure cedar100 = cedar.get(100);
        if (at100 != null) {
            out.append("\n## Targets (issue: benchmarks)\n\n| target | measured | |\n|---|---:|---|\n");
            out.append(String.format(
                    Locale.ENGLISH,
                    "| ≥ 1,000,000 decisions/s per thread at 100 licenses | %,.0f | %s |%n",
                    at100.opsPerSecond(),
                    at100.opsPerSecond() >= 1_000_000
                            ? "met"
                            : String.format(Locale.ENGLISH, "missed by %.0f %%", 100 - at100.opsPerSecond() / 10_000)));
            if (cedar100 != null) {
                double ratio = at100.opsPerSecond() / cedar100.opsPerSecond();
                out.append(String.format(
                        Locale.ENGLISH,
                        "| ≥ 50× Cedar's rate in the same run | %,.0f× | %s |%n",
                        ratio,
                        ratio >= 50 ? "met" : "missed"));
            }
        }
        System.out.print(out);
    }
}
