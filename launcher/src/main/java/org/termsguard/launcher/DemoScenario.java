package org.termsguard.launcher;

import static org.termsguard.launcher.LocalStack.say;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.termsguard.alert.evidence.BundleVerifier;
import org.termsguard.alert.evidence.EvidenceBundle;
import org.termsguard.alert.evidence.NoteKey;
import org.termsguard.alert.evidence.Timestamps;
import org.termsguard.localstack.Service;

/**
 * Plays the demo scenario of {@code deploy/demo} through the public APIs — the same calls a user would make — and
 * prints what Termsguard found.
 */
final class DemoScenario {

    static final String PRODUCER = "demo-gateway";

    /** Where the three services answer. */
    record Endpoints(String ingest, String policy, String alert) {
        static Endpoints local() {
            return new Endpoints(Service.INGEST.url(), Service.POLICY.url(), Service.ALERT.url());
        }

        /** TERMSGUARD_INGEST_URL, TERMSGUARD_POLICY_URL, TERMSGUARD_ALERT_URL, else the local ports. */
        static Endpoints fromEnvironment() {
            Endpoints local = local();
            return new Endpoints(
                    env("TERMSGUARD_INGEST_URL", local.ingest()),
                    env("TERMSGUARD_POLICY_URL", local.policy()),
                    env("TERMSGUARD_ALERT_URL", local.alert()));
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }

    private final Path data;
    private final Keys keys;
    private final Path credentialsDirectory;
    private final Endpoints endpoints;
    private final Api api = new Api();

    DemoScenario(Path data, Keys keys, Path credentialsDirectory, Endpoints endpoints) {
        this.data = data;
        this.keys = keys;
        this.credentialsDirectory = credentialsDirectory;
        this.endpoints = endpoints;
    }

    /** Sets up owners, terms, licenses, aliases and routes; issues a producer key; writes the credentials. */
    Credentials load() throws IOException {
        String admin =
                keys.token("demo-admin@termsguard.local", Set.of("platform-admin"), List.of(), Duration.ofDays(7));
        List<String> owners = new ArrayList<>();
        try (Stream<Path> files = Files.list(data.resolve("owners"))) {
            files.sorted().forEach(f -> owners.add(f.getFileName().toString().replace(".json", "")));
        }
        String policy = endpoints.policy();
        String alert = endpoints.alert();
        String ingest = endpoints.ingest();
        for (String owner : owners) {
            var current = api.send("GET", policy + "/v1/owners/" + owner, admin, null, null, null);
            if (current.status() == 200) {
                say("Owner " + owner + " has terms already (version "
                        + current.json().path("termsVersion").asLong() + ")");
                continue;
            }
            api.expect(
                    201,
                    api.send(
                            "PUT",
                            policy + "/v1/owners/" + owner,
                            admin,
                            "application/json",
                            Files.readString(data.resolve("owners/" + owner + ".json")),
                            null),
                    "PUT owner " + owner);
            Path licenses = data.resolve("licenses/" + owner + ".json");
            if (Files.exists(licenses)) {
                for (JsonNode license : Api.JSON.readTree(licenses.toFile())) {
                    api.expect(
                            201,
                            api.send(
                                    "POST",
                                    policy + "/v1/owners/" + owner + "/licenses",
                                    admin,
                                    "application/json",
                                    license.toString(),
                                    null),
                            "POST license " + license.path("licenseId").asText());
                }
            }
            Path aliases = data.resolve("aliases/" + owner + ".json");
            if (Files.exists(aliases)) {
                api.expect(
                        200,
                        api.send(
                                "PUT",
                                policy + "/v1/owners/" + owner + "/aliases",
                                admin,
                                "application/json",
                                Files.readString(aliases),
                                null),
                        "PUT aliases " + owner);
            }
            api.expect(
                    200,
                    api.send(
                            "PUT",
                            alert + "/v1/owners/" + owner + "/routes",
                            admin,
                            "application/json",
                            "{\"groupWait\":\"PT2S\",\"groupInterval\":\"PT1M\",\"receivers\":[{\"type\":\"email\",\"to\":[\"legal@"
                                    + owner + ".example\"],\"minSeverity\":\"high\"}]}",
                            null),
                    "PUT routes " + owner);
            say("Owner " + owner + ": terms, licenses, aliases and route loaded");
        }
        var created = api.send(
                "POST",
                ingest + "/v1/producers",
                admin,
                "application/json",
                Api.JSON.writeValueAsString(Map.of(
                        "producerId", PRODUCER, "name", "Demo API gateway and CDN log shipper", "owners", owners)),
                null);
        if (created.status() == 409) {
            created = api.send(
                    "POST",
                    ingest + "/v1/producers/" + PRODUCER + "/keys",
                    admin,
                    "application/json",
                    Api.JSON.writeValueAsString(Map.of("owners", owners)),
                    null);
        }
        String producerKey = api.expect(201, created, "issue producer key")
                .json()
                .path("apiKey")
                .asText();
        ObjectNode ownerTokens = Api.JSON.createObjectNode();
        for (String owner : owners) {
            ownerTokens.put(
                    owner,
                    keys.token(
                            "admin@" + owner + ".example", Set.of("owner-admin"), List.of(owner), Duration.ofDays(7)));
        }
        ObjectNode credentials = Api.JSON.createObjectNode();
        credentials.put("producerKey", producerKey);
        credentials.put("platformAdminToken", admin);
        credentials.set("ownerTokens", ownerTokens);
        Path file = credentialsDirectory.resolve("credentials.json");
        // The producer key and admin tokens in it act as anyone: only the file's owner may read it.
        SecretFile.write(file, credentials.toPrettyString());
        say("credentials: " + file.toAbsolutePath());
        return new Credentials(producerKey, admin);
    }

    record Credentials(String producerKey, String admin) {}

    /** Replays the scenario's events and logs, then waits until every incident they cause is there and settled. */
    void replay(Credentials credentials) throws IOException {
        String ingest = endpoints.ingest();
        var events = api.expect(
                202,
                api.send(
                        "POST",
                        ingest + "/v1/events/batch",
                        credentials.producerKey(),
                        "application/x-ndjson",
                        Files.readString(data.resolve("events.ndjson")),
                        null),
                "POST events");
        say("Posted " + events.json().path("accepted").asInt() + " API and bulk-export events");
        var log = api.expect(
                202,
                api.send(
                        "POST",
                        ingest + "/v1/access-logs?owner=reddit&site=https://www.reddit.com",
                        credentials.producerKey(),
                        "text/plain",
                        Files.readString(data.resolve("reddit-access.log")),
                        null),
                "POST access log");
        say("Posted reddit's access log: " + log.json().path("accepted").asInt() + " lines accepted, "
                + log.json().path("skipped").asInt() + " skipped");

        String alert = endpoints.alert();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String previous = "";
        int stableFor = 0;
        while (System.nanoTime() < deadline && stableFor < 3) {
            LocalStack.pause(Duration.ofSeconds(1));
            String now = api.send("GET", alert + "/v1/incidents?limit=100", credentials.admin(), null, null, null)
                    .body();
            // Settled: incidents exist and three polls a second apart saw the same.
            stableFor = now.equals(previous) && now.contains("incidentId") ? stableFor + 1 : 0;
            previous = now;
        }
    }

    /** Prints the incidents and the notice of the one with the largest estimated fee; answers that one's id. */
    String report(String admin, boolean printNotice) {
        String alert = endpoints.alert();
        JsonNode incidents = api.expect(
                        200,
                        api.send("GET", alert + "/v1/incidents?limit=100", admin, null, null, null),
                        "GET incidents")
                .json()
                .path("incidents");
        say("");
        say("Incidents found:");
        say(String.format(
                "%-8s %-16s %-22s %-9s %10s %10s %14s",
                "owner", "consumer", "rule", "severity", "violations", "records", "estimated fee"));
        JsonNode costliest = null;
        for (JsonNode i : incidents) {
            JsonNode fee = i.path("estimatedFee");
            String feeText = fee.isMissingNode() || fee.isNull()
                    ? "-"
                    : fee.path("amount").decimalValue().setScale(2, java.math.RoundingMode.HALF_UP) + " "
                            + fee.path("currency").asText();
            say(String.format(
                    "%-8s %-16s %-22s %-9s %10d %10d %14s",
                    i.path("owner").asText(),
                    i.path("consumer").asText(),
                    i.path("rule").asText(),
                    i.path("severity").asText(),
                    i.path("violations").asLong(),
                    i.path("records").asLong(),
                    feeText));
            BigDecimal amount = fee.isMissingNode() || fee.isNull()
                    ? BigDecimal.ZERO
                    : fee.path("amount").decimalValue();
            if (costliest == null
                    || amount.compareTo(costliest
                                    .path("estimatedFee")
                                    .path("amount")
                                    .decimalValue())
                            > 0) {
                costliest = i;
            }
        }
        say(incidents.size() + " incidents at " + Instant.now());
        if (printNotice && costliest != null) {
            say("");
            say("The notice for the costliest incident ("
                    + costliest.path("incidentId").asText() + "):");
            say("");
            say(api.send(
                            "GET",
                            alert + "/v1/incidents/"
                                    + costliest.path("incidentId").asText() + "/notice",
                            admin,
                            null,
                            null,
                            "text/markdown")
                    .body());
        }
        return costliest == null ? null : costliest.path("incidentId").asText();
    }

    /**
     * Issues the incident's notice once its events are in a signed checkpoint, downloads that version's evidence
     * bundle into the state directory, checks it as a recipient would (the published log key and TSA roots pinned),
     * and says where it is.
     */
    Path evidence(String admin, String incidentId) throws IOException {
        String alert = endpoints.alert();
        String notices = alert + "/v1/incidents/" + incidentId + "/notices";
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Api.Answer issued = api.send("POST", notices, admin, null, null, null);
        // 409 until the next checkpoint (every few seconds in the local stack) holds every event.
        while (issued.status() == 409 && System.nanoTime() < deadline) {
            LocalStack.pause(Duration.ofSeconds(1));
            issued = api.send("POST", notices, admin, null, null, null);
        }
        if (issued.status() != 201 && issued.status() != 200) {
            throw new Api.Failure(
                    "issuing the notice of " + incidentId + " answered " + issued.status() + ": " + issued.body());
        }
        int version = issued.json().path("version").asInt();
        // The bundle carries the checkpoint's RFC 3161 token once the TSA has stamped it (just after signing).
        String stamp = alert + "/v1/owners/" + issued.json().path("owner").asText() + "/log/checkpoint.tsr?treeSize="
                + issued.json().path("treeSize").asLong();
        while (api.send("GET", stamp, admin, null, null, null).status() != 200 && System.nanoTime() < deadline) {
            LocalStack.pause(Duration.ofSeconds(1));
        }
        byte[] zip = api.download(alert + "/v1/incidents/" + incidentId + "/evidence.zip?notice=" + version, admin);
        Path file =
                credentialsDirectory.resolve("evidence").resolve(incidentId + "-notice-" + version + "-evidence.zip");
        Files.createDirectories(file.getParent());
        Files.write(file, zip);
        String key = api.expect(200, api.send("GET", alert + "/v1/evidence/log-key", null, null, null, null), "log key")
                .body()
                .strip();
        Api.Answer roots = api.send("GET", alert + "/v1/evidence/tsa-roots.pem", null, null, null, null);
        BundleVerifier.Report report;
        try {
            report = BundleVerifier.verify(
                    EvidenceBundle.read(new java.io.ByteArrayInputStream(zip)),
                    new BundleVerifier.Trust(
                            java.util.Optional.of(NoteKey.parse(key)),
                            roots.status() == 200
                                    ? Timestamps.certificates(
                                            roots.body().getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                                    : List.of()));
        } catch (EvidenceBundle.Unreadable e) {
            throw new Api.Failure("the evidence bundle of " + incidentId + " cannot be read: " + e.getMessage());
        }
        say("");
        say("The evidence bundle of the costliest incident, notice version " + version + ": " + file);
        say(report.text().stripTrailing());
        if (!report.verified()) {
            throw new Api.Failure("the demo's own evidence bundle did not verify");
        }
        say("Check it yourself, offline: ./termsguard verify " + file);
        return file;
    }

    /** Posts {@code count} generated display events for x-corp in batches, and says how fast ingest took them. */
    void load(Credentials credentials, int count) throws IOException {
        String ingest = endpoints.ingest();
        long started = System.nanoTime();
        int sent = 0;
        String run = Long.toHexString(System.nanoTime());
        while (sent < count) {
            int size = Math.min(5000, count - sent);
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < size; i++) {
                batch.append("{\"eventId\":\"load-")
                        .append(run)
                        .append('-')
                        .append(sent + i)
                        .append("\",\"observedAt\":\"2023-05-02T10:00:00Z\",\"owner\":\"x-corp\",\"channel\":\"api\",")
                        .append("\"resource\":{\"kind\":\"tweets\",\"uri\":\"https://api.x.example/2/tweets\"},")
                        .append(
                                "\"purpose\":\"display\",\"evidence\":{\"apiClientId\":\"acme-4410\",\"identity\":\"verified\"}}\n");
            }
            api.expect(
                    202,
                    api.send(
                            "POST",
                            ingest + "/v1/events/batch",
                            credentials.producerKey(),
                            "application/x-ndjson",
                            batch.toString(),
                            null),
                    "POST load batch");
            sent += size;
        }
        double seconds = Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0;
        say(String.format(
                "Load: %,d events accepted (acknowledged by Kafka) in %.1f s = %,.0f events/s through the batch endpoint",
                count, seconds, count / seconds));
    }
}
