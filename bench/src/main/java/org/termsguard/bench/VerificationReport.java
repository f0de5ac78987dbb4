package org.termsguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;

/** {@code verification.md} from JMH's JSON for {@link VerificationBenchmark}. */
public final class VerificationReport {

    private VerificationReport() {}

    public static void main(String[] args) throws IOException {
        JsonNode runs = new ObjectMapper().readTree(new File(args[0]));
        StringBuilder out = new StringBuilder("# Crawler-identity verification: cost per event, one thread\n\n")
                .append("Generated ")
                .append(Instant.now())
                .append(" by `bench/run` on ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores. JMH average time, `-prof gc`; ± is JMH's 99.9 % error. The built-in sources with the")
                .append(
                        " operators' lists as shipped; addresses as text, half inside a list (VerificationBenchmark).\n\n")
                .append("| case | ns/event | B/event |\n|---|---:|---:|\n");
        double lookup = Double.NaN;
        for (JsonNode run : runs) {
            String name = run.path("benchmark").asText().replaceAll(".*\\.", "");
            double ns = run.path("primaryMetric").path("score").asDouble();
            double error = run.path("primaryMetric").path("scoreError").asDouble();
            double bytes = run.path("secondaryMetrics")
                    .path("gc.alloc.rate.norm")
                    .path("score")
                    .asDouble(Double.NaN);
            if (name.equals("listLookup")) {
                lookup = ns;
            }
            out.append(String.format(Locale.ENGLISH, "| `%s` | %,.0f ± %,.0f | %,.0f |%n", name, ns, error, bytes));
        }
        out.append("\n## Target (issue: crawler identity)\n\n| target | measured | |\n|---|---:|---|\n")
                .append(String.format(
                        Locale.ENGLISH,
                        "| list lookup (version in force + prefix) ≤ 1 µs per event | %,.0f ns | %s |%n",
                        lookup,
                        lookup <= 1000 ? "met" : "missed"));
        System.out.print(out);
    }
}
