package org.termsguard.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a local stack runs: the pid of every process by name (the broker, PostgreSQL, the services, and whatever a
 * benchmark or fault run added), the broker's bootstrap address and PostgreSQL's port. Kept in
 * {@code .termsguard/pids.json}; this class is the only reader and writer of that file.
 *
 * @param pids process ids by name, in start order
 * @param kafkaBootstrap {@code host:port} of the broker
 * @param postgresPort the port of the stack's PostgreSQL
 */
public record StackState(Map<String, Long> pids, String kafkaBootstrap, int postgresPort) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The processes {@code ./termsguard up} starts itself; the rest were added later and stop first. */
    public static final List<String> CORE = List.of("ingest", "policy", "alert", "kafka", "postgres");

    public StackState {
        pids = Collections.unmodifiableMap(new LinkedHashMap<>(pids));
    }

    public static Path file(Path state) {
        return state.resolve("pids.json");
    }

    /** The state under {@code .termsguard/}, if a stack was started there and not stopped. */
    public static Optional<StackState> read(Path state) throws IOException {
        Path file = file(state);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode saved = JSON.readTree(file.toFile());
        Map<String, Long> pids = new LinkedHashMap<>();
        saved.fieldNames().forEachRemaining(name -> {
            if (!name.contains(".")) {
                pids.put(name, saved.get(name).asLong());
            }
        });
        return Optional.of(new StackState(
                pids,
                saved.path("kafka.bootstrap").asText(),
                saved.path("postgres.port").asInt(15432)));
    }

    public void write(Path state) throws IOException {
        ObjectNode saved = JSON.createObjectNode();
        pids.forEach(saved::put);
        saved.put("kafka.bootstrap", kafkaBootstrap);
        saved.put("postgres.port", postgresPort);
        Files.writeString(file(state), saved.toPrettyString());
    }

    public static void delete(Path state) throws IOException {
        Files.deleteIfExists(file(state));
    }

    public StackState with(String name, long pid) {
        Map<String, Long> more = new LinkedHashMap<>(pids);
        more.put(name, pid);
        return new StackState(more, kafkaBootstrap, postgresPort);
    }

    public long pid(String name) {
        Long pid = pids.get(name);
        if (pid == null) {
            throw new IllegalArgumentException("the stack runs no process named " + name);
        }
        return pid;
    }

    /** Names in the order to stop them: added processes first, then the services, the broker, the database. */
    public List<String> stopOrder() {
        List<String> order = new ArrayList<>();
        pids.keySet().stream().filter(name -> !CORE.contains(name)).forEach(order::add);
        CORE.stream().filter(pids::containsKey).forEach(order::add);
        return order;
    }
}
