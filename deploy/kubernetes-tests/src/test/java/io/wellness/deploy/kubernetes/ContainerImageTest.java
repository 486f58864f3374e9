package io.wellness.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image definition, checked offline (no base image can be pulled here): it copies exactly the Quarkus fast-jar
 * layout the build produces, runs as the pods' non-root user, starts quarkus-run.jar with JAVA_OPTS, and the build
 * script builds exactly the image references the manifests use.
 */
class ContainerImageTest {

    private static final Path CONTAINERFILE = Rendered.deployDir().resolve("images/Containerfile");
    private static final Path BUILD_SCRIPT = Rendered.deployDir().resolve("build-images.sh");
    /**
     * The fast-jar layout of target/quarkus-app (Quarkus "fast-jar" packaging, the default): the launcher jar, the
     * dependencies (lib/boot on the launcher's class path, lib/main loaded by the runner), the application's own
     * classes (app/) and Quarkus's build output (quarkus/). quarkus-app-dependencies.txt is a build report only.
     */
    private static final Set<String> FAST_JAR_LAYOUT = Set.of("quarkus-run.jar", "lib", "app", "quarkus");
    private static final Set<String> FAST_JAR_REPORTS = Set.of("quarkus-app-dependencies.txt");
    private static final String FAST_JAR_MAIN_CLASS = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";
    /** The Java release of the base image (openjdk-21-runtime); class file major version = release + 44. */
    private static final int IMAGE_JAVA_RELEASE = 21;

    /** Instructions of the Containerfile in order, continuation lines joined, comments dropped. */
    private static List<String[]> instructions() throws IOException {
        List<String[]> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(CONTAINERFILE)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String text = current.toString().strip();
            int space = text.indexOf(' ');
            result.add(new String[]{text.substring(0, space).toUpperCase(), text.substring(space + 1).strip()});
            current.setLength(0);
        }
        return result;
    }

    private static List<String> all(String instruction) throws IOException {
        return instructions().stream().filter(i -> i[0].equals(instruction)).map(i -> i[1]).toList();
    }

    /** COPY source → destination */
    private static Map<String, String> copies() throws IOException {
        Map<String, String> copies = new LinkedHashMap<>();
        for (String copy : all("COPY")) {
            assertThat(copy).as("no --chown: the runtime user must not own (and be able to change) the application")
                    .doesNotContain("--chown");
            String[] parts = copy.split("\\s+");
            assertThat(parts).as(copy).hasSize(2);
            copies.put(parts[0], parts[1]);
        }
        return copies;
    }

    private static String topLevel(String source) {
        return source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
    }

    @Test
    void theBaseImageIsAPinnedUbi9OpenJdk21Runtime() throws IOException {
        assertThat(all("FROM")).singleElement().asString()
                .matches("registry\\.access\\.redhat\\.com/ubi9/openjdk-21-runtime:\\d+\\.\\d+(-\\d+)?");
    }

    @Test
    void itCopiesExactlyTheFastJarLayoutIntoDeployments() throws IOException {
        Map<String, String> copies = copies();
        Set<String> sources = new TreeSet<>();
        copies.keySet().forEach(s -> sources.add(topLevel(s)));
        assertThat(sources).isEqualTo(new TreeSet<>(FAST_JAR_LAYOUT));
        copies.forEach((source, destination) ->
                assertThat(destination).as(source).isEqualTo("/deployments/" + source));
        // dependencies before the application: the layer that changes least goes first
        assertThat(List.copyOf(copies.keySet()).indexOf("lib/")).isLessThan(List.copyOf(copies.keySet()).indexOf("app/"));
    }

    @Test
    void theBuildOutputOfEveryPackagedServiceHasTheLayoutTheImageCopies() throws IOException {
        List<Path> packaged = new ArrayList<>();
        for (String service : imageRefs().keySet()) {
            Path app = Rendered.repositoryDir().resolve(service).resolve("target/quarkus-app");
            if (Files.isDirectory(app)) {
                packaged.add(app);
            }
        }
        // Where a service is packaged, its real output is checked; the documented layout is checked in any case.
        for (Path app : packaged) {
            Set<String> entries = new TreeSet<>();
            try (Stream<Path> list = Files.list(app)) {
                list.forEach(p -> entries.add(p.getFileName().toString()));
            }
            entries.removeAll(FAST_JAR_REPORTS);
            assertThat(entries).as(app.toString()).isEqualTo(new TreeSet<>(FAST_JAR_LAYOUT));
            assertThat(app.resolve("lib/boot")).isDirectory();
            assertThat(app.resolve("lib/main")).isDirectory();
            try (JarFile jar = new JarFile(app.resolve("quarkus-run.jar").toFile())) {
                assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(FAST_JAR_MAIN_CLASS);
            }
            assertThat(applicationClassVersions(app.resolve("app")))
                    .as("the application's classes run on the image's Java " + IMAGE_JAVA_RELEASE)
                    .isNotEmpty().allSatisfy(major -> assertThat(major).isLessThanOrEqualTo(IMAGE_JAVA_RELEASE + 44));
        }
        Set<String> copied = new TreeSet<>();
        copies().keySet().forEach(s -> copied.add(topLevel(s)));
        assertThat(copied).containsAll(FAST_JAR_LAYOUT);
    }

    /** Class-file major versions of the classes in the application's own jars (app/). */
    private static Set<Integer> applicationClassVersions(Path appDir) throws IOException {
        Set<Integer> versions = new TreeSet<>();
        try (Stream<Path> jars = Files.list(appDir)) {
            for (Path jarPath : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (JarFile jar = new JarFile(jarPath.toFile())) {
                    for (var entry : Collections.list(jar.entries())) {
                        if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                byte[] header = in.readNBytes(8);
                                versions.add(((header[6] & 0xff) << 8) | (header[7] & 0xff));
                            }
                        }
                    }
                }
            }
        }
        return versions;
    }

    @Test
    void theBaseImageJavaReleaseIsTheBuildRelease() throws IOException {
        assertThat(all("FROM").getFirst()).contains("openjdk-" + IMAGE_JAVA_RELEASE + "-runtime");
        String rootPom = Files.readString(Rendered.repositoryDir().resolve("pom.xml"));
        assertThat(rootPom).contains("<maven.compiler.release>" + IMAGE_JAVA_RELEASE + "</maven.compiler.release>");
    }

    @Test
    void itRunsAsTheNonRootUserThePodsExpect() throws IOException {
        List<String[]> instructions = instructions();
        String lastUser = all("USER").getLast();
        assertThat(lastUser).isEqualTo("185");
        int userIndex = -1;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i)[0].equals("USER")) {
                userIndex = i;
            }
        }
        assertThat(instructions.subList(userIndex, instructions.size())).extracting(i -> i[0]).doesNotContain("COPY", "ADD", "RUN");
        for (Path overlay : Rendered.overlays()) {
            Rendered.ofKind(Rendered.overlay(overlay), "Deployment").forEach(d ->
                    assertThat(d.at("/spec/template/spec/securityContext/runAsUser").asText()).isEqualTo(lastUser));
        }
    }

    @Test
    void theEntrypointExecsJavaOnQuarkusRunJarWithJavaOpts() throws IOException {
        assertThat(all("ENTRYPOINT")).singleElement().asString()
                .isEqualTo("[\"/bin/sh\", \"-c\", \"exec java ${JAVA_OPTS} -jar /deployments/quarkus-run.jar\"]");
        assertThat(copies()).containsEntry("quarkus-run.jar", "/deployments/quarkus-run.jar");
        assertThat(all("ENV")).anySatisfy(env -> assertThat(env).startsWith("JAVA_OPTS="));
        String imageDefault = all("ENV").stream().filter(e -> e.startsWith("JAVA_OPTS=")).findFirst().orElseThrow()
                .substring("JAVA_OPTS=".length()).replace("\"", "");
        List<JsonNode> objects = Rendered.overlay(Rendered.overlays().getFirst());
        Rendered.ofKind(objects, "Deployment").forEach(d ->
                assertThat(Env.of(d, objects).get("JAVA_OPTS")).as("image and ConfigMap agree").isEqualTo(imageDefault));
    }

    @Test
    void theJvmIsSizedWithinThePodsMemoryLimitAndBothPlacesAgree() throws IOException {
        String javaOpts = all("ENV").stream().filter(e -> e.startsWith("JAVA_OPTS=")).findFirst().orElseThrow();
        // a heap of 75 % left 128 MiB of a 512Mi pod for everything else: a loaded service went past the limit
        assertThat(javaOpts).contains("-XX:MaxRAMPercentage=50.0", "-XX:MaxMetaspaceSize=", "-XX:ReservedCodeCacheSize=",
                "-XX:MaxDirectMemorySize=", "-Xss");
        String arenas = all("ENV").stream().filter(e -> e.startsWith("MALLOC_ARENA_MAX=")).findFirst().orElseThrow()
                .substring("MALLOC_ARENA_MAX=".length());
        assertThat(arenas).isEqualTo("2");
        for (Path overlay : Rendered.overlays()) {
            List<JsonNode> objects = Rendered.overlay(overlay);
            Rendered.ofKind(objects, "Deployment").forEach(d ->
                    assertThat(Env.of(d, objects).get("MALLOC_ARENA_MAX")).as("%s in %s", d.at("/metadata/name").asText(), overlay)
                            .isEqualTo(arenas));
        }
    }

    @Test
    void imageNamesAndTagsLiveInOnePlaceThatTheScriptAndEveryOverlayUse() throws IOException {
        Map<String, String> refs = imageRefs();
        assertThat(refs).containsOnlyKeys("catalog-service", "scheduler-service", "tracking-service", "gateway");
        refs.values().forEach(ref -> assertThat(ref).matches("[a-z0-9.-]+(/[a-z0-9-]+)+:[A-Za-z0-9._-]+").doesNotEndWith(":latest"));
        for (Path overlay : Rendered.overlays()) {
            for (JsonNode deployment : Rendered.ofKind(Rendered.overlay(overlay), "Deployment")) {
                String name = deployment.at("/metadata/name").asText();
                assertThat(deployment.at("/spec/template/spec/containers/0/image").asText()).as(overlay + " " + name)
                        .isEqualTo(refs.get(name));
            }
        }
        for (String module : quarkusServiceModules()) {
            assertThat(refs).as("every Quarkus service of the build has an image").containsKey(module);
        }
    }

    @Test
    void theScriptBuildsEachServiceFromItsQuarkusAppAndPushesTheSameReference(@TempDir Path repo) throws Exception {
        Files.createDirectories(repo.resolve("deploy/kubernetes/base"));
        Files.createDirectories(repo.resolve("deploy/images"));
        Files.copy(BUILD_SCRIPT, repo.resolve("deploy/build-images.sh"));
        Files.copy(CONTAINERFILE, repo.resolve("deploy/images/Containerfile"));
        Files.copy(Rendered.kubernetesDir().resolve("base/kustomization.yaml"), repo.resolve("deploy/kubernetes/base/kustomization.yaml"));
        Map<String, String> refs = imageRefs();
        String missing = run(repo, "echo", "--push");
        assertThat(missing).contains("quarkus-run.jar missing: run ./mvnw -B package -DskipTests first");
        for (String service : refs.keySet()) {
            Path app = Files.createDirectories(repo.resolve(service).resolve("target/quarkus-app"));
            Files.writeString(app.resolve("quarkus-run.jar"), "");
        }
        List<String> expected = new ArrayList<>();
        Path root = repo.toRealPath();
        refs.forEach((service, ref) -> {
            expected.add(">> " + service + " -> " + ref);
            expected.add("build -f " + root + "/deploy/images/Containerfile --build-arg SERVICE=" + service
                    + " -t " + ref + " " + root + "/" + service + "/target/quarkus-app");
            expected.add("push " + ref);
        });
        assertThat(run(repo, "echo", "--push").lines().toList()).isEqualTo(expected);
    }

    /** Runs deploy/build-images.sh of the given tree with CONTAINER_ENGINE set; stdout and stderr together. */
    private static String run(Path repo, String engine, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", repo.resolve("deploy/build-images.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CONTAINER_ENGINE", engine);
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    /** service → image reference, as printed by deploy/build-images.sh --print */
    static Map<String, String> imageRefs() throws IOException {
        try {
            Process process = new ProcessBuilder("bash", BUILD_SCRIPT.toString(), "--print").start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            Map<String, String> refs = new LinkedHashMap<>();
            out.lines().map(l -> l.split(" ")).forEach(p -> refs.put(p[0], p[1]));
            return refs;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Modules of the root build that package a Quarkus application. */
    private static List<String> quarkusServiceModules() throws IOException {
        String rootPom = Files.readString(Rendered.repositoryDir().resolve("pom.xml"));
        List<String> modules = new ArrayList<>();
        var matcher = java.util.regex.Pattern.compile("<module>([^<]+)</module>").matcher(rootPom);
        while (matcher.find()) {
            Path pom = Rendered.repositoryDir().resolve(matcher.group(1)).resolve("pom.xml");
            if (Files.exists(pom) && Files.readString(pom).contains("<artifactId>quarkus-maven-plugin</artifactId>")) {
                modules.add(matcher.group(1));
            }
        }
        assertThat(modules).contains("catalog-service", "scheduler-service", "tracking-service");
        return modules;
    }
}
