package org.termsguard.testsupport;

import java.net.URI;

/**
 * A PostgreSQL server someone else runs, addressed by a URL such as
 * {@code postgresql://user:secret@localhost:5432} (a {@code jdbc:} prefix and a database path are accepted and
 * ignored: each service gets a database of its own).
 */
record ExternalPostgres(String host, int port, String username, String password) implements PostgresServer {

    static final String PROPERTY = "termsguard.test.db.url";
    static final String ENV = "TERMSGUARD_TEST_DB_URL";

    static ExternalPostgres parse(String url) {
        URI uri = URI.create(url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url);
        if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalStateException(ENV + " must look like postgresql://user:password@host:5432, was " + url);
        }
        String user = "postgres";
        String password = "";
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : "";
        }
        return new ExternalPostgres(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password);
    }

    @Override
    public String description() {
        return "external PostgreSQL at " + host + ":" + port;
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
