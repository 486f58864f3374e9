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
    /** Extra JVM options for the production settings (diagnostics only). */
    public static final String JVM_OPTIONS_PROPERTY = "wellness.stack.jvm.options";

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
        Map<String, String> processEnvironment = new java.util.HashMap<>(environment);
        if (PRODUCTION_JVM.equals(System.getProperty(JVM_PROPERTY))) {
            // exactly as deploy/kubernetes runs it (the image's JAVA_OPTS within the Deployment's limits), full JIT:
            // for load runs, where the laptop-sized JVM below would measure the JVM, not the service
            Path module = runnerJar.toAbsolutePath().getParent().getParent().getParent();
            ContainerJvmSettings pod = ContainerJvmSettings.of(module.getParent(), module.getFileName().toString());
            command.addAll(pod.javaOptions());
            processEnvironment.putAll(pod.environment());
            // e.g. -Dwellness.stack.jvm.options=-XX:NativeMemoryTracking=summary to see where a service's memory goes
            String extra = System.getProperty(JVM_OPTIONS_PROPERTY, "").trim();
            if (!extra.isEmpty()) {
                command.addAll(List.of(extra.split("\\s+")));
            }
        } else {
            // a small, quick-starting JVM per service: the local stack runs seven JVMs on a laptop
            command.addAll(List.of("-Xms32m", "-Xmx192m", "-XX:MaxMetaspaceSize=160m", "-XX:+UseSerialGC", "-Xss512k",
                    "-XX:ReservedCodeCacheSize=64m", "-XX:TieredStopAtLevel=1",
                    // class-data sharing archive, written at the first stop and reused for faster warm starts
                    "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + dataDir.resolve("cds").resolve(name + ".jsa"),
                    "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        }
        command.addAll(List.of(
                "-Djava.io.tmpdir=" + dataDir.resolve("tmp"),
                "-jar", runnerJar.toString()));
        try {
            Files.createDirectories(dataDir.resolve("cds"));
            Files.createDirectories(dataDir.resolve("tmp"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        long started = System.nanoTime();
        ManagedProcess process = ManagedProcess.start(name, command, processEnvironment, runnerJar.getParent(), logFile);
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
        return statusKiB(pid, "VmRSS:");
    }

    /**
     * A memory line of /proc/PID/status in KiB: VmRSS (resident now), VmHWM (peak resident), RssAnon (resident and
     * not backed by a file: what a container's memory limit cannot reclaim). 0 where /proc is not available.
     */
    public static long statusKiB(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
