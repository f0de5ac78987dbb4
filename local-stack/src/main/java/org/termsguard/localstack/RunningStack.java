package org.termsguard.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The stack {@code ./termsguard up} started: where its processes and credentials are, and how to stop and start
 * one service again exactly as the launcher started it (its command line is read back from /proc).
 */
public final class RunningStack {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final Path state;
    private StackState pids;
    private final JsonNode credentials;
    private final HttpClient http = HttpClient.newHttpClient();
    private static final String HTTP_PORT = "-Dquarkus.http.port=";

    public RunningStack(Path root) throws IOException {
        this.state = root.resolve(".termsguard");
        this.pids = StackState.read(state)
                .orElseThrow(
                        () -> new IOException("no stack runs under " + state + "; start one with ./termsguard up"));
        this.credentials = JSON.readTree(state.resolve("credentials.json").toFile());
    }

    public String bootstrapServers() {
        return pids.kafkaBootstrap();
    }

    public String producerKey() {
        return credentials.get("producerKey").asText();
    }

    public String adminToken() {
        return credentials.get("platformAdminToken").asText();
    }

    public long pid(String service) {
        return pids.pid(service);
    }

    public int postgresPort() {
        return pids.postgresPort();
    }

    /** Resident set size in bytes, from /proc (Linux). */
    public long rss(String service) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid(service)), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for " + service);
    }

    /** The command line a process was started with, read back from /proc. */
    public List<String> commandLine(String service) throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid(service)), "cmdline"));
        return new ArrayList<>(Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0")));
    }

    /** Records a process started elsewhere (e.g. PostgreSQL by its own launcher) for ./termsguard down. */
    public void record(String service, long pid) throws IOException {
        pids = pids.with(service, pid);
        pids.write(state);
    }

    public Path state() {
        return state;
    }

    /** {@code kill -9}: no shutdown hooks, no flushing; answers the command line that starts it again. */
    public List<String> kill(String service) throws Exception {
        List<String> command = commandLine(service);
        ProcessHandle handle = ProcessHandle.of(pid(service)).orElseThrow();
        handle.destroyForcibly();
        handle.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        return command;
    }

    /** Sends a signal by name (STOP, CONT) with kill(1). */
    public void signal(String service, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid(service)))
                .inheritIO()
                .start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + service + " failed");
        }
    }

    /**
     * Starts a process as {@code service}, its output appended to {@code .termsguard/logs/<log>.log}, recorded so
     * that {@code ./termsguard down} stops it.
     */
    public Process spawn(String service, String log, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        state.resolve("logs").resolve(log + ".log").toFile()))
                .start();
        pids = pids.with(service, process.pid());
        pids.write(state);
        return process;
    }

    /** Stops a service; answers the command line that starts it again. */
    public List<String> stop(String service) throws Exception {
        long pid = pid(service);
        List<String> command = commandLine(service);
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
        handle.destroy();
        handle.onExit()
                .get(java.util.concurrent.TimeUnit.SECONDS.toMillis(30), java.util.concurrent.TimeUnit.MILLISECONDS);
        return command;
    }

    /**
     * Starts a service with {@code command}, records its pid for {@code ./termsguard down}, and waits until it is
     * ready on the port its command line names ({@code -Dquarkus.http.port=}).
     */
    public void start(String service, List<String> command) throws IOException, InterruptedException {
        int port = command.stream()
                .filter(arg -> arg.startsWith(HTTP_PORT))
                .map(arg -> Integer.parseInt(arg.substring(HTTP_PORT.length())))
                .reduce((first, last) -> last)
                .orElseThrow(() -> new IllegalArgumentException(service + ": the command line names no " + HTTP_PORT));
        Process process = spawn(service, service + "-service", command);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!ready("http://localhost:" + port + "/q/health/ready")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(service + "-service did not come back; see .termsguard/logs");
            }
            Thread.sleep(250);
        }
    }

    /** Starts one of the stack's own services again with {@code command}, on its port. */
    public void start(Service service, List<String> command) throws IOException, InterruptedException {
        start(service.id(), command);
    }

    public boolean ready(String url) {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create(url))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An admin call through the public API; fails on any status but the expected ones. */
    public String call(String method, String url, String body, int... expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + adminToken())
                .timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response.body();
            }
        }
        throw new IOException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
    }
}
