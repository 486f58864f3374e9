package io.wellness.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server: by default the PostgreSQL binaries packaged on Maven Central (zonky), run as a child
 * process on the given port and data directory; or an existing server when {@link External} settings are given.
 * Either way {@link #ensureDatabase} gives every service its own database and role (database per service).
 */
public final class PostgresServer implements AutoCloseable {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** An existing server: an admin JDBC URL (any database) and a role allowed to create roles and databases. */
    public record External(String adminJdbcUrl, String user, String password) {
        /** Reads {@code WELLNESS_POSTGRES_URL}, {@code WELLNESS_POSTGRES_USER}, {@code WELLNESS_POSTGRES_PASSWORD}. */
        public static External fromEnvironment() {
            String url = setting("WELLNESS_POSTGRES_URL", "wellness.postgres.url");
            if (url == null || url.isBlank()) {
                return null;
            }
            return new External(url, setting("WELLNESS_POSTGRES_USER", "wellness.postgres.user"),
                    setting("WELLNESS_POSTGRES_PASSWORD", "wellness.postgres.password"));
        }
    }

    /** The coordinates one service uses to reach its own database. */
    public record Database(String name, String jdbcUrl, String user, String password) {
    }

    private final EmbeddedPostgres embedded;
    private final External external;
    private final String host;
    private final int port;

    private PostgresServer(EmbeddedPostgres embedded, External external, String host, int port) {
        this.embedded = embedded;
        this.external = external;
        this.host = host;
        this.port = port;
    }

    /**
     * Starts embedded PostgreSQL. {@code dataDirectory} survives restarts (the local stack keeps its data);
     * pass {@code clean=true} for a throw-away cluster (tests).
     */
    public static PostgresServer startEmbedded(int port, Path dataDirectory, boolean clean) {
        return startEmbedded(port, dataDirectory, clean, null, true);
    }

    /**
     * As above; {@code logFile} (nullable) receives the server's output, and {@code stopOnJvmExit=false} leaves the
     * stopping to the caller, who may need to stop its clients first (the local stack stops the services, then
     * PostgreSQL).
     */
    public static PostgresServer startEmbedded(int port, Path dataDirectory, boolean clean, Path logFile,
                                               boolean stopOnJvmExit) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setRegisterShutdownHook(stopOnJvmExit);
            if (logFile != null) {
                java.nio.file.Files.createDirectories(logFile.toAbsolutePath().getParent());
                builder.setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            }
            EmbeddedPostgres pg = builder
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(clean)
                    // small footprint for a laptop or a CI machine; fsync off only for throw-away clusters
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "128MB")
                    .setServerConfig("fsync", clean ? "off" : "on")
                    .setServerConfig("synchronous_commit", clean ? "off" : "on")
                    .setServerConfig("full_page_writes", clean ? "off" : "on")
                    .start();
            return new PostgresServer(pg, null, "localhost", port);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start on port " + port, e);
        }
    }

    /** Uses an existing server; checks it answers now rather than at the first service's start. */
    public static PostgresServer useExternal(External external) {
        try (Connection ignored = DriverManager.getConnection(external.adminJdbcUrl(), external.user(), external.password())) {
            String hostPort = external.adminJdbcUrl().replaceFirst("^jdbc:postgresql://", "").replaceFirst("/.*$", "");
            String[] parts = hostPort.split(":");
            return new PostgresServer(null, external, parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 5432);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + external.adminJdbcUrl() + " is not reachable: " + e.getMessage(), e);
        }
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public Connection adminConnection() throws SQLException {
        if (embedded != null) {
            return DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "postgres");
        }
        return DriverManager.getConnection(external.adminJdbcUrl(), external.user(), external.password());
    }

    /**
     * Creates (if missing) a role and a database it owns; the role cannot reach the other services' databases.
     * Idempotent, so the local stack and every test run can call it at each start.
     */
    public Database ensureDatabase(String name, String user, String password) {
        requireIdentifier(name);
        requireIdentifier(user);
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            if (!exists(c, "select 1 from pg_roles where rolname = ?", user)) {
                s.execute("create role " + user + " login password '" + password.replace("'", "''") + "'");
            }
            if (!exists(c, "select 1 from pg_database where datname = ?", name)) {
                s.execute("create database " + name + " owner " + user);
                s.execute("revoke all on database " + name + " from public");
            }
            return new Database(name, jdbcUrl(name), user, password);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    public void dropDatabase(String name) {
        requireIdentifier(name);
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop database " + name + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void requireIdentifier(String identifier) {
        if (!IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException("not a safe SQL identifier: " + identifier);
        }
    }

    static String setting(String env, String property) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(env);
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }
}
