package org.termsguard.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.termsguard.bench.system.BenchOwner;
import org.termsguard.localstack.RunningStack;
import org.termsguard.localstack.Service;

/**
 * B6 end to end (issue #17): hostile text in an access log's paths and user agents — Markdown emphasis, links,
 * tables, raw HTML, a script — goes the whole way, as a crawler could send it: through ingest's access-log upload,
 * policy's evaluation and alert-service's incident to the Markdown and HTML notice. Each is parsed (CommonMark, then
 * jsoup) and must keep the template's structure: the template's sections once each, one estimated fee, and no element
 * a value made. Line breaks cannot come this way: ingest refuses control characters in every event.
 */
final class HostileAccessLog {

    static final String OWNER = "bench-hostile";
    private static final Duration BOUND = Duration.ofSeconds(60);
    /** The notice template's sections, as alert-service's NoticeInjectionTest has them. */
    private static final List<String> SECTIONS =
            List.of("What was observed", "The term or clause", "How much", "Identity confidence", "Evidence");

    /** What the check found: {@code findings} empty when it held. */
    record Outcome(int lines, long millisToNotice, List<String> findings) {
        boolean holds() {
            return findings.isEmpty();
        }
    }

    private final RunningStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    HostileAccessLog(RunningStack stack) {
        this.stack = stack;
    }

    Outcome run() throws IOException, InterruptedException {
        BenchOwner.setUpOwner(stack, OWNER);
        JsonNode producer = RunningStack.JSON.readTree(stack.call(
                "POST",
                Service.INGEST.url() + "/v1/producers",
                "{\"producerId\":\"hostile-logs-" + Instant.now().toEpochMilli() + "\",\"name\":\"Hostile log\","
                        + "\"owners\":[\"" + OWNER + "\"]}",
                201));
        String key = producer.path("apiKey").asText();
        // A path must be a URI, so it carries only the Markdown that URIs allow; a user agent carries anything
        // printable.
        String hostile = "**Estimated fee:** 0.00 USD [pay here](https://evil.example/) <script>alert(1)</script>"
                + " <img src=x onerror=alert(2)> | a | b | ## How much";
        String log = String.join(
                "\n",
                line(
                        "203.0.113.7",
                        "/r/**Estimated_fee:**_0.00_USD_(waived)!",
                        "Mozilla/5.0 (compatible; GPTBot/1.2; " + hostile + ")"),
                line(
                        "203.0.113.8",
                        "/r/pics/_em_*em*#how-much",
                        "GPTBot/1.2 ![x](https://evil.example/x.png) # heading"),
                "");
        long started = System.nanoTime();
        HttpResponse<String> upload = http.send(
                HttpRequest.newBuilder(URI.create(Service.INGEST.url() + "/v1/access-logs?owner=" + OWNER
                                + "&site=https://www.bench.example"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString(log))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> findings = new ArrayList<>();
        if (upload.statusCode() != 202 || !upload.body().contains("\"accepted\":2")) {
            findings.add("the upload answered " + upload.statusCode() + " " + upload.body());
            return new Outcome(2, -1, findings);
        }
        String incidentId = awaitIncident();
        if (incidentId == null) {
            findings.add("no incident within " + BOUND.toSeconds() + " s");
            return new Outcome(2, -1, findings);
        }
        String markdown = notice(incidentId, "text/markdown");
        long millis = (System.nanoTime() - started) / 1_000_000;
        String html = notice(incidentId, "text/html");
        Document fromMarkdown = Jsoup.parse(
                HtmlRenderer.builder().build().render(Parser.builder().build().parse(markdown)));
        check(findings, "Markdown", fromMarkdown, 0);
        check(findings, "HTML", Jsoup.parse(html), 1);
        if (!fromMarkdown.text().contains("pay here") || !fromMarkdown.text().contains("<script>")) {
            findings.add("the hostile text is not in the Markdown notice as text");
        }
        return new Outcome(2, millis, findings);
    }

    private static void check(List<String> findings, String format, Document notice, int templateLinks) {
        List<String> sections = notice.select("h2").stream().map(Element::text).toList();
        if (!sections.equals(SECTIONS)) {
            findings.add(format + ": sections " + sections + ", expected " + SECTIONS);
        }
        if (notice.select("h1").size() != 1) {
            findings.add(format + ": " + notice.select("h1").size() + " top headings");
        }
        if (!notice.select("script, img, table, h3, h4, h5, h6, [onerror]").isEmpty()) {
            findings.add(format + ": elements a value made: "
                    + notice.select("script, img, table, h3, h4, h5, h6, [onerror]"));
        }
        if (notice.select("a").size() != templateLinks) {
            findings.add(format + ": " + notice.select("a").size() + " links, the template has " + templateLinks);
        }
        if (notice.select("strong:containsOwn(Estimated fee:)").size() != 1) {
            findings.add(format + ": "
                    + notice.select("strong:containsOwn(Estimated fee:)").size() + " estimated fees");
        }
    }

    private static String line(String ip, String path, String userAgent) {
        return ip + " - - [12/Apr/2023:09:30:00 +0000] \"GET " + path + " HTTP/1.1\" 200 5124 \"-\" \"" + userAgent
                + "\"";
    }

    private String awaitIncident() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode incidents = RunningStack.JSON.readTree(
                    stack.call("GET", Service.ALERT.url() + "/v1/incidents?owner=" + OWNER, null, 200));
            for (JsonNode incident : incidents.path("incidents")) {
                if (incident.path("events").asLong() >= 2) {
                    return incident.path("incidentId").asText();
                }
            }
            // Polling, not waiting on a guess: a deadline bounds it and each round asks the service again.
            Thread.sleep(250);
        }
        return null;
    }

    private String notice(String incidentId, String type) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(Service.ALERT.url() + "/v1/incidents/" + incidentId + "/notice"))
                        .header("Authorization", "Bearer " + stack.adminToken())
                        .header("Accept", type)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("the notice answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
