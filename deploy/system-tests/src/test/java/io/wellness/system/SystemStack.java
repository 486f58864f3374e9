package io.wellness.system;

import io.wellness.infra.KafkaServer;
import io.wellness.infra.KeycloakServer;
import io.wellness.infra.ManagedProcess;
import io.wellness.infra.PlatformTopics;
import io.wellness.infra.Ports;
import io.wellness.infra.PostgresServer;
import io.wellness.stack.ServiceLauncher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole platform as it runs in production, on free ports: PostgreSQL, Kafka and Keycloak (deploy/infra) and the
 * four packaged services as child JVMs (deploy/local-stack's launcher), each service with extra environment from the
 * test. Services can be added (a second scheduler replica), killed with SIGKILL and restarted; Kafka and PostgreSQL
 * can be restarted under running services.
 */
final class SystemStack implements AutoCloseable {
    static final String REALM = "wellness";
    private static final Duration INFRA_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(150);
    private static final List<String> BACKENDS = List.of("catalog", "scheduler", "tracking");

    private final Path repoRoot;
    private final Path dataDir;
    private final Path logDir;
    private final Map<String, Map<String, String>> extraEnvironment;
    private final int postgresPort = Ports.freePort();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ManagedProcess> running = new LinkedHashMap<>();
    private final Map<String, PostgresServer.Database> databases = new LinkedHashMap<>();
    private volatile PostgresServer postgres;
    private KafkaServer kafka;
    private KeycloakServer keycloak;

    private SystemStack(Path repoRoot, Path dataDir, Map<String, Map<String, String>> extraEnvironment) {
        this.repoRoot = repoRoot;
        this.dataDir = dataDir;
        this.logDir = dataDir.resolve("logs");
        this.extraEnvironment = extraEnvironment;
    }

    /** Starts everything; {@code extraEnvironment} maps a service name (catalog, scheduler, tracking, gateway) to its extra variables. */
    static SystemStack start(Path dataDir, Map<String, Map<String, String>> extraEnvironment) {
        Path repoRoot = Path.of(System.getProperty("wellness.repo.root", "../..")).toAbsolutePath().normalize();
        SystemStack stack = new SystemStack(repoRoot, dataDir, extraEnvironment);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        try {
            Files.createDirectories(logDir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CompletableFuture<Void> pg = CompletableFuture.runAsync(() -> {
            // not a "clean" (throw-away) cluster: that one is deleted when it stops, and restartPostgres needs the data
            postgres = PostgresServer.startEmbedded(postgresPort, dataDir.resolve("postgres"), false,
                    logDir.resolve("postgresql.log"), false);
            for (String service : BACKENDS) {
                databases.put(service, postgres.ensureDatabase(service, service, "dev-only-" + service));
            }
        });
        CompletableFuture<Void> broker = CompletableFuture.runAsync(() -> {
            kafka = KafkaServer.builder().port(Ports.freePort()).controllerPort(Ports.freePort())
                    .directory(dataDir.resolve("kafka")).logFile(logDir.resolve("kafka.log")).heap("512m").build();
            kafka.start(INFRA_TIMEOUT);
            kafka.createTopics(PlatformTopics.partitions());
        });
        CompletableFuture<Void> idp = CompletableFuture.runAsync(() -> {
            keycloak = KeycloakServer.builder().httpPort(Ports.freePort()).managementPort(Ports.freePort())
                    .realmFile(repoRoot.resolve("deploy/realm/wellness-realm.json"))
                    .workDir(dataDir.resolve("keycloak")).logFile(logDir.resolve("keycloak.log"))
                    .startupTimeout(INFRA_TIMEOUT).build();
            keycloak.start();
        });
        CompletableFuture.allOf(pg, broker, idp).join();
        for (String name : List.of("catalog", "scheduler", "tracking", "gateway")) {
            ports.put(name, Ports.freePort());
        }
        // the catalog first: the scheduler asks it for plans
        startService("catalog");
        List<CompletableFuture<Void>> rest = new ArrayList<>();
        for (String name : List.of("scheduler", "tracking", "gateway")) {
            rest.add(CompletableFuture.runAsync(() -> startService(name)));
        }
        rest.forEach(CompletableFuture::join);
    }

    /** Starts (or starts again) one service; a name like {@code scheduler-2} is another replica of {@code scheduler}. */
    void startService(String name) {
        String kind = name.replaceFirst("-\\d+$", "");
        int port = ports.computeIfAbsent(name, n -> Ports.freePort());
        Map<String, String> env = environment(kind, port);
        env.putAll(extraEnvironment.getOrDefault(kind, Map.of()));
        String module = kind.equals("gateway") ? "gateway" : kind + "-service";
        List<ManagedProcess> spawned = new ArrayList<>();
        try {
            ServiceLauncher.start(name, ServiceLauncher.runnerJar(repoRoot, module), port, env, dataDir,
                    logDir.resolve(name + ".log"), SERVICE_TIMEOUT, process -> {
                        spawned.add(process);
                        synchronized (running) {
                            running.put(name, process);
                        }
                    });
        } catch (RuntimeException e) {
            String tail = spawned.isEmpty() ? "" : spawned.getFirst().tail(40);
            throw new IllegalStateException(name + " did not start: " + e.getMessage() + "\n" + tail, e);
        }
    }

    /** SIGKILL: the JVM gets no chance to finish anything (no shutdown hooks, no commits, no leave-group). */
    void kill(String name) {
        ManagedProcess process;
        synchronized (running) {
            process = running.remove(name);
        }
        process.tree().forEach(ProcessHandle::destroyForcibly);
        process.processWaitFor(Duration.ofSeconds(20));
    }

    void stopService(String name) {
        ManagedProcess process;
        synchronized (running) {
            process = running.remove(name);
        }
        process.stop(Duration.ofSeconds(20));
    }

    boolean isRunning(String name) {
        synchronized (running) {
            ManagedProcess process = running.get(name);
            return process != null && process.isAlive();
        }
    }

    /** Stops the broker cleanly and starts it again on the same ports with the same data. */
    void restartKafka(Duration down) {
        kafka.stop();
        sleep(down);
        kafka.start(INFRA_TIMEOUT);
    }

    /** Stops PostgreSQL (every service loses its connections) and starts it again on the same data. */
    void restartPostgres(Duration down) {
        postgres.close();
        sleep(down);
        postgres = PostgresServer.startEmbedded(postgresPort, dataDir.resolve("postgres"), false,
                logDir.resolve("postgresql.log"), false);
    }

    PostgresServer postgres() {
        return postgres;
    }

    PostgresServer.Database database(String service) {
        return databases.get(service);
    }

    KeycloakServer keycloak() {
        return keycloak;
    }

    String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    String url(String service) {
        return "http://localhost:" + ports.get(service);
    }

    String gateway() {
        return url("gateway");
    }

    Path logDir() {
        return logDir;
    }

    long rssKiB(String name) {
        return memoryKiB(name, "VmRSS:");
    }

    /** A memory field of the service's JVM in /proc/PID/status (see ServiceLauncher.statusKiB). */
    long memoryKiB(String name, String field) {
        synchronized (running) {
            ManagedProcess process = running.get(name);
            return process == null ? 0 : ServiceLauncher.statusKiB(process.tree().getLast().pid(), field);
        }
    }

    private Map<String, String> environment(String kind, int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("WELLNESS_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("WELLNESS_OIDC_ISSUER", keycloak.issuer(REALM));
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.put("WELLNESS_CATALOG_URL", url("catalog"));
        env.put("WELLNESS_SCHEDULER_URL", url("scheduler"));
        env.put("WELLNESS_TRACKING_URL", url("tracking"));
        if (!kind.equals("gateway")) {
            PostgresServer.Database db = databases.get(kind);
            env.put("WELLNESS_DB_URL", db.jdbcUrl());
            env.put("WELLNESS_DB_USER", db.user());
            env.put("WELLNESS_DB_PASSWORD", db.password());
            env.put("WELLNESS_KEYCLOAK_URL", keycloak.url());
        }
        return env;
    }

    @Override
    public void close() {
        List<ManagedProcess> services;
        synchronized (running) {
            services = new ArrayList<>(running.values());
            running.clear();
        }
        services.stream().map(p -> CompletableFuture.runAsync(() -> p.stop(Duration.ofSeconds(15))))
                .toList().forEach(CompletableFuture::join);
        List<Runnable> infra = new ArrayList<>();
        if (kafka != null) {
            infra.add(kafka::stop);
        }
        if (keycloak != null) {
            infra.add(keycloak::stop);
        }
        if (postgres != null) {
            infra.add(postgres::close);
        }
        infra.stream().map(CompletableFuture::runAsync).toList().forEach(f -> {
            try {
                f.join();
            } catch (RuntimeException e) {
                System.out.println("while stopping: " + e.getMessage());
            }
        });
    }

    /** Removes the databases, Kafka's and Keycloak's data once stopped; the logs stay for a look after a failure. */
    void deleteDataKeepingLogs() {
        try (var entries = Files.list(dataDir)) {
            for (Path entry : entries.filter(p -> !p.equals(logDir)).toList()) {
                try (var files = Files.walk(entry)) {
                    for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (java.io.IOException e) {
            System.out.println("could not delete " + dataDir + ": " + e.getMessage());
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
