package io.wellness.stack;

import io.wellness.infra.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack as a user runs it, from the packaged services: everything becomes ready, a Keycloak token reaches
 * every service's /me (through the gateway when it is built), no token gets 401, a second `up` says the stack is
 * running, and after Ctrl-C (SIGINT) no process of the stack is left.
 */
class LocalStackIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    @Test
    void upServesEveryServiceAndCtrlCLeavesNoProcess(@TempDir Path dataDir) throws Exception {
        Path repoRoot = Path.of(System.getProperty("wellness.repo.root")).toAbsolutePath().normalize();
        int offset = freeOffset();
        StackPorts ports = new StackPorts(offset);
        assertThat(ports.all().values()).noneMatch(Ports::isListening);

        Process stack = launcher(repoRoot, dataDir, offset, "up");
        List<String> output = new ArrayList<>();
        CompletableFuture<Boolean> ready = readUntil(stack, output, "WELLNESS STACK READY");
        assertThat(ready.get(360, TimeUnit.SECONDS)).as("stack output:%n%s", String.join("\n", output)).isTrue();
        List<ProcessHandle> tree = new ArrayList<>(stack.descendants().toList());
        tree.add(stack.toHandle());
        try {
            String token = token(ports, "alice");
            boolean viaGateway = Files.isRegularFile(ServiceLauncher.runnerJar(repoRoot, "gateway"));
            for (String service : List.of("catalog", "scheduler", "tracking")) {
                int port = viaGateway ? ports.gateway() : switch (service) {
                    case "catalog" -> ports.catalog();
                    case "scheduler" -> ports.scheduler();
                    default -> ports.tracking();
                };
                URI me = URI.create("http://localhost:" + port + "/api/" + service + "/me");
                HttpResponse<String> withToken = HTTP.send(HttpRequest.newBuilder(me)
                        .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(withToken.statusCode()).as(service + " /me with token: " + withToken.body()).isEqualTo(200);
                assertThat(withToken.body()).contains("\"username\":\"alice\"");
                HttpResponse<String> withoutToken = HTTP.send(HttpRequest.newBuilder(me)
                        .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
                assertThat(withoutToken.statusCode()).as(service + " /me without token").isEqualTo(401);
            }

            Process second = launcher(repoRoot, dataDir, offset, "up");
            String secondOutput = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isEqualTo(3);
            assertThat(secondOutput).contains("already running");
        } finally {
            new ProcessBuilder("kill", "-INT", Long.toString(stack.pid())).start().waitFor();
            assertThat(stack.waitFor(120, TimeUnit.SECONDS)).as("launcher exits after Ctrl-C").isTrue();
        }
        assertThat(tree).as("processes of the stack after Ctrl-C").noneMatch(ProcessHandle::isAlive);
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(dataDir.toString())))
                .as("no process still uses the stack's data folder").isEmpty();
        assertThat(ports.all().values()).noneMatch(Ports::isListening);
        assertThat(String.join("\n", output)).contains("Wellness stack stopped.");
    }

    /**
     * An offset whose every port is free and below the kernel's ephemeral range (highest: Keycloak management, 9180 +
     * offset &lt; 32768), so no outgoing connection can take one of them while the stack starts.
     */
    private static int freeOffset() {
        int first = (int) (ProcessHandle.current().pid() % 1800);
        for (int i = 0; i < 1800; i++) {
            int offset = 5000 + ((first + i) % 1800) * 10;
            if (new StackPorts(offset).all().values().stream().noneMatch(Ports::isListening)) {
                return offset;
            }
        }
        throw new IllegalStateException("no free set of local-stack ports");
    }

    private static Process launcher(Path repoRoot, Path dataDir, int offset, String command) throws Exception {
        Path target = repoRoot.resolve("deploy/local-stack/target");
        String classpath = target.resolve("classes") + ":" + Files.readString(target.resolve("launcher.classpath")).trim();
        // as deploy/wellness does: a test JVM may have inherited an ignored SIGINT, the launcher must get the default
        ProcessBuilder builder = new ProcessBuilder("env", "--default-signal=INT", ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-Dwellness.repo.root=" + repoRoot, "-cp", classpath, WellnessStack.class.getName(), command)
                .redirectErrorStream(true);
        builder.environment().putAll(Map.of("WELLNESS_DATA_DIR", dataDir.toString(),
                "WELLNESS_PORT_OFFSET", Integer.toString(offset)));
        return builder.start();
    }

    private static CompletableFuture<Boolean> readUntil(Process process, List<String> output, String marker) {
        CompletableFuture<Boolean> found = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.out.println("[stack] " + line);
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.contains(marker)) {
                        found.complete(true);
                    }
                }
            } catch (Exception e) {
                found.completeExceptionally(e);
            }
            found.complete(false);
        }, "stack-output");
        reader.setDaemon(true);
        reader.start();
        return found;
    }

    private static String token(StackPorts ports, String user) throws Exception {
        String form = "grant_type=password&client_id=wellness-cli&username=" + user + "&password="
                + URLEncoder.encode("dev-only-" + user, StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + ports.keycloak() + "/realms/wellness/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = ACCESS_TOKEN.matcher(response.body());
        assertThat(m.find()).as("token response " + response.body()).isTrue();
        return m.group(1);
    }
}
