package org.termsguard.policy.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.termsguard.contracts.events.Purpose;

/**
 * Reads a robots.txt: its user-agent groups become the owner's crawler rules (judged by crawler-commons, as
 * before), and the preference lines inside the {@code *} group become default terms — IETF aipref's
 * {@code Content-Usage: train-ai=n, search=y} (optionally after a path) and Cloudflare's
 * {@code Content-Signal: ai-train=no, search=yes, ai-input=yes}. A {@code License:} line naming an RSL document is
 * recorded so that it can be imported as well.
 */
public final class RobotsTxtReader {

    private static final Map<String, Purpose> AIPREF = Map.of(
            "bots", Purpose.ALL,
            "train-ai", Purpose.AI_TRAIN,
            "search", Purpose.SEARCH);
    private static final Map<String, Purpose> CONTENT_SIGNAL = Map.of(
            "search", Purpose.SEARCH,
            "ai-input", Purpose.AI_INPUT,
            "ai-train", Purpose.AI_TRAIN);
    private static final Set<String> CRAWLER_DIRECTIVES =
            Set.of("allow", "disallow", "crawl-delay", "sitemap", "host", "clean-param", "request-rate");

    private RobotsTxtReader() {}

    public static ImportedTerms read(String text) {
        ImportedTerms terms = new ImportedTerms(ImportFormat.ROBOTS_TXT);
        ImportReport report = terms.report();
        List<String> agents = new ArrayList<>();
        boolean agentsClosed = false;
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            String source = "robots.txt line " + (i + 1);
            int colon = line.indexOf(':');
            if (colon < 0) {
                report.unmapped(source, line, "not a robots.txt line (no ':')");
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "user-agent" -> {
                    if (agentsClosed) {
                        agents.clear();
                        agentsClosed = false;
                    }
                    agents.add(value);
                }
                case "content-usage" -> {
                    agentsClosed = true;
                    preferences(terms, source, line, value, agents, AIPREF, "y", "n", true);
                }
                case "content-signal" -> {
                    agentsClosed = true;
                    preferences(terms, source, line, value, agents, CONTENT_SIGNAL, "yes", "no", false);
                }
                case "license" -> {
                    terms.refer(value, source, line);
                    report.mapped(
                            source,
                            line,
                            "recorded: the RSL license this site points to; import it with Content-Type "
                                    + ImportFormat.RSL_XML + " to apply its terms");
                }
                default -> {
                    if (CRAWLER_DIRECTIVES.contains(key)) {
                        agentsClosed = true;
                    } else {
                        report.unmapped(source, line, "'" + key + "' is not a directive Termsguard reads");
                    }
                }
            }
        }
        terms.robotsTxt(text, "robots.txt");
        return terms;
    }

    private static void preferences(
            ImportedTerms terms,
            String source,
            String line,
            String value,
            List<String> agents,
            Map<String, Purpose> vocabulary,
            String yes,
            String no,
            boolean pathAllowed) {
        ImportReport report = terms.report();
        if (agents.isEmpty() || agents.stream().noneMatch("*"::equals)) {
            report.unmapped(
                    source,
                    line,
                    agents.isEmpty()
                            ? "outside any User-agent group"
                            : "applies to " + String.join(", ", agents) + " only; per-crawler preferences are not"
                                    + " modelled (grant or refuse licenses to that consumer instead)");
            return;
        }
        String dictionary = value;
        if (pathAllowed && value.startsWith("/")) {
            String[] pathAndRest = value.split("\\s+", 2);
            if (!pathAndRest[0].equals("/")) {
                report.unmapped(
                        source,
                        line,
                        "applies to " + pathAndRest[0] + " only; default terms cover the owner's whole site");
                return;
            }
            dictionary = pathAndRest.length > 1 ? pathAndRest[1] : "";
        }
        for (String member : dictionary.split(",")) {
            String entry = member.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String[] kv = entry.split("=", 2);
            String name = kv[0].strip().toLowerCase(Locale.ROOT);
            String setting = kv.length > 1 ? kv[1].strip().toLowerCase(Locale.ROOT) : "";
            Optional<Purpose> purpose = Optional.ofNullable(vocabulary.get(name));
            if (purpose.isEmpty()) {
                report.unmapped(
                        source,
                        entry,
                        name.equals("train-genai")
                                ? "Termsguard has no purpose narrower than ai-train for generative training; state"
                                        + " train-ai to reserve all training"
                                : "'" + name + "' is not in the vocabulary (" + String.join(", ", vocabulary.keySet())
                                        + ")");
            } else if (setting.equals(yes) || setting.equals(no)) {
                terms.prefer(purpose.get(), setting.equals(yes), source, entry);
            } else {
                report.unmapped(source, entry, "the value must be " + yes + " or " + no);
            }
        }
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }
}
