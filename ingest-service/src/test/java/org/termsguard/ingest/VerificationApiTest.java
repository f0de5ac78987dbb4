package org.termsguard.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.termsguard.testsupport.ContractSchemas;
import org.termsguard.testsupport.KafkaAndPostgres;
import org.termsguard.testsupport.TestTokens;

/**
 * Crawler identity through the service: sources and their snapshots over time by the admin API, the dry run, and
 * the verdict every published event carries, as of its time.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
class VerificationApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM = "application/problem+json";
    private static final String SOURCE = "test-testbot";
    private static final String APRIL_LIST =
            """
            {"creationTime":"2025-04-01T00:00:00.000000","prefixes":[{"ipv4Prefix":"192.0.2.0/24"},{"ipv4Prefix":"198.51.100.0/24"},{"ipv6Prefix":"2001:db8:7::/48"}]}""";
    private static final String MAY_LIST =
            """
            {"creationTime":"2025-05-01T00:00:00.000000","prefixes":[{"ipv4Prefix":"192.0.2.0/24"}]}""";

    private static boolean sourced;

    private static synchronized void ensureSource() {
        if (sourced) {
            return;
        }
        putSource(
                        SOURCE,
                        Map.of(
                                "operator", "Test Operator",
                                "consumer", "test-operator",
                                "tokens", List.of("TestBot"),
                                "kind", "ip-ranges",
                                "url", "https://bots.test.example/testbot.json",
                                "refresh", "PT6H"))
                .then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(200)));
        snapshot(APRIL_LIST, null).then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(200)));
        snapshot(MAY_LIST, null).then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(200)));
        sourced = true;
    }

    private static io.restassured.response.Response putSource(String sourceId, Map<String, ?> source) {
        return given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body(source)
                .put("/v1/verification/sources/" + sourceId);
    }

    private static io.restassured.response.Response snapshot(String document, String validFrom) {
        var request = given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body(document);
        if (validFrom != null) {
            request = request.queryParam("validFrom", validFrom);
        }
        return request.post("/v1/verification/sources/" + SOURCE + "/snapshots");
    }

    private static io.restassured.response.Response check(String userAgent, String clientIp, String observedAt) {
        return given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("userAgent", userAgent, "clientIp", clientIp, "observedAt", observedAt))
                .post("/v1/verification/check");
    }

    @Test
    void theSameDocumentAtTheSameTimeIsOneSnapshotAndEachVersionIsNumbered() {
        ensureSource();
        snapshot(APRIL_LIST, null)
                .then()
                .statusCode(200)
                .body("version", equalTo(1))
                .body("created", equalTo(false))
                .body("validFrom", equalTo("2025-04-01T00:00:00Z"))
                .body("sha256", matchesPattern("[0-9a-f]{64}"));
        snapshot(MAY_LIST, null).then().statusCode(200).body("version", equalTo(2));
        // The same document from an archive, in force from another time, is another version.
        snapshot(MAY_LIST, "2025-06-01T00:00:00Z")
                .then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(200)))
                .body("version", equalTo(3));
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .get("/v1/verification/sources")
                .then()
                .statusCode(200)
                .body("source.sourceId", hasItem("openai-gptbot"))
                .body("source.sourceId", hasItem("google-googlebot-dns"))
                .body("find { it.source.sourceId == 'test-testbot' }.versions.size()", equalTo(3))
                .body(
                        "find { it.source.sourceId == 'openai-gptbot' }.versions[0].validFrom",
                        equalTo("2025-10-03T11:51:00Z"));
    }

    @Test
    void theListInForceAtTheRequestsTimeJudgesIt() {
        ensureSource();
        check("TestBot/1.0", "198.51.100.5", "2025-04-15T00:00:00Z")
                .then()
                .statusCode(200)
                .body("verdict", equalTo("listed"))
                .body("consumer", equalTo("test-operator"))
                .body("basis.sourceId", equalTo(SOURCE))
                .body("basis.snapshotVersion", equalTo(1))
                .body("basis.matched", equalTo("198.51.100.0/24"));
        check("TestBot/1.0", "198.51.100.5", "2025-05-15T00:00:00Z")
                .then()
                .statusCode(200)
                .body("verdict", equalTo("contradicted"))
                .body("basis.snapshotVersion", equalTo(2))
                .body("reasons", hasItem(containsString("198.51.100.5 is outside test-testbot version 2")));
        check("Mozilla/5.0 (compatible; testbot/2.0)", "2001:db8:7::1", "2025-04-15T00:00:00Z")
                .then()
                .statusCode(200)
                .body("verdict", equalTo("listed"));
        check("TestBot/1.0", "192.0.2.1", "2025-03-31T23:59:59Z")
                .then()
                .statusCode(200)
                .body("verdict", equalTo("claimed"));
    }

    @Test
    void theBuiltInListsAreSeeded() {
        // OpenAI's GPTBot list of 2025-10-03 holds 20.171.206.0/24 (shared/data/crawler-ip-ranges).
        check(
                        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
                        "20.171.206.12",
                        "2025-11-01T00:00:00Z")
                .then()
                .statusCode(200)
                .body("verdict", equalTo("listed"))
                .body("basis.sourceId", equalTo("openai-gptbot"));
    }

    @Test
    void everyPublishedEventCarriesItsVerdictInTheContractsShape() throws Exception {
        ensureSource();
        String path = "/r/impostor-" + UUID.randomUUID();
        String log = "198.51.100.5 - - [15/May/2025:09:30:00 +0000] \"GET " + path
                + " HTTP/1.1\" 200 5124 \"-\" \"TestBot/1.0 (+https://bots.test.example/)\"\n"
                + "192.0.2.9 - - [15/May/2025:09:30:01 +0000] \"GET " + path
                + "/ok HTTP/1.1\" 200 5124 \"-\" \"TestBot/1.0 (+https://bots.test.example/)\"\n";
        given().auth()
                .oauth2(IngestApiTest.key())
                .contentType("text/plain")
                .queryParam("owner", "reddit")
                .body(log)
                .post("/v1/access-logs")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(2));
        var records = AccessEventsTopic.awaitContaining(path, 2);
        for (var record : records) {
            assertThat(ContractSchemas.violations("access-event", record.value()))
                    .isEmpty();
            JsonNode evidence = JSON.readTree(record.value()).get("evidence");
            String uri = JSON.readTree(record.value()).at("/resource/uri").asText();
            if (uri.endsWith("/ok")) {
                assertThat(evidence.at("/verification/verdict").asText()).isEqualTo("listed");
                assertThat(evidence.get("identity").asText()).isEqualTo("verified");
            } else {
                assertThat(evidence.at("/verification/verdict").asText()).isEqualTo("contradicted");
                assertThat(evidence.at("/verification/operator").asText()).isEqualTo("Test Operator");
                assertThat(evidence.at("/verification/basis/snapshotVersion").asInt())
                        .isEqualTo(2);
                assertThat(evidence.get("identity").asText()).isEqualTo("claimed");
            }
        }

        String id = UUID.randomUUID().toString();
        given().auth()
                .oauth2(IngestApiTest.key())
                .contentType(ContentType.JSON)
                .body(IngestApiTest.event(id, "x-corp"))
                .post("/v1/events")
                .then()
                .statusCode(202);
        var single = AccessEventsTopic.await(List.of(id)).get(0);
        assertThat(ContractSchemas.violations("access-event", single.value())).isEmpty();
        assertThat(JSON.readTree(single.value())
                        .at("/evidence/verification/verdict")
                        .asText())
                .isEqualTo("claimed");
    }

    @Test
    void aProducerCannotSetTheVerdict() {
        String body = IngestApiTest.event(UUID.randomUUID().toString(), "x-corp")
                .replace(
                        "\"identity\":\"claimed\"",
                        "\"identity\":\"verified\",\"verification\":{\"verdict\":\"signed\"}");
        given().auth()
                .oauth2(IngestApiTest.key())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/events")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", hasItem("evidence.verification"));
    }

    @Test
    void badSourcesAndDocumentsGetClearErrors() {
        ensureSource();
        putSource("x-bot", Map.of("operator", "X", "consumer", "x", "kind", "carrier-pigeon"))
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", hasItem("kind"));
        putSource(
                        "x-bot",
                        Map.of(
                                "operator", "X",
                                "consumer", "x",
                                "tokens", List.of("XBot"),
                                "kind", "ip-ranges",
                                "url", "ftp://plain.example/"))
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("https"));
        putSource("Not An Id", Map.of("operator", "X", "consumer", "x", "kind", "ip-ranges"))
                .then()
                .statusCode(400);
        snapshot("not json", null).then().statusCode(422).contentType(PROBLEM);
        snapshot("{\"prefixes\":[{\"ipv4Prefix\":\"300.1.1.0/24\"}]}", null)
                .then()
                .statusCode(422)
                .body("detail", containsString("300.1.1.0/24"));
        snapshot(APRIL_LIST, "last tuesday").then().statusCode(400).body("errors.field", hasItem("validFrom"));
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body(APRIL_LIST)
                .post("/v1/verification/sources/no-such-source/snapshots")
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
        // A source with ip-ranges snapshots cannot turn into another kind.
        putSource(
                        SOURCE,
                        Map.of(
                                "operator", "Test Operator",
                                "consumer", "test-operator",
                                "tokens", List.of("TestBot"),
                                "kind", "reverse-dns",
                                "hostnameSuffixes", List.of("bots.test.example")))
                .then()
                .statusCode(409)
                .contentType(PROBLEM);
    }

    /** The operator's server, as a refresh meets it: validators, a changed list, an outage. */
    @Test
    void aRefreshFetchesConditionallyAndStoresOnlyWhatChanged() throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> served =
                new java.util.concurrent.atomic.AtomicReference<>(APRIL_LIST);
        java.util.concurrent.atomic.AtomicInteger conditional = new java.util.concurrent.atomic.AtomicInteger();
        var server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ranges.json", exchange -> {
            String body = served.get();
            String etag = "\"" + Integer.toHexString(body.hashCode()) + "\"";
            if (body.equals("outage")) {
                exchange.sendResponseHeaders(503, -1);
            } else if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                conditional.incrementAndGet();
                exchange.sendResponseHeaders(304, -1);
            } else {
                byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("ETag", etag);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        try {
            String id = "fetched-" + UUID.randomUUID().toString().substring(0, 8);
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/ranges.json";
            putSource(
                            id,
                            Map.of(
                                    "operator", "Fetched Operator",
                                    "consumer", "fetched-operator",
                                    "tokens", List.of("FetchedBot"),
                                    "kind", "ip-ranges",
                                    "url", url,
                                    "refresh", "PT6H"))
                    .then()
                    .statusCode(201);
            refresh(id)
                    .then()
                    .statusCode(200)
                    .body("outcome", equalTo("changed"))
                    .body("version", equalTo(1));
            refresh(id).then().statusCode(200).body("outcome", equalTo("unchanged"));
            assertThat(conditional).hasValue(1);
            served.set(MAY_LIST);
            refresh(id)
                    .then()
                    .statusCode(200)
                    .body("outcome", equalTo("changed"))
                    .body("version", equalTo(2));
            served.set("outage");
            refresh(id).then().statusCode(502).contentType(PROBLEM).body("detail", containsString("503"));
            given().auth()
                    .oauth2(TestTokens.platformAdmin())
                    .get("/v1/verification/sources")
                    .then()
                    .statusCode(200)
                    .body("find { it.source.sourceId == '" + id + "' }.versions.size()", equalTo(2))
                    .body("find { it.source.sourceId == '" + id + "' }.refresh.lastError", containsString("503"))
                    .body("find { it.source.sourceId == '" + id + "' }.refresh.stale", equalTo(false));
            // The fetched list judges as an uploaded one does: May's version no longer holds 198.51.100.0/24.
            check("FetchedBot/1.0", "198.51.100.5", "2025-05-15T00:00:00Z")
                    .then()
                    .body("verdict", equalTo("contradicted"))
                    .body("basis.sourceId", equalTo(id));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRefreshNeverReachesWhatTheSsrfGuardRefuses() {
        String id = "metadata-" + UUID.randomUUID().toString().substring(0, 8);
        putSource(
                        id,
                        Map.of(
                                "operator", "Nobody",
                                "consumer", "nobody",
                                "tokens", List.of("NoBot"),
                                "kind", "ip-ranges",
                                "url", "http://169.254.169.254/latest/meta-data/",
                                "refresh", "PT6H"))
                .then()
                .statusCode(201);
        refresh(id).then().statusCode(502).body("detail", containsString("refused"));
        refresh("no-such-source").then().statusCode(404).contentType(PROBLEM);
    }

    private static io.restassured.response.Response refresh(String sourceId) {
        return given().auth()
                .oauth2(TestTokens.platformAdmin())
                .post("/v1/verification/sources/" + sourceId + "/refresh");
    }

    /**
     * Web Bot Auth as the current draft has it (Signature-Agent a Dictionary, its member covered), signed here with a
     * fresh Ed25519 key whose directory only the agent's origin serves: no source holds it.
     */
    private static Map<String, Object> signedRequest(String agent, KeyPair key) throws Exception {
        byte[] spki = key.getPublic().getEncoded();
        String x = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        // RFC 7638 §3.2: the required members in lexicographic order, no white space.
        String keyid = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(("{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}")
                                .getBytes(StandardCharsets.UTF_8)));
        long created = Instant.now().getEpochSecond() - 10;
        String params = "(\"@authority\" \"signature-agent\";key=\"agent1\");created=" + created + ";expires="
                + (created + 600) + ";keyid=\"" + keyid + "\";alg=\"ed25519\";tag=\"web-bot-auth\"";
        // RFC 9421 §2.5: one line per covered component, then the parameters; no final newline.
        String base = "\"@authority\": example.com\n\"signature-agent\";key=\"agent1\": \"" + agent + "\"\n"
                + "\"@signature-params\": " + params;
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key.getPrivate());
        signer.update(base.getBytes(StandardCharsets.US_ASCII));
        String signature = Base64.getEncoder().encodeToString(signer.sign());
        return Map.of(
                "method",
                "GET",
                "url",
                "https://example.com/articles/1",
                "headers",
                Map.of(
                        "Signature-Agent", "agent1=\"" + agent + "\"",
                        "Signature-Input", "sig1=" + params,
                        "Signature", "sig1=:" + signature + ":"),
                "jwk",
                "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\"}",
                "keyid",
                keyid);
    }

    private static io.restassured.response.Response signedCheck(String userAgent, Map<String, Object> signed) {
        Map<String, Object> request = new java.util.HashMap<>(signed);
        request.remove("jwk");
        request.remove("keyid");
        return given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "userAgent",
                        userAgent,
                        "clientIp",
                        "203.0.113.9",
                        "observedAt",
                        Instant.now().toString(),
                        "request",
                        request))
                .post("/v1/verification/check");
    }

    @Test
    void anUnknownSignatureAgentsDirectoryIsFetchedOnceAndItsSignaturesVerify() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<byte[]> directory =
                new java.util.concurrent.atomic.AtomicReference<>();
        var server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/http-message-signatures-directory", exchange -> {
            fetches.incrementAndGet();
            byte[] body = directory.get();
            exchange.getResponseHeaders().add("Content-Type", "application/http-message-signatures-directory+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String agent = "http://127.0.0.1:" + server.getAddress().getPort();
            Map<String, Object> signed = signedRequest(agent, key);
            directory.set(("{\"keys\":[" + signed.get("jwk") + "]}").getBytes(StandardCharsets.UTF_8));
            String browser = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
            // The first check may outlive its budget; the fetch goes on and a later check finds the directory.
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .untilAsserted(() ->
                            signedCheck(browser, signed).then().statusCode(200).body("verdict", equalTo("signed")));
            signedCheck(browser, signed)
                    .then()
                    .body("operator", equalTo("127.0.0.1"))
                    .body("consumer", equalTo("127.0.0.1"))
                    .body("basis.method", equalTo("web-bot-auth"))
                    .body("basis.snapshotVersion", org.hamcrest.Matchers.nullValue())
                    .body(
                            "basis.snapshotSha256",
                            equalTo(HexFormat.of()
                                    .formatHex(
                                            MessageDigest.getInstance("SHA-256").digest(directory.get()))))
                    .body("basis.matched", equalTo(signed.get("keyid")))
                    .body("reasons", hasItem(containsString("the key directory of " + agent + ", fetched")));
            // Another operator's user agent on this agent's signature is an impersonation.
            signedCheck("GPTBot/1.2", signed).then().body("verdict", equalTo("contradicted"));
            assertThat(fetches).hasValue(1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aSignatureAgentTheSsrfGuardRefusesIsNeverFetched() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        // Link-local: the cloud metadata address an attacker would name.
        signedCheck("Mozilla/5.0 (compatible; Agent/1.0)", signedRequest("http://169.254.169.254", key))
                .then()
                .statusCode(200)
                .body("verdict", equalTo("claimed"))
                .body("reasons", hasItem(containsString("refused")));
    }

    @Test
    void hostileDryRunsGetClearAnswers() {
        // NUL bytes, a 100,000-character user agent, an address with a zone, a far year: verdicts, never a 500.
        check("GPTBot/1.2\u0000" + "x".repeat(100_000), "fe80::1%eth0", "9999-12-31T23:59:59Z")
                .then()
                .statusCode(200)
                // Past the registry's bound on user agents no crawler is read from it: claimed, naming nobody.
                .body("verdict", equalTo("claimed"))
                .body("token", org.hamcrest.Matchers.nullValue());
        check("GPTBot/1.2", "fe80::1%eth0", "2025-11-01T00:00:00Z")
                .then()
                .statusCode(200)
                .body("verdict", org.hamcrest.Matchers.oneOf("contradicted", "unverifiable"));
        check("GPTBot/1.2", "20.171.206.12", "0001-01-01T00:00:00Z")
                .then()
                .statusCode(200)
                .body("verdict", equalTo("claimed"));
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("userAgent", "GPTBot", "clientIp", "20.171.206.12", "now", Long.MAX_VALUE))
                .post("/v1/verification/check")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", hasItem("now"));
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "userAgent", "GPTBot/1.2",
                        "clientIp", "20.171.206.12",
                        "request",
                                Map.of(
                                        "method", "GET",
                                        "url", "https://example.com/",
                                        "headers",
                                                Map.of(
                                                        "Signature-Input",
                                                                "sig1=(" + "\"@authority\" ".repeat(5000) + ")",
                                                        "Signature", "sig1=:" + "A".repeat(20_000) + ":"))))
                .post("/v1/verification/check")
                .then()
                .statusCode(200)
                .body("verdict", org.hamcrest.Matchers.notNullValue());
        given().auth()
                .oauth2(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("request", Map.of("url", "/relative")))
                .post("/v1/verification/check")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("request.url"));
    }

    @Test
    void onlyPlatformAdminsManageSources() {
        given().auth()
                .oauth2(IngestApiTest.key())
                .contentType(ContentType.JSON)
                .body(APRIL_LIST)
                .post("/v1/verification/sources/" + SOURCE + "/snapshots")
                .then()
                .statusCode(401);
        given().get("/v1/verification/sources").then().statusCode(401);
    }
}
