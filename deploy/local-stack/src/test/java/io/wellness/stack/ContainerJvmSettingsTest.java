package io.wellness.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContainerJvmSettingsTest {

    private static Path repoRoot() {
        return Path.of(System.getProperty("wellness.repo.root", "../..")).toAbsolutePath().normalize();
    }

    @Test
    void theLoadRunGetsTheImagesOptionsWithinTheDeploymentsLimits() {
        Map<String, Integer> limits = Map.of("catalog-service", 512, "gateway", 512, "scheduler-service", 768, "tracking-service", 768);
        for (String module : limits.keySet()) {
            ContainerJvmSettings pod = ContainerJvmSettings.of(repoRoot(), module);
            assertThat(pod.memoryLimitMiB()).isEqualTo(limits.get(module).longValue());
            assertThat(pod.javaOptions()).startsWith("-XX:MaxRAM=" + limits.get(module) + "m", "-XX:ActiveProcessorCount=1")
                    .contains("-XX:MaxRAMPercentage=50.0", "-XX:+ExitOnOutOfMemoryError");
            assertThat(pod.environment()).containsEntry("MALLOC_ARENA_MAX", "2");
        }
    }

    @Test
    void limitsAreReadFromTheContainersLimitsNotItsRequests(@TempDir Path dir) throws Exception {
        Path deployment = dir.resolve("deployment.yaml");
        Files.writeString(deployment, """
                spec:
                  containers:
                    - name: app
                      resources:
                        requests:
                          cpu: 250m
                          memory: 384Mi
                        limits:
                          cpu: 1500m
                          memory: 768Mi
                      securityContext:
                        runAsNonRoot: true
                """);
        List<String> lines = Files.readAllLines(deployment);
        assertThat(ContainerJvmSettings.limit(lines, "memory", deployment)).isEqualTo("768Mi");
        assertThat(ContainerJvmSettings.cpus(ContainerJvmSettings.limit(lines, "cpu", deployment))).isEqualTo(2);
        assertThat(ContainerJvmSettings.cpus("1")).isEqualTo(1);
        assertThat(ContainerJvmSettings.cpus("250m")).isEqualTo(1);
        Files.writeString(deployment, "resources:\n  requests:\n    memory: 384Mi\n");
        assertThatThrownBy(() -> ContainerJvmSettings.limit(Files.readAllLines(deployment), "memory", deployment))
                .hasMessageContaining("no memory limit");
    }
}
