package org.termsguard.localstack;

import java.nio.file.Path;

/** The three services of the stack, each with its module and the port it listens on locally: named once, here. */
public enum Service {
    INGEST("ingest", 8081),
    POLICY("policy", 8082),
    ALERT("alert", 8083);

    private final String id;
    private final int port;

    Service(String id, int port) {
        this.id = id;
        this.port = port;
    }

    /** The name the stack state and the logs use: {@code ingest}, {@code policy}, {@code alert}. */
    public String id() {
        return id;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public String health() {
        return url() + "/q/health/ready";
    }

    /** The packaged service under a checkout: {@code <root>/<id>-service/target/quarkus-app/quarkus-run.jar}. */
    public Path jar(Path root) {
        return root.resolve(id + "-service/target/quarkus-app/quarkus-run.jar");
    }
}
