package io.wellness.gateway.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.wellness.infra.PostgresServer;
import io.wellness.infra.Ports;
import io.wellness.infra.quarkus.TestInfrastructure;
import io.wellness.infra.quarkus.Tokens;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The same authenticated GET through the gateway and directly to the service, in one run, with wrk (load generator;
 * 1 connection for latency p50, 16 connections for throughput). Real Keycloak tokens (alice), the packaged gateway
 * (target/quarkus-app, access log on) and three backends, because the ratio depends on how much work the backend
 * itself does per request:
 * <ol>
 * <li>the real catalog-service answering {@code GET /api/catalog/exercises/shoulder-rolls} from its in-memory cache
 * (cheap: token check + cached bytes);</li>
 * <li>the real tracking-service answering {@code GET /api/tracking/me/stats} from PostgreSQL (a typical DB-backed
 * read);</li>
 * <li>a minimal stand-in that only verifies the token and answers a few bytes without any framework
 * ({@link TokenCheckingService}): the worst case for the ratio, printed for reference.</li>
 * </ol>
 * Two methods, both printed: shared cores (every process on every CPU: the ratio then compares the gateway's CPU cost
 * per request with the service's) and CPU-isolated (taskset: the service and the infrastructure on one core, wrk and
 * the gateway on the other, in the direct and the proxied run alike: whether the gateway holds back a service that has
 * a core of its own, as in production where the gateway runs in its own pods). Both also print the gateway's CPU time
 * per relayed request. PostgreSQL, Kafka and Keycloak come from wellness-infra. Run by gateway/bench/run.sh.
 */
public final class GatewayBenchmark {
    private static final Pattern P50 = Pattern.compile("^\\s*50%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final int THROUGHPUT_CONNECTIONS = 16;

    record Scenario(String label, String path, int directPort) {
    }

    record Result(double p50Millis, double rps, long errors, long requests) {
    }

    /** Where wrk runs: unpinned (shared cores) or on the core given to the gateway and wrk (isolated mode). */
    record Load(String cpus) {
        static final Load SHARED = new Load(null);
    }

    public static void main(String[] args) throws Exception {
        Path module = Path.of(System.getProperty("bench.module", "gateway")).toAbsolutePath();
        int cpus = Runtime.getRuntime().availableProcessors(); // before method 2 pins this JVM to one core
        Path root = module.getParent();
        Path work = module.resolve("target").resolve("bench");
        Files.createDirectories(work);
        String seconds = System.getProperty("bench.seconds", "10");
        // the real services are Quarkus JVMs: their JIT needs a longer warm-up than the stand-in
        String warmup = System.getProperty("bench.warmup", "10");
        System.setProperty("wellness.test.work", work.resolve("infra").toString());
        // initialise the JDK logger finder before the infrastructure starts (see catalog-service's BenchInfrastructure)
        System.getLogger(GatewayBenchmark.class.getName()).isLoggable(System.Logger.Level.DEBUG);
        TestInfrastructure.ensureStarted();
        String issuer = TestInfrastructure.issuer();
        Vertx vertx = Vertx.vertx();
        List<Process> processes = new ArrayList<>();
        try {
            int standInPort = Ports.freePort();
            TokenCheckingService checking = new TokenCheckingService(issuer);
            HttpServer standIn = vertx.createHttpServer().requestHandler(checking::handle)
                    .listen(standInPort, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            int catalogPort = Ports.freePort();
            int trackingPort = Ports.freePort();
            processes.add(startService(root, work, "catalog-service", catalogPort, TestInfrastructure.database("catalog")));
            processes.add(startService(root, work, "tracking-service", trackingPort, TestInfrastructure.database("tracking")));
            int gatewayPort = Ports.freePort();
            Path app = module.resolve("target").resolve("quarkus-app");
            processes.add(startGateway(app, work, "gateway", gatewayPort, issuer, catalogPort, trackingPort, standInPort));
            // -Dbench.baseline=<another build's quarkus-app>: that gateway is measured too, in the same run (before/after)
            String baselineApp = System.getProperty("bench.baseline", "");
            int baselinePort = baselineApp.isBlank() ? -1 : Ports.freePort();
            if (baselinePort > 0) {
                processes.add(startGateway(Path.of(baselineApp), work, "baseline-gateway", baselinePort, issuer, catalogPort,
                        trackingPort, standInPort));
            }

            List<Scenario> scenarios = List.of(
                    new Scenario("catalog-service GET /api/catalog/exercises/shoulder-rolls (real service; cached in memory)",
                            "/api/catalog/exercises/shoulder-rolls", catalogPort),
                    new Scenario("tracking-service GET /api/tracking/me/stats (real service; PostgreSQL queries per request)",
                            "/api/tracking/me/stats", trackingPort),
                    new Scenario("minimal stand-in GET /api/scheduler/me (token check + a few bytes, no framework, no DB)",
                            "/api/scheduler/me", standInPort));
            for (Scenario s : scenarios) {
                awaitOk(direct(s), 120);
                awaitOk(gateway(gatewayPort, s), 120);
                if (baselinePort > 0) {
                    awaitOk(gateway(baselinePort, s), 120);
                }
            }
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            Process gatewayProcess = processes.get(2);
            Process baselineProcess = baselinePort > 0 ? processes.get(3) : null;
            List<String> report = new ArrayList<>();
            report.add("");
            report.add("Method 1, shared cores (all processes on all " + cpus
                    + " CPUs): the ratio is about C_service / (C_service + C_gateway), the gateway's CPU cost per request"
                    + " against the service's, because gateway, service and wrk compete for the same cores");
            for (Scenario s : scenarios) {
                measure(report, s, gatewayPort, gatewayProcess, baselinePort, baselineProcess, baselineApp, seconds, warmup,
                        Load.SHARED);
            }
            // Method 2 (see gateway/bench/run.sh): the service (and the infrastructure) on one core, wrk and the gateway on
            // the other, in the direct run and in the run through the gateway alike
            if (isolatedModeAvailable(cpus)) {
                pinIsolated(work, gatewayProcess, baselineProcess);
                Load pinned = new Load(GATEWAY_CPU);
                report.add("");
                report.add("Method 2, CPU-isolated (taskset): the service, the stand-in and PostgreSQL/Kafka/Keycloak on CPU "
                        + SERVICE_CPU + "; wrk and the gateway together on CPU " + GATEWAY_CPU + ", in both the direct and the"
                        + " proxied run: does the gateway (with only part of one core) hold back what the service can serve?");
                for (Scenario s : scenarios) {
                    measure(report, s, gatewayPort, gatewayProcess, baselinePort, baselineProcess, baselineApp, seconds, warmup,
                            pinned);
                }
            } else {
                report.add("");
                report.add("Method 2, CPU-isolated: skipped (needs taskset and at least 2 CPUs; BENCH_ISOLATED=false turns it off)");
            }
            System.out.println();
            System.out.println("Gateway benchmark: load generator " + wrkVersion() + "; the same GET with alice's Keycloak bearer token, directly"
                    + " and through the packaged gateway, " + seconds + " s per run after " + warmup + " s warm-up; "
                    + cpus + " CPUs; load average before "
                    + String.format("%.1f", load) + (load > cpus
                    ? " (above the CPU count: figures are depressed by other processes)" : ""));
            System.out.println("Gateway CPU per request = the gateway process's CPU time (user + system, /proc) during the"
                    + " throughput run divided by the requests it relayed: its own cost, whatever the service costs.");
            report.forEach(System.out::println);
            standIn.close();
        } finally {
            for (Process p : processes) {
                p.destroy();
            }
            for (Process p : processes) {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            vertx.close();
        }
        // PostgreSQL, Kafka and Keycloak stop in the infrastructure's shutdown hook when this JVM exits
    }

    private static final String SERVICE_CPU = "1";
    private static final String GATEWAY_CPU = "0";

    private static void measure(List<String> report, Scenario s, int gatewayPort, Process gatewayProcess, int baselinePort,
                                Process baselineProcess, String baselineApp, String seconds, String warmup, Load where)
            throws Exception {
        // warm-up: JIT of every path and the connection pools
        wrk(direct(s), 2, THROUGHPUT_CONNECTIONS, warmup, where);
        wrk(gateway(gatewayPort, s), 2, THROUGHPUT_CONNECTIONS, warmup, where);
        Result directLatency = wrk(direct(s), 1, 1, seconds, where);
        Result gatewayLatency = wrk(gateway(gatewayPort, s), 1, 1, seconds, where);
        Result directThroughput = wrk(direct(s), 2, THROUGHPUT_CONNECTIONS, seconds, where);
        long cpuBefore = cpuNanos(gatewayProcess);
        Result gatewayThroughput = wrk(gateway(gatewayPort, s), 2, THROUGHPUT_CONNECTIONS, seconds, where);
        double gatewayCpuMicros = (cpuNanos(gatewayProcess) - cpuBefore) / 1000.0 / Math.max(1, gatewayThroughput.requests());
        double added = gatewayLatency.p50Millis() - directLatency.p50Millis();
        double ratio = gatewayThroughput.rps() / directThroughput.rps();
        long errors = directLatency.errors() + gatewayLatency.errors() + directThroughput.errors() + gatewayThroughput.errors();
        report.add(" " + s.label() + ":");
        report.add(String.format("  latency p50, 1 connection : direct %.3f ms, through gateway %.3f ms -> added %.3f ms (target <= 0.5 ms) %s",
                directLatency.p50Millis(), gatewayLatency.p50Millis(), added, added <= 0.5 ? "OK" : "MISSED"));
        report.add(String.format("  throughput, %d connections: direct %.0f req/s, through gateway %.0f req/s -> %.1f %% of direct (target >= 80 %%) %s",
                THROUGHPUT_CONNECTIONS, directThroughput.rps(), gatewayThroughput.rps(), ratio * 100, ratio >= 0.8 ? "OK" : "MISSED"));
        report.add(String.format("  gateway CPU per relayed request: %.1f us", gatewayCpuMicros));
        if (baselineProcess != null) {
            wrk(gateway(baselinePort, s), 2, THROUGHPUT_CONNECTIONS, warmup, where);
            Result baselineLatency = wrk(gateway(baselinePort, s), 1, 1, seconds, where);
            long baselineCpuBefore = cpuNanos(baselineProcess);
            Result baselineThroughput = wrk(gateway(baselinePort, s), 2, THROUGHPUT_CONNECTIONS, seconds, where);
            double baselineCpuMicros = (cpuNanos(baselineProcess) - baselineCpuBefore) / 1000.0
                    / Math.max(1, baselineThroughput.requests());
            report.add(String.format("  baseline gateway (%s): added p50 %.3f ms, %.0f req/s -> %.1f %% of direct; CPU per request %.1f us",
                    baselineApp, baselineLatency.p50Millis() - directLatency.p50Millis(), baselineThroughput.rps(),
                    100 * baselineThroughput.rps() / directThroughput.rps(), baselineCpuMicros));
            errors += baselineLatency.errors() + baselineThroughput.errors();
        }
        report.add("  non-2xx answers: " + errors);
    }

    private static boolean isolatedModeAvailable(int cpus) {
        if (!Boolean.parseBoolean(System.getProperty("bench.isolated", "true")) || cpus < 2) {
            return false;
        }
        try {
            return new ProcessBuilder("taskset", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * Moves every thread of this JVM (the stand-in service), of every process it started (services, Kafka, Keycloak)
     * and of PostgreSQL (its server detaches from this JVM; found by its data directory under the bench's work
     * directory, with its backends) to the service core, then the gateways to the other one. Threads and processes
     * started later inherit their parent's core.
     */
    private static void pinIsolated(Path work, Process gateway, Process baseline) throws Exception {
        Set<ProcessHandle> toServiceCore = new LinkedHashSet<>();
        toServiceCore.add(ProcessHandle.current());
        ProcessHandle.current().descendants().forEach(toServiceCore::add);
        String workDir = work.toString();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(workDir)).orElse(false))
                .forEach(p -> {
                    toServiceCore.add(p);
                    p.descendants().forEach(toServiceCore::add);
                });
        for (ProcessHandle p : toServiceCore) {
            if (p.pid() != gateway.pid() && (baseline == null || p.pid() != baseline.pid())) {
                taskset(SERVICE_CPU, p.pid());
            }
        }
        taskset(GATEWAY_CPU, gateway.pid());
        if (baseline != null) {
            taskset(GATEWAY_CPU, baseline.pid());
        }
    }

    private static void taskset(String cpus, long pid) throws Exception {
        // -a: every thread of the process; a process that ended meanwhile (e.g. a short PostgreSQL worker) is no matter
        new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(pid))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    /** User + system CPU time the process has used so far, from /proc/<pid>/stat (clock ticks of 10 ms). */
    private static long cpuNanos(Process process) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
        return ticks * 10_000_000L;
    }

    private static String direct(Scenario s) {
        return "http://127.0.0.1:" + s.directPort() + s.path();
    }

    private static String gateway(int gatewayPort, Scenario s) {
        return "http://127.0.0.1:" + gatewayPort + s.path();
    }

    private static Process startService(Path root, Path work, String name, int port, PostgresServer.Database db) throws IOException {
        Path jar = root.resolve(name).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx256m", "-Dquarkus.http.port=" + port,
                "-Dquarkus.log.console.json.enabled=false", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile());
        builder.environment().putAll(Map.of(
                "WELLNESS_DB_URL", db.jdbcUrl(),
                "WELLNESS_DB_USER", db.user(),
                "WELLNESS_DB_PASSWORD", db.password(),
                "WELLNESS_KAFKA_BOOTSTRAP", TestInfrastructure.kafkaBootstrapServers(),
                "WELLNESS_OIDC_ISSUER", TestInfrastructure.issuer()));
        return builder.start();
    }

    private static Process startGateway(Path app, Path work, String name, int port, String issuer, int catalogPort,
                                        int trackingPort, int standInPort) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m"));
        if (Boolean.getBoolean("bench.jfr")) { // -Dbench.jfr=true: CPU profile of the gateway in target/bench/<name>.jfr
            command.add("-XX:StartFlightRecording=filename=" + work.resolve(name + ".jfr") + ",settings=profile,dumponexit=true");
        }
        command.addAll(List.of(
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.oidc.auth-server-url=" + issuer,
                "-Dwellness.gateway.services.catalog=http://127.0.0.1:" + catalogPort,
                "-Dwellness.gateway.services.tracking=http://127.0.0.1:" + trackingPort,
                "-Dwellness.gateway.services.scheduler=http://127.0.0.1:" + standInPort,
                "-Dwellness.gateway.rate-limit.per-user.capacity=100000000",
                "-Dwellness.gateway.rate-limit.per-user.refill-per-second=100000000",
                "-Dwellness.gateway.rate-limit.per-ip.capacity=100000000",
                "-Dwellness.gateway.rate-limit.per-ip.refill-per-second=100000000",
                "-Dquarkus.log.console.json.enabled=false",
                "-jar", app.resolve("quarkus-run.jar").toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile()).start();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A fresh token for every run: Keycloak's access tokens live five minutes, longer than the whole benchmark's share. */
    private static String token() {
        return Tokens.request(Map.of("grant_type", "password", "client_id", "wellness-cli",
                "username", "alice", "password", "dev-only-alice", "scope", "openid"));
    }

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

    private static Result wrk(String url, int threads, int connections, String seconds, Load where) throws Exception {
        List<String> command = new ArrayList<>();
        if (where.cpus() != null) {
            command.addAll(List.of("taskset", "-c", where.cpus()));
        }
        command.addAll(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency",
                "-H", "Authorization: Bearer " + token(), url));
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        Matcher p50 = P50.matcher(out);
        Matcher rps = RPS.matcher(out);
        if (!p50.find() || !rps.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + out);
        }
        double value = Double.parseDouble(p50.group(1));
        double millis = switch (p50.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
        Matcher errors = NON_2XX.matcher(out);
        Matcher requests = REQUESTS.matcher(out);
        return new Result(millis, Double.parseDouble(rps.group(1)), errors.find() ? Long.parseLong(errors.group(1)) : 0,
                requests.find() ? Long.parseLong(requests.group(1)) : 0);
    }

    private static String wrkVersion() throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        String first = out.lines().findFirst().orElse("wrk");
        return first.contains("[") ? first.substring(0, first.indexOf('[')).trim() : first.trim();
    }

    private static void awaitOk(String url, int timeoutSeconds) throws Exception {
        List<String> seen = new ArrayList<>();
        String token = token();
        // HTTP/1.1 like wrk (the JDK client would otherwise try an h2c upgrade)
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return;
                    }
                    seen.add(r.statusCode() + " " + r.body());
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException(url + " did not answer 200 within " + timeoutSeconds + " s: "
                + seen.subList(Math.max(0, seen.size() - 3), seen.size()));
    }
}
