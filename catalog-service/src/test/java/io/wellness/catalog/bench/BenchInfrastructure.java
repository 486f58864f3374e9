package io.wellness.catalog.bench;

import io.wellness.infra.PostgresServer;
import io.wellness.infra.quarkus.TestInfrastructure;
import io.wellness.infra.quarkus.Tokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Real PostgreSQL, Kafka and Keycloak for {@code bench/run.sh}: starts them on free ports (wellness-infra), writes
 * the service's environment to {@code <dir>/env} and fresh access tokens (they live five minutes) to
 * {@code <dir>/token-employee} and {@code <dir>/token-service} every 30 s, and stops everything when terminated.
 */
public final class BenchInfrastructure {

    private BenchInfrastructure() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench").toAbsolutePath();
        Files.createDirectories(dir);
        System.setProperty("wellness.test.work", dir.resolve("infra").toString());
        // initialise the JDK logger finder first: ensureStarted() holds the system properties' lock while Keycloak
        // starts on another thread, and a logger finder initialised inside that window deadlocks on the same lock
        System.getLogger(BenchInfrastructure.class.getName()).isLoggable(System.Logger.Level.DEBUG);
        TestInfrastructure.ensureStarted();
        PostgresServer.Database db = TestInfrastructure.database("catalog");
        writeTokens(dir);
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor();
        refresher.scheduleAtFixedRate(() -> {
            try {
                writeTokens(dir);
            } catch (IOException | RuntimeException e) {
                System.err.println("token refresh failed: " + e.getMessage());
            }
        }, 30, 30, TimeUnit.SECONDS);
        String env = "WELLNESS_DB_URL=" + db.jdbcUrl() + "\n"
                + "WELLNESS_DB_USER=" + db.user() + "\n"
                + "WELLNESS_DB_PASSWORD=" + db.password() + "\n"
                + "WELLNESS_KAFKA_BOOTSTRAP=" + TestInfrastructure.kafkaBootstrapServers() + "\n"
                + "WELLNESS_OIDC_ISSUER=" + TestInfrastructure.issuer() + "\n";
        writeAtomically(dir.resolve("env"), env);
        System.out.println("[bench] infrastructure ready; environment in " + dir.resolve("env"));
        Thread.currentThread().join();
    }

    private static void writeTokens(Path dir) throws IOException {
        writeAtomically(dir.resolve("token-employee"), Tokens.request(java.util.Map.of("grant_type", "password",
                "client_id", "wellness-cli", "username", "alice", "password", "dev-only-alice", "scope", "openid")));
        writeAtomically(dir.resolve("token-service"), Tokens.serviceAccount());
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
