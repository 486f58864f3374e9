package io.wellness.stack;

import io.wellness.infra.ManagedProcess;
import io.wellness.infra.Ports;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs one packaged Quarkus service (fast-jar) as a child JVM and waits for its readiness endpoint. */
public final class ServiceLauncher {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** A started service: the process, how long it took to be ready, and its resident memory then. */
    public record Started(String name, int port, ManagedProcess process, Duration readyAfter, long rssKiB) {
    }

    /** System property choosing the services' JVM settings: unset = small and quick to start, {@code production}. */
    public static final String JVM_PROPERTY = "wellness.stack.jvm";
    public static final String PRODUCTION_JVM = "production";

    private ServiceLauncher() {
    }

    public static Path runnerJar(Path repoRoot, String module) {
        return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public static Started start(String name, Path runnerJar, int port, Map<String, String> environment,
                                Path dataDir, Path logFile, Duration timeout,
                                java.util.function.Consumer<ManagedProcess> onSpawn) {
        if (!Files.isRegularFile(runnerJar)) {
            throw new IllegalStateException(runnerJar + " is missing: build it with ./mvnw install -DskipTests");
        }
        List<String> command = new ArrayList<>(List.of(ManagedProcess.currentJava()));
        if (PRODUCTION_JVM.equals(System.getProperty(JVM_PROPERTY))) {
            // as deploy/kubernetes runs it: 512 MiB limit, MaxRAMPercentage=75 (384 MB heap), one CPU (serial GC),
            // full JIT: for load runs, where the laptop-sized JVM below would measure the JVM, not the service
            command.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"));
        } else {
            // a small, quick-starting JVM per service: the local stack runs seven JVMs on a laptop
            command.addAll(List.of("-Xms32m", "-Xmx192m", "-XX:MaxMetaspaceSize=160m", "-XX:+UseSerialGC", "-Xss512k",
                    "-XX:ReservedCodeCacheSize=64m", "-XX:TieredStopAtLevel=1"));
        }
        command.addAll(List.of(
                // class-data sharing archive, written at the first stop and reused for faster warm starts
                "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + dataDir.resolve("cds").resolve(name + ".jsa"),
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-Djava.io.tmpdir=" + dataDir.resolve("tmp"),
                "-jar", runnerJar.toString()));
        try {
            Files.createDirectories(dataDir.resolve("cds"));
            Files.createDirectories(dataDir.resolve("tmp"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        long started = System.nanoTime();
        ManagedProcess process = ManagedProcess.start(name, command, environment, runnerJar.getParent(), logFile);
        onSpawn.accept(process);
        process.awaitReady(() -> ready(port), timeout);
        Duration readyAfter = Duration.ofNanos(System.nanoTime() - started);
        return new Started(name, port, process, readyAfter, rssKiB(process.pid()));
    }

    static boolean ready(int port) {
        if (!Ports.isListening(port)) {
            return false;
        }
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** VmRSS of a Linux process in KiB, 0 where /proc is not available. */
    public static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
