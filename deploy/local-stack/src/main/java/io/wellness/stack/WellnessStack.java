package io.wellness.stack;

import io.wellness.infra.KafkaServer;
import io.wellness.infra.KeycloakServer;
import io.wellness.infra.ManagedProcess;
import io.wellness.infra.PlatformTopics;
import io.wellness.infra.Ports;
import io.wellness.infra.PostgresServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The whole platform on one machine, without Docker: {@code up} starts PostgreSQL, Kafka, Keycloak and the four
 * services, prints URLs, demo logins and start-up figures, and stops everything it started on Ctrl-C.
 * {@code status}, {@code down} and {@code reset} act on the stack of the same data folder.
 */
public final class WellnessStack {
    private static final Duration INFRA_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> BACKEND_SERVICES = List.of("catalog", "scheduler", "tracking");

    private final Path repoRoot;
    private final Path dataDir;
    private final Path logDir;
    private final StackPorts ports;
    private final List<Runnable> stopActions = new ArrayList<>();

    WellnessStack(Path repoRoot, Path dataDir, StackPorts ports) {
        this.repoRoot = repoRoot;
        this.dataDir = dataDir;
        this.logDir = dataDir.resolve("logs");
        this.ports = ports;
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "up" : args[0];
        Path repoRoot = Path.of(System.getProperty("wellness.repo.root",
                Optional.ofNullable(System.getenv("WELLNESS_REPO_ROOT")).orElse("."))).toAbsolutePath().normalize();
        Path dataDir = Path.of(Optional.ofNullable(System.getenv("WELLNESS_DATA_DIR"))
                .orElse(repoRoot.resolve("deploy/.local").toString())).toAbsolutePath().normalize();
        WellnessStack stack = new WellnessStack(repoRoot, dataDir, StackPorts.fromEnvironment());
        int exit = switch (command) {
            case "up" -> stack.up();
            case "status" -> stack.status();
            case "down" -> stack.down();
            case "reset" -> stack.reset();
            default -> {
                System.err.println("usage: wellness up | status | down | reset");
                yield 64;
            }
        };
        if (exit != 0 || !command.equals("up")) {
            System.exit(exit);
        }
    }

    int up() {
        Optional<ProcessHandle> running = StackLock.runningLauncher(dataDir);
        if (running.isPresent()) {
            System.out.printf("The wellness stack is already running (launcher pid %d, data in %s).%n", running.get().pid(), dataDir);
            printUrls();
            System.out.println("Stop it with Ctrl-C in its terminal or `deploy/wellness down`.");
            return 3;
        }
        Optional<StackLock> lock = StackLock.tryAcquire(dataDir);
        if (lock.isEmpty()) {
            System.out.println("Another wellness launcher is starting in " + dataDir + "; not starting a second one.");
            return 3;
        }
        stopActions.add(lock.get()::close);
        List<String> busy = ports.all().entrySet().stream().filter(e -> Ports.isListening(e.getValue()))
                .map(e -> e.getKey() + " port " + e.getValue()).toList();
        if (!busy.isEmpty()) {
            System.out.println("Cannot start: these ports are already in use by another program: " + String.join(", ", busy)
                    + ". Stop it, or set WELLNESS_PORT_OFFSET to shift every port.");
            stopAll();
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "wellness-stack-stop"));
        long started = System.nanoTime();
        Map<String, String> figures = new LinkedHashMap<>();
        try {
            Files.createDirectories(logDir);
            System.out.println("Starting PostgreSQL, Kafka and Keycloak (logs in " + logDir + ") ...");
            CompletableFuture<PostgresServer> postgres = timed("PostgreSQL", figures, this::startPostgres);
            CompletableFuture<KafkaServer> kafka = timed("Kafka", figures, this::startKafka);
            CompletableFuture<KeycloakServer> keycloak = timed("Keycloak", figures, this::startKeycloak);
            PostgresServer pg = join(postgres);
            Map<String, PostgresServer.Database> databases = new LinkedHashMap<>();
            for (String service : BACKEND_SERVICES) {
                databases.put(service, pg.ensureDatabase(service, service, "dev-only-" + service));
            }
            join(kafka).createTopics(PlatformTopics.partitions());
            join(keycloak);
            // added after the infrastructure's stop actions, so the services stop first on the way down
            stopActions.add(this::stopServices);

            System.out.println("Starting the services ...");
            List<CompletableFuture<ServiceLauncher.Started>> services = new ArrayList<>();
            for (String service : BACKEND_SERVICES) {
                services.add(CompletableFuture.supplyAsync(() -> startService(service + "-service", portOf(service),
                        backendEnvironment(service, databases.get(service)))));
            }
            if (Files.isRegularFile(ServiceLauncher.runnerJar(repoRoot, "gateway"))) {
                services.add(CompletableFuture.supplyAsync(() -> startService("gateway", ports.gateway(), gatewayEnvironment())));
            }
            List<ServiceLauncher.Started> ready = services.stream().map(WellnessStack::join).toList();
            long total = (System.nanoTime() - started) / 1_000_000;
            printSummary(figures, ready, total);
            watchForCrashes(ready);
            new CountDownLatch(1).await();
            return 0;
        } catch (RuntimeException | IOException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            System.out.println();
            System.out.println("FAILED to start: " + cause.getMessage());
            stopAll();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private PostgresServer startPostgres() {
        PostgresServer.External external = PostgresServer.External.fromEnvironment();
        PostgresServer server = external != null ? PostgresServer.useExternal(external)
                : PostgresServer.startEmbedded(ports.postgres(), dataDir.resolve("postgres"), false,
                logDir.resolve("postgresql.log"), false);
        stopActions.add(server::close);
        return server;
    }

    private KafkaServer startKafka() {
        KafkaServer kafka = KafkaServer.builder().port(ports.kafka()).controllerPort(ports.kafkaController())
                .directory(dataDir.resolve("kafka")).logFile(logDir.resolve("kafka.log")).heap("512m").build();
        stopActions.add(kafka::stop);
        return kafka.start(INFRA_TIMEOUT);
    }

    private KeycloakServer startKeycloak() {
        KeycloakServer keycloak = KeycloakServer.builder().httpPort(ports.keycloak()).managementPort(ports.keycloakManagement())
                .realmFile(repoRoot.resolve("deploy/realm/wellness-realm.json"))
                .workDir(dataDir.resolve("keycloak")).logFile(logDir.resolve("keycloak.log"))
                .startupTimeout(INFRA_TIMEOUT).build();
        stopActions.add(keycloak::stop);
        return keycloak.start();
    }

    private ServiceLauncher.Started startService(String name, int port, Map<String, String> environment) {
        Path log = logDir.resolve(name + ".log");
        try {
            // registered as soon as it is spawned: a Ctrl-C during start-up stops it too
            return ServiceLauncher.start(name, ServiceLauncher.runnerJar(repoRoot, name), port,
                    environment, dataDir, log, SERVICE_TIMEOUT, process -> {
                        synchronized (runningServices) {
                            runningServices.add(process);
                        }
                    });
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + " did not start: " + e.getMessage(), e);
        }
    }

    private final List<ManagedProcess> runningServices = new ArrayList<>();

    private void stopServices() {
        List<ManagedProcess> services;
        synchronized (runningServices) {
            services = new ArrayList<>(runningServices);
        }
        services.stream().map(p -> CompletableFuture.runAsync(() -> p.stop(Duration.ofSeconds(15))))
                .toList().forEach(CompletableFuture::join);
    }

    private int portOf(String service) {
        return switch (service) {
            case "catalog" -> ports.catalog();
            case "scheduler" -> ports.scheduler();
            case "tracking" -> ports.tracking();
            default -> throw new IllegalArgumentException(service);
        };
    }

    private String issuer() {
        return "http://localhost:" + ports.keycloak() + "/realms/wellness";
    }

    private Map<String, String> commonEnvironment(int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("WELLNESS_KAFKA_BOOTSTRAP", "localhost:" + ports.kafka());
        env.put("WELLNESS_OIDC_ISSUER", issuer());
        // plain-text logs in the local log files; JSON stays the default everywhere else
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.put("WELLNESS_API_DOCS_POLICY", "permit");
        return env;
    }

    private Map<String, String> backendEnvironment(String service, PostgresServer.Database db) {
        Map<String, String> env = commonEnvironment(portOf(service));
        env.put("WELLNESS_DB_URL", db.jdbcUrl());
        env.put("WELLNESS_DB_USER", db.user());
        env.put("WELLNESS_DB_PASSWORD", db.password());
        env.put("WELLNESS_CATALOG_URL", "http://localhost:" + ports.catalog());
        env.put("WELLNESS_KEYCLOAK_URL", "http://localhost:" + ports.keycloak());
        if (service.equals("scheduler")) {
            env.putAll(DemoSettings.scheduler());
        }
        return env;
    }

    private Map<String, String> gatewayEnvironment() {
        Map<String, String> env = commonEnvironment(ports.gateway());
        env.put("WELLNESS_CATALOG_URL", "http://localhost:" + ports.catalog());
        env.put("WELLNESS_SCHEDULER_URL", "http://localhost:" + ports.scheduler());
        env.put("WELLNESS_TRACKING_URL", "http://localhost:" + ports.tracking());
        return env;
    }

    private void printSummary(Map<String, String> figures, List<ServiceLauncher.Started> services, long totalMillis) {
        System.out.println();
        System.out.println("Wellness platform is up.");
        System.out.println();
        System.out.println("  component            ready after    RSS");
        figures.forEach((name, figure) -> System.out.printf(Locale.ROOT, "  %-20s %s%n", name, figure));
        for (ServiceLauncher.Started s : services) {
            System.out.printf(Locale.ROOT, "  %-20s %6.2f s   %4d MB%n", s.name(), s.readyAfter().toMillis() / 1000.0, s.rssKiB() / 1024);
        }
        System.out.printf(Locale.ROOT, "  %-20s %6.2f s%n", "whole stack", totalMillis / 1000.0);
        System.out.println();
        printUrls();
        System.out.println();
        System.out.println("  Demo logins (DEV ONLY passwords, dev-only-<username>):");
        System.out.println("    employee:  alice / dev-only-alice   (team engineering; also bob, carol, dave, erin, frank)");
        System.out.println("    team lead: tara / dev-only-tara     (engineering), logan / dev-only-logan (sales)");
        System.out.println("    hr:        harriet / dev-only-harriet");
        System.out.println("    admin:     adam / dev-only-adam");
        System.out.println("    teams:     engineering (7), sales (5), design (3: dana, diego, dora - below the privacy threshold)");
        System.out.println();
        System.out.println("  A token for curl:  curl -s -d grant_type=password -d client_id=wellness-cli -d username=alice \\");
        System.out.println("                       -d password=dev-only-alice " + issuer() + "/protocol/openid-connect/token");
        System.out.println();
        System.out.println("WELLNESS STACK READY in " + String.format(Locale.ROOT, "%.1f", totalMillis / 1000.0) + " s  (Ctrl-C stops everything)");
    }

    private void printUrls() {
        System.out.println("  Web app (gateway):   http://localhost:" + ports.gateway() + "/");
        System.out.println("  APIs via gateway:    http://localhost:" + ports.gateway() + "/api/{catalog,scheduler,tracking}/...");
        System.out.println("  Keycloak:            http://localhost:" + ports.keycloak() + "/  (master admin: admin / dev-only-admin)");
        System.out.println("  Swagger UI:          http://localhost:" + ports.catalog() + "/q/swagger-ui  (" + ports.scheduler() + ", " + ports.tracking() + " likewise)");
        System.out.println("  Kafka:               localhost:" + ports.kafka() + "    PostgreSQL: localhost:" + ports.postgres());
    }

    private void watchForCrashes(List<ServiceLauncher.Started> services) {
        for (ServiceLauncher.Started s : services) {
            s.process().tree().getLast().onExit().thenRun(() -> {
                if (!stopping) {
                    System.out.println(s.name() + " stopped unexpectedly; last lines of " + s.process().logFile() + ":");
                    System.out.println(s.process().tail(20));
                }
            });
        }
    }

    private volatile boolean stopping;

    private synchronized void stopAll() {
        if (stopping) {
            return;
        }
        stopping = true;
        List<Runnable> actions;
        synchronized (stopActions) {
            actions = new ArrayList<>(stopActions);
        }
        // services first (reverse start order), then the infrastructure, the lock last
        for (int i = actions.size() - 1; i >= 0; i--) {
            try {
                actions.get(i).run();
            } catch (RuntimeException e) {
                System.out.println("while stopping: " + e.getMessage());
            }
        }
        System.out.println("Wellness stack stopped.");
    }

    int status() {
        Optional<ProcessHandle> running = StackLock.runningLauncher(dataDir);
        if (running.isEmpty()) {
            System.out.println("The wellness stack is not running (data in " + dataDir + ").");
            return 1;
        }
        System.out.println("The wellness stack is running (launcher pid " + running.get().pid() + ").");
        ports.all().forEach((name, port) -> System.out.printf("  %-20s %5d  %s%n", name, port, Ports.isListening(port) ? "listening" : "DOWN"));
        return 0;
    }

    int down() {
        Optional<ProcessHandle> running = StackLock.runningLauncher(dataDir);
        if (running.isEmpty()) {
            System.out.println("The wellness stack is not running.");
            return 0;
        }
        running.get().destroy();
        try {
            running.get().onExit().get(90, java.util.concurrent.TimeUnit.SECONDS);
            System.out.println("Wellness stack stopped.");
            return 0;
        } catch (Exception e) {
            System.out.println("The launcher (pid " + running.get().pid() + ") did not stop within 90 s.");
            return 1;
        }
    }

    int reset() {
        if (StackLock.runningLauncher(dataDir).isPresent()) {
            System.out.println("The wellness stack is running: stop it before a reset.");
            return 1;
        }
        if (!Files.exists(dataDir)) {
            System.out.println("Nothing to reset: " + dataDir + " does not exist.");
            return 0;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.out.println("Could not delete " + dataDir + ": " + e.getMessage());
            return 1;
        }
        System.out.println("Deleted " + dataDir + " (databases, Kafka topics, Keycloak data, logs).");
        return 0;
    }

    private static <T> CompletableFuture<T> timed(String name, Map<String, String> figures, java.util.function.Supplier<T> start) {
        return CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            T result = start.get();
            long millis = (System.nanoTime() - t0) / 1_000_000;
            synchronized (figures) {
                figures.put(name, String.format(Locale.ROOT, "%6.2f s", millis / 1000.0));
            }
            System.out.printf(Locale.ROOT, "  %-20s ready in %.2f s%n", name, millis / 1000.0);
            return result;
        });
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
