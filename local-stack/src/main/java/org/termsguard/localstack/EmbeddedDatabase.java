package org.termsguard.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The stack's embedded PostgreSQL (zonky's binaries from Maven Central) on a data directory that outlives the
 * launcher. Started with durable commits: zonky turns {@code synchronous_commit} off by default, which lets a
 * crash forget transactions the client was told had committed — and policy-service commits its Kafka offsets on
 * exactly that promise, so events would be skipped unjudged (found by the reliability suite's F3).
 */
public final class EmbeddedDatabase {

    private EmbeddedDatabase() {}

    /** Starts the server on {@code data} (created on first use) and {@code port}; answers its postmaster's pid. */
    public static long start(Path data, int port, Path log) throws IOException {
        EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return Long.parseLong(
                Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    }
}
