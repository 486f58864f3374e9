package io.wellness.gateway.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.wellness.infra.KeycloakServer;
import io.wellness.infra.Ports;
import io.wellness.infra.RealmFile;
import io.wellness.infra.quarkus.Tokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The same authenticated request through the gateway and directly to a service, in one run, with wrk: added latency
 * (p50, one connection) and throughput (16 connections). Real Keycloak token, the packaged gateway
 * (target/quarkus-app), access log on. Two downstream endpoints: a service that verifies the token itself like every
 * wellness service does ({@link TokenCheckingService}, the target figures), and a bare echo that does no work at all
 * (a lower bound, printed for reference). Run by gateway/bench/run.sh.
 */
public final class GatewayBenchmark {
    private static final Pattern P50 = Pattern.compile("^\\s*50%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

    public static void main(String[] args) throws Exception {
        Path module = Path.of(System.getProperty("bench.module", "gateway")).toAbsolutePath();
        Path work = module.resolve("target").resolve("bench");
        Files.createDirectories(work);
        String seconds = System.getProperty("bench.seconds", "10");
        KeycloakServer keycloak = KeycloakServer.builder().realmFile(RealmFile.locate()).workDir(work.resolve("keycloak"))
                .logFile(work.resolve("keycloak.log")).build().start();
        Vertx vertx = Vertx.vertx();
        Process gateway = null;
        try {
            String issuer = keycloak.issuer("wellness");
            TokenCheckingService checking = new TokenCheckingService(issuer);
            int servicePort = Ports.freePort();
            HttpServer service = vertx.createHttpServer().requestHandler(checking::handle)
                    .listen(servicePort, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            int echoPort = Ports.freePort();
            HttpServer echo = vertx.createHttpServer()
                    .requestHandler(r -> r.response().putHeader("Content-Type", "application/json").end("{\"ok\":true}"))
                    .listen(echoPort, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            int gatewayPort = Ports.freePort();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m"));
            if (Boolean.getBoolean("bench.jfr")) { // -Dbench.jfr=true: CPU profile of the gateway in target/bench/gateway.jfr
                command.add("-XX:StartFlightRecording=filename=" + work.resolve("gateway.jfr") + ",settings=profile,dumponexit=true");
            }
            command.addAll(List.of(
                    "-Dquarkus.http.port=" + gatewayPort,
                    "-Dquarkus.oidc.auth-server-url=" + issuer,
                    "-Dwellness.gateway.services.catalog=http://127.0.0.1:" + servicePort,
                    "-Dwellness.gateway.services.scheduler=http://127.0.0.1:" + echoPort,
                    "-Dwellness.gateway.rate-limit.per-user.capacity=100000000",
                    "-Dwellness.gateway.rate-limit.per-user.refill-per-second=100000000",
                    "-Dwellness.gateway.rate-limit.per-ip.capacity=100000000",
                    "-Dwellness.gateway.rate-limit.per-ip.refill-per-second=100000000",
                    "-Dquarkus.log.console.json.enabled=false",
                    "-jar", module.resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar").toString()));
            gateway = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(work.resolve("gateway.log").toFile()).start();
            String gatewayUrl = "http://127.0.0.1:" + gatewayPort + "/api/catalog/me";
            String directUrl = "http://127.0.0.1:" + servicePort + "/api/catalog/me";
            String gatewayEchoUrl = "http://127.0.0.1:" + gatewayPort + "/api/scheduler/echo";
            String directEchoUrl = "http://127.0.0.1:" + echoPort + "/api/scheduler/echo";
            String token = Tokens.requestAt(issuer, Map.of("grant_type", "password", "client_id", "wellness-cli",
                    "username", "alice", "password", "dev-only-alice", "scope", "openid"));
            awaitOk(gatewayUrl, token);
            awaitOk(directUrl, token);

            // warm-up: JIT of every path and the connection pools
            wrk(directUrl, token, 1, 4, "5");
            wrk(gatewayUrl, token, 2, 16, "10");
            wrk(gatewayEchoUrl, token, 1, 4, "3");
            Result directLatency = wrk(directUrl, token, 1, 1, seconds);
            Result gatewayLatency = wrk(gatewayUrl, token, 1, 1, seconds);
            Result directThroughput = wrk(directUrl, token, 2, 16, seconds);
            Result gatewayThroughput = wrk(gatewayUrl, token, 2, 16, seconds);
            Result echoLatency = wrk(directEchoUrl, token, 1, 1, seconds);
            Result gatewayEchoLatency = wrk(gatewayEchoUrl, token, 1, 1, seconds);
            Result echoThroughput = wrk(directEchoUrl, token, 2, 16, seconds);
            Result gatewayEchoThroughput = wrk(gatewayEchoUrl, token, 2, 16, seconds);

            double added = gatewayLatency.p50Millis() - directLatency.p50Millis();
            double ratio = gatewayThroughput.rps() / directThroughput.rps();
            System.out.println();
            System.out.println("Gateway benchmark (wrk, " + seconds + " s per run, " + Runtime.getRuntime().availableProcessors()
                    + " CPUs shared by wrk, gateway and service; GET with a Keycloak bearer token; load average at start "
                    + String.format("%.1f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()) + ")");
            System.out.println(" service that verifies the token itself (like every wellness service):");
            System.out.printf("  latency p50, 1 connection : direct %.3f ms, through gateway %.3f ms -> added %.3f ms (target <= 0.5 ms) %s%n",
                    directLatency.p50Millis(), gatewayLatency.p50Millis(), added, added <= 0.5 ? "OK" : "MISSED");
            System.out.printf("  throughput, 16 connections: direct %.0f req/s, through gateway %.0f req/s -> %.1f %% of direct (target >= 80 %%) %s%n",
                    directThroughput.rps(), gatewayThroughput.rps(), ratio * 100, ratio >= 0.8 ? "OK" : "MISSED");
            System.out.println(" reference: bare echo that does no work at all:");
            System.out.printf("  latency p50, 1 connection : direct %.3f ms, through gateway %.3f ms -> added %.3f ms%n",
                    echoLatency.p50Millis(), gatewayEchoLatency.p50Millis(), gatewayEchoLatency.p50Millis() - echoLatency.p50Millis());
            System.out.printf("  throughput, 16 connections: direct %.0f req/s, through gateway %.0f req/s -> %.1f %% of direct%n",
                    echoThroughput.rps(), gatewayEchoThroughput.rps(), 100 * gatewayEchoThroughput.rps() / echoThroughput.rps());
            System.out.printf("  non-2xx answers: %d%n", gatewayLatency.errors() + gatewayThroughput.errors()
                    + directLatency.errors() + directThroughput.errors() + gatewayEchoLatency.errors() + gatewayEchoThroughput.errors());
            echo.close();
            service.close();
        } finally {
            if (gateway != null) {
                gateway.destroy();
                gateway.waitFor(10, TimeUnit.SECONDS);
            }
            vertx.close();
            keycloak.stop();
        }
    }

    record Result(double p50Millis, double rps, long errors) {
    }

    private static Result wrk(String url, String token, int threads, int connections, String seconds) throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency",
                "-H", "Authorization: Bearer " + token, url).redirectErrorStream(true).start();
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
        return new Result(millis, Double.parseDouble(rps.group(1)), errors.find() ? Long.parseLong(errors.group(1)) : 0);
    }

    private static void awaitOk(String url, String token) throws Exception {
        List<String> seen = new ArrayList<>();
        try (HttpClient http = HttpClient.newHttpClient()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return;
                    }
                    seen.add(r.statusCode() + " " + r.body());
                } catch (IOException notYet) {
                    // the gateway is still starting
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("gateway did not answer 200 within 60 s: " + seen);
    }
}
