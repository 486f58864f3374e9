package io.wellness.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM settings a service runs with in Kubernetes, read from the files that define them (the image's
 * {@code JAVA_OPTS} and {@code MALLOC_ARENA_MAX}, the Deployment's memory limit), so a load run on this machine
 * measures the memory the pods would use rather than a copy of the flags that could drift.
 */
public record ContainerJvmSettings(List<String> javaOptions, Map<String, String> environment, long memoryLimitMiB) {

    private static final Pattern ENV_LINE = Pattern.compile("^ENV (JAVA_OPTS|MALLOC_ARENA_MAX)=\"?([^\"]*)\"?\\s*$");

    public static ContainerJvmSettings of(Path repoRoot, String module) {
        Path containerfile = repoRoot.resolve("deploy/images/Containerfile");
        Path deployment = repoRoot.resolve("deploy/kubernetes/base").resolve(module).resolve("deployment.yaml");
        try {
            List<String> options = new ArrayList<>();
            String arenas = null;
            for (String line : Files.readAllLines(containerfile)) {
                Matcher env = ENV_LINE.matcher(line);
                if (env.matches() && env.group(1).equals("JAVA_OPTS")) {
                    options.addAll(List.of(env.group(2).trim().split("\\s+")));
                } else if (env.matches()) {
                    arenas = env.group(2).trim();
                }
            }
            if (options.isEmpty() || arenas == null) {
                throw new IllegalStateException(containerfile + " sets no JAVA_OPTS or MALLOC_ARENA_MAX");
            }
            List<String> manifest = Files.readAllLines(deployment);
            String memory = limit(manifest, "memory", deployment);
            if (!memory.endsWith("Mi")) {
                throw new IllegalStateException(deployment + ": memory limit " + memory + " is not in Mi");
            }
            long limitMiB = Long.parseLong(memory.substring(0, memory.length() - 2));
            // outside a container the JVM sizes itself from the machine: MaxRAM and ActiveProcessorCount make it see
            // the pod's limits (heap = MaxRAMPercentage of the limit, GC and thread pools for the pod's CPUs)
            options.addAll(0, List.of("-XX:MaxRAM=" + limitMiB + "m",
                    "-XX:ActiveProcessorCount=" + cpus(limit(manifest, "cpu", deployment))));
            return new ContainerJvmSettings(List.copyOf(options), Map.of("MALLOC_ARENA_MAX", arenas), limitMiB);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value under {@code limits:} of the Deployment's (single) container, e.g. {@code memory: 512Mi}. */
    static String limit(List<String> lines, String key, Path deployment) {
        int limitsIndent = -1;
        for (String line : lines) {
            int indent = line.length() - line.stripLeading().length();
            if (line.trim().equals("limits:")) {
                limitsIndent = indent;
            } else if (limitsIndent >= 0 && !line.isBlank()) {
                if (indent <= limitsIndent) {
                    limitsIndent = -1;
                } else if (line.trim().startsWith(key + ":")) {
                    return line.trim().substring(key.length() + 1).trim().replace("\"", "");
                }
            }
        }
        throw new IllegalStateException(deployment + " has no " + key + " limit");
    }

    /** Whole CPUs of a Kubernetes quantity ("1", "2", "500m" = 1): what the JVM in the pod counts as processors. */
    static int cpus(String quantity) {
        if (quantity.endsWith("m")) {
            return (int) Math.max(1, Math.ceil(Long.parseLong(quantity.substring(0, quantity.length() - 1)) / 1000.0));
        }
        return (int) Math.max(1, Math.ceil(Double.parseDouble(quantity)));
    }
}
