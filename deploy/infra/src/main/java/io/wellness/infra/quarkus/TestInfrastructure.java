package io.wellness.infra.quarkus;

import io.wellness.infra.KafkaServer;
import io.wellness.infra.KeycloakServer;
import io.wellness.infra.PlatformTopics;
import io.wellness.infra.Ports;
import io.wellness.infra.PostgresServer;
import io.wellness.infra.RealmFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * One real PostgreSQL, one Kafka broker and one Keycloak per test JVM, started on free ports the first time a test
 * asks and stopped when the JVM exits. Quarkus may load this class again in another class loader when it restarts
 * the application for a test profile, so the coordinates live in system properties (one copy per JVM), and the
 * servers are started at most once whatever class loader asks.
 */
public final class TestInfrastructure {
    static final String POSTGRES_PORT = "wellness.test.postgres.port";
    static final String KAFKA_BOOTSTRAP = "wellness.test.kafka.bootstrap";
    static final String KEYCLOAK_URL = "wellness.test.keycloak.url";
    public static final String REALM = "wellness";
    private static final String JVM_WIDE_LOCK = "io.wellness.infra.quarkus.TestInfrastructure.lock";

    private TestInfrastructure() {
    }

    /** Starts the three servers unless this JVM already did. */
    public static void ensureStarted() {
        Properties jvmWide = System.getProperties();
        // String literals are interned JVM-wide, so this monitor is the same for every class loader. (Holding the
        // Properties monitor instead would block System.getProperty for the whole start, and logging set-up with it.)
        synchronized (JVM_WIDE_LOCK) {
            if (jvmWide.getProperty(POSTGRES_PORT) != null) {
                return;
            }
            Path work = workDirectory();
            long started = System.nanoTime();
            // Keycloak takes longest: start it while PostgreSQL and Kafka come up
            CompletableFuture<KeycloakServer> keycloak = CompletableFuture.supplyAsync(() -> startKeycloak(work));
            PostgresServer postgres = PostgresServer.External.fromEnvironment() != null
                    ? PostgresServer.useExternal(PostgresServer.External.fromEnvironment())
                    : PostgresServer.startEmbedded(Ports.freePort(), work.resolve("postgres"), true);
            KafkaServer kafka = KafkaServer.builder().port(Ports.freePort()).controllerPort(Ports.freePort())
                    .directory(work.resolve("kafka")).heap("384m").build().start(Duration.ofSeconds(90));
            kafka.createTopics(PlatformTopics.partitions());
            KeycloakServer kc;
            try {
                kc = keycloak.join();
            } catch (RuntimeException keycloakFailed) {
                // no shutdown hook is registered yet: without this the broker (its own JVM) outlives the test JVM
                kafka.stop();
                postgres.close();
                throw keycloakFailed;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kc.stop();
                kafka.stop();
                postgres.close();
            }, "wellness-test-infrastructure-stop"));
            jvmWide.setProperty(POSTGRES_PORT, Integer.toString(postgres.port()));
            jvmWide.setProperty("wellness.test.postgres.embedded", Boolean.toString(postgres.isEmbedded()));
            jvmWide.setProperty(KAFKA_BOOTSTRAP, kafka.bootstrapServers());
            jvmWide.setProperty(KEYCLOAK_URL, kc.url());
            System.out.printf("[wellness-test-infrastructure] PostgreSQL :%d, Kafka %s, Keycloak %s ready in %d ms (logs in %s)%n",
                    postgres.port(), kafka.bootstrapServers(), kc.url(), (System.nanoTime() - started) / 1_000_000, work);
            postgresServer = postgres;
        }
    }

    /**
     * A free port can still be taken between choosing it and binding it (an outgoing connection's ephemeral port,
     * another program): a start that fails on a port already in use is retried on new ports.
     */
    private static KeycloakServer startKeycloak(Path work) {
        for (int attempt = 1; ; attempt++) {
            Path dir = work.resolve("keycloak-" + attempt);
            try {
                return KeycloakServer.builder()
                        .realmFile(RealmFile.locate())
                        .workDir(dir)
                        .logFile(dir.resolve("keycloak.log"))
                        // a machine shared by several test JVMs can take over three minutes to start it
                        .startupTimeout(Duration.ofSeconds(Long.getLong("wellness.test.keycloak.startup-seconds", 300)))
                        .build()
                        .start();
            } catch (IllegalStateException e) {
                if (attempt >= 3 || e.getMessage() == null || !e.getMessage().contains("Address already in use")) {
                    throw e;
                }
                System.out.println("[wellness-test-infrastructure] Keycloak port taken meanwhile, retrying on other ports");
            }
        }
    }

    // the instance that started PostgreSQL (only in the class loader that started it); others reconnect by port
    private static PostgresServer postgresServer;

    /** Creates (once) the database a service owns and returns its coordinates. */
    public static PostgresServer.Database database(String name) {
        ensureStarted();
        PostgresServer server = postgresServer;
        if (server == null) {
            int port = Integer.parseInt(System.getProperty(POSTGRES_PORT));
            PostgresServer.External external = PostgresServer.External.fromEnvironment();
            server = PostgresServer.useExternal(external != null ? external
                    : new PostgresServer.External("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "postgres"));
        }
        return server.ensureDatabase(name, name, "test-only-" + name);
    }

    public static String kafkaBootstrapServers() {
        ensureStarted();
        return System.getProperty(KAFKA_BOOTSTRAP);
    }

    public static String keycloakUrl() {
        ensureStarted();
        return System.getProperty(KEYCLOAK_URL);
    }

    public static String issuer() {
        return keycloakUrl() + "/realms/" + REALM;
    }

    private static Path workDirectory() {
        try {
            Path base = Path.of(System.getProperty("wellness.test.work", "target/test-infrastructure"))
                    .toAbsolutePath().resolve(Long.toString(ProcessHandle.current().pid()));
            Files.createDirectories(base);
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
