package io.wellness.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A real Keycloak ({@value #VERSION}) started from the {@code org.keycloak:keycloak-quarkus-dist} zip, without Docker.
 *
 * <h2>Layout</h2>
 * <ul>
 *   <li>The zip is taken from the local Maven repository (the build fetches it as a dependency). If it is missing it is
 *       downloaded from {@code WELLNESS_MAVEN_REPO} (system property or environment variable, default Maven Central)
 *       into that same place, through a {@code .part} file and an atomic rename.</li>
 *   <li>It is unzipped once into {@code ${WELLNESS_CACHE:-~/.cache/wellness}/keycloak-26.7.3/} (unzip into a temporary
 *       sibling, then rename) and {@code kc.sh build} runs once there with {@link #BUILD_OPTIONS}; a marker file records
 *       those options, and the build is redone when they change. The cache is guarded by a file lock, so parallel JVMs
 *       prepare it only once.</li>
 *   <li>Keycloak has no option that moves its {@code data/} directory (H2 database, {@code data/import}, transaction
 *       logs, tmp): it is always {@code <kc.home.dir>/data}, and {@code kc.home.dir} is derived by {@code kc.sh} from
 *       its own location. So every instance gets its own home, {@code <workDir>/home}: a copy of {@code bin/} (a few
 *       small scripts) plus symbolic links to the cache's {@code lib/}, {@code conf/}, {@code themes/} and
 *       {@code providers/}, and its own {@code data/} (the realm files are copied into {@code data/import}). The shared
 *       directories are only read: the server is always started with {@code --optimized}, so it never re-augments
 *       into {@code lib/}.</li>
 * </ul>
 * A work directory that already holds a database keeps it: {@code --import-realm} skips realms that exist already.
 *
 * <p>Everything printed by Keycloak goes to the log file, never to the console. Bootstrap admin credentials are
 * dev-only defaults.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String VERSION = "26.7.3";

    /** Build-time options baked into the cached distribution by {@code kc.sh build}. */
    public static final List<String> BUILD_OPTIONS = List.of(
            "--db=dev-file",
            "--health-enabled=true",
            "--metrics-enabled=false");

    public static final String DEFAULT_ADMIN_USERNAME = "admin";
    /** Dev-only bootstrap admin password of the master realm; never used outside local runs and tests. */
    public static final String DEFAULT_ADMIN_PASSWORD = "dev-only-admin";

    private static final String ZIP_PATH = "org/keycloak/keycloak-quarkus-dist/" + VERSION
            + "/keycloak-quarkus-dist-" + VERSION + ".zip";
    private static final String BUILD_MARKER = ".wellness-build-options";
    private static final Object CACHE_LOCK = new Object();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final int httpPort;
    private final int managementPort;
    private final List<Path> realmFiles;
    private final Path workDir;
    private final boolean deleteWorkDirOnStop;
    private final Path logFile;
    private final String adminUsername;
    private final String adminPassword;
    private final Duration startupTimeout;
    private final String heapOptions;
    private final Path javaHome;
    private final List<String> extraArgs;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private Process process;
    private List<ProcessHandle> processTree = List.of();
    private Duration lastStartDuration;
    private Duration lastPreparationDuration;
    private boolean stopped;
    private Thread shutdownHook;

    private KeycloakServer(Builder b) {
        this.httpPort = b.httpPort > 0 ? b.httpPort : Ports.freePort();
        int mgmt = b.managementPort > 0 ? b.managementPort : Ports.freePort();
        while (mgmt == this.httpPort) {
            mgmt = Ports.freePort();
        }
        this.managementPort = mgmt;
        this.realmFiles = List.copyOf(b.realmFiles);
        try {
            if (b.workDir != null) {
                this.workDir = b.workDir.toAbsolutePath();
                this.deleteWorkDirOnStop = false;
            } else {
                this.workDir = Files.createTempDirectory("wellness-keycloak-");
                this.deleteWorkDirOnStop = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path defaultLog = b.workDir != null
                ? this.workDir.resolve("keycloak.log")
                // beside the temporary work dir, so it survives stop()
                : this.workDir.resolveSibling(this.workDir.getFileName() + ".log");
        this.logFile = (b.logFile != null ? b.logFile : defaultLog).toAbsolutePath();
        this.adminUsername = b.adminUsername;
        this.adminPassword = b.adminPassword;
        this.startupTimeout = b.startupTimeout;
        this.heapOptions = b.heapOptions;
        this.javaHome = b.javaHome != null ? b.javaHome : currentJavaHome();
        this.extraArgs = List.copyOf(b.extraArgs);
        for (Path realm : realmFiles) {
            if (!Files.isRegularFile(realm)) {
                throw new IllegalArgumentException("realm file not found: " + realm.toAbsolutePath());
            }
            if (!realm.getFileName().toString().endsWith(".json")) {
                throw new IllegalArgumentException("Keycloak imports only *.json realm files: " + realm);
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Prepares the cached distribution if needed, starts Keycloak and returns once
     * {@code http://localhost:<managementPort>/health/ready} answers 200.
     *
     * @throws IllegalStateException if the process dies or is not ready before the deadline (message holds the log tail)
     */
    public synchronized KeycloakServer start() {
        if (process != null) {
            throw new IllegalStateException("already started");
        }
        long t0 = System.nanoTime();
        Path dist = preparedDistribution(javaHome);
        lastPreparationDuration = Duration.ofNanos(System.nanoTime() - t0);
        try {
            Path home = prepareInstanceHome(dist);
            Files.createDirectories(logFile.getParent());
            List<String> cmd = new ArrayList<>();
            cmd.add(home.resolve("bin/kc.sh").toString());
            cmd.add("start");
            cmd.add("--optimized");
            cmd.add("--http-enabled=true");
            cmd.add("--http-host=127.0.0.1");
            cmd.add("--http-port=" + httpPort);
            cmd.add("--http-management-port=" + managementPort);
            cmd.add("--hostname-strict=false");
            // No clustering: parallel instances must neither find each other nor fight over JGroups ports.
            cmd.add("--cache=local");
            cmd.add("--log-console-color=false");
            if (!realmFiles.isEmpty()) {
                cmd.add("--import-realm");
            }
            cmd.addAll(extraArgs);

            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Map<String, String> env = pb.environment();
            sanitize(env);
            env.put("JAVA_HOME", javaHome.toString());
            env.put("JAVA", javaHome.resolve("bin/java").toString());
            env.put("JAVA_OPTS_KC_HEAP", heapOptions);
            env.put("JAVA_OPTS_APPEND", "-Djava.io.tmpdir=" + home.resolve("data/tmp"));
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUsername);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            Files.createDirectories(home.resolve("data/tmp"));
            process = pb.start();
            stopped = false;
            shutdownHook = new Thread(this::stop, "keycloak-" + httpPort + "-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Keycloak", e);
        }
        awaitReady(System.nanoTime() + startupTimeout.toNanos());
        lastStartDuration = Duration.ofNanos(System.nanoTime() - t0);
        return this;
    }

    private void awaitReady(long deadlineNanos) {
        URI ready = URI.create("http://localhost:" + managementPort + "/health/ready");
        while (true) {
            rememberProcessTree();
            if (!process.isAlive()) {
                int exit = process.exitValue();
                String tail = logTail(40);
                stop();
                throw new IllegalStateException("Keycloak exited with code " + exit + " before it was ready; last lines of "
                        + logFile + ":\n" + tail);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    rememberProcessTree();
                    return;
                }
            } catch (ConnectException e) {
                // not listening yet
            } catch (IOException e) {
                // timeouts, resets while starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            if (System.nanoTime() > deadlineNanos) {
                String tail = logTail(40);
                stop();
                throw new IllegalStateException("Keycloak was not ready within " + startupTimeout.toSeconds()
                        + " s; last lines of " + logFile + ":\n" + tail);
            }
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
        }
    }

    private void rememberProcessTree() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        try (Stream<ProcessHandle> d = process.descendants()) {
            d.forEach(tree::add);
        }
        if (tree.size() >= processTree.size() || process.isAlive()) {
            processTree = List.copyOf(tree);
        }
    }

    /**
     * SIGTERM to {@code kc.sh} and every descendant (the Keycloak JVM), up to 20 s of grace, then SIGKILL.
     * Idempotent.
     */
    public synchronized void stop() {
        if (process == null || stopped) {
            return;
        }
        stopped = true;
        rememberProcessTree();
        List<ProcessHandle> all = new ArrayList<>(processTree);
        // children first, so kc.sh does not race the JVM's shutdown hook
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).destroy();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (ProcessHandle h : all) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    h.onExit().get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
                } catch (Exception ignored) {
                    // fall through to SIGKILL
                }
            }
        }
        for (ProcessHandle h : all) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by isRunning()
            }
        }
        if (deleteWorkDirOnStop) {
            deleteRecursively(workDir);
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** True while any process of this instance (kc.sh or the JVM) is alive. */
    public boolean isRunning() {
        return processTree.stream().anyMatch(ProcessHandle::isAlive) || (process != null && process.isAlive());
    }

    // ------------------------------------------------------------------ accessors

    public String url() {
        return "http://localhost:" + httpPort;
    }

    public String issuer(String realm) {
        return url() + "/realms/" + realm;
    }

    public String tokenEndpoint(String realm) {
        return issuer(realm) + "/protocol/openid-connect/token";
    }

    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public int managementPort() {
        return managementPort;
    }

    public Path workDir() {
        return workDir;
    }

    public Path logFile() {
        return logFile;
    }

    public String adminUsername() {
        return adminUsername;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** Wall time of the last {@link #start()}, including any unzip and {@code kc.sh build}. */
    public Duration lastStartDuration() {
        return lastStartDuration;
    }

    /** Part of the last {@link #start()} spent preparing the shared distribution (unzip, build; ~0 when cached). */
    public Duration lastPreparationDuration() {
        return lastPreparationDuration;
    }

    /** The Keycloak JVM (the {@code java} child of {@code kc.sh}), once started. */
    public Optional<ProcessHandle> javaProcess() {
        return processTree.stream()
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst();
    }

    /** Every process started for this instance: {@code kc.sh} and its descendants. */
    public List<ProcessHandle> processes() {
        return processTree;
    }

    /** VmRSS of the Keycloak JVM in KiB (from /proc), or -1 when unknown. */
    public long javaRssKiB() {
        return javaProcess().map(h -> {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(h.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // not on Linux or already gone
            }
            return -1L;
        }).orElse(-1L);
    }

    /** The last {@code lines} lines of the log file. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log not readable: " + e + ")";
        }
    }

    // ------------------------------------------------------------------ tokens

    /** Resource-owner password grant (dev-only clients such as {@code wellness-cli}); returns the access token. */
    public String passwordGrantToken(String realm, String clientId, String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid");
        return accessToken(tokenRequest(realm, form));
    }

    /** Client-credentials grant with a client secret (client_secret_post); returns the access token. */
    public String clientCredentialsToken(String realm, String clientId, String clientSecret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        return accessToken(tokenRequest(realm, form));
    }

    /** POSTs a form to the realm's token endpoint and returns the raw response (any status). */
    public HttpResponse<String> tokenRequest(String realm, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest req = HttpRequest.newBuilder(URI.create(tokenEndpoint(realm)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String accessToken(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new TokenRequestException(r.statusCode(), r.body());
        }
        Matcher m = ACCESS_TOKEN.matcher(r.body());
        if (!m.find()) {
            throw new TokenRequestException(r.statusCode(), "no access_token in: " + r.body());
        }
        return m.group(1); // a JWT: base64url and dots only, nothing to unescape
    }

    /** The token endpoint answered something other than 200 (e.g. 401 for bad credentials). */
    public static final class TokenRequestException extends RuntimeException {
        private final int statusCode;
        private final String body;

        public TokenRequestException(int statusCode, String body) {
            super("token request failed with HTTP " + statusCode + ": " + body);
            this.statusCode = statusCode;
            this.body = body;
        }

        public int statusCode() {
            return statusCode;
        }

        public String body() {
            return body;
        }
    }

    // ------------------------------------------------------------------ distribution cache

    /** {@code ${WELLNESS_CACHE:-~/.cache/wellness}} (system property {@code wellness.cache} also accepted). */
    public static Path cacheRoot() {
        String p = firstNonBlank(System.getProperty("wellness.cache"), System.getenv("WELLNESS_CACHE"));
        return p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), ".cache", "wellness");
    }

    /** Unzips (once) and builds (once per set of {@link #BUILD_OPTIONS}) the shared distribution; returns its home. */
    public static Path preparedDistribution(Path javaHome) {
        Path root = cacheRoot();
        Path dist = root.resolve("keycloak-" + VERSION);
        synchronized (CACHE_LOCK) {
            try {
                Files.createDirectories(root);
                try (FileChannel ch = FileChannel.open(root.resolve("keycloak-" + VERSION + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = ch.lock()) {
                    if (!Files.isRegularFile(dist.resolve("bin/kc.sh"))) {
                        unzip(distributionZip(), root, dist);
                    }
                    String wanted = String.join("\n", BUILD_OPTIONS) + "\n";
                    Path marker = dist.resolve(BUILD_MARKER);
                    String have = Files.isRegularFile(marker) ? Files.readString(marker) : null;
                    if (!wanted.equals(have)) {
                        Files.deleteIfExists(marker);
                        build(dist, javaHome);
                        Path tmp = dist.resolve(BUILD_MARKER + ".tmp");
                        Files.writeString(tmp, wanted);
                        Files.move(tmp, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not prepare Keycloak " + VERSION + " in " + dist, e);
            }
        }
        return dist;
    }

    private static void build(Path dist, Path javaHome) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(dist.resolve("bin/kc.sh").toString());
        cmd.add("build");
        cmd.addAll(BUILD_OPTIONS);
        Path log = dist.resolve("build.log");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(dist.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        sanitize(pb.environment());
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put("JAVA", javaHome.resolve("bin/java").toString());
        Process p = pb.start();
        try {
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IOException("kc.sh build did not finish within 10 minutes; see " + log);
            }
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during kc.sh build", e);
        }
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            throw new IOException("kc.sh build failed (exit " + p.exitValue() + "):\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
        }
    }

    /** The dist zip in the local Maven repository, downloaded there first if it is missing. */
    static Path distributionZip() throws IOException {
        Path zip = localMavenRepo().resolve(ZIP_PATH);
        if (Files.isRegularFile(zip)) {
            return zip;
        }
        String base = firstNonBlank(System.getProperty("WELLNESS_MAVEN_REPO"), System.getProperty("wellness.maven.repo"),
                System.getenv("WELLNESS_MAVEN_REPO"));
        if (base == null) {
            base = "https://repo.maven.apache.org/maven2";
        }
        base = base.endsWith("/") ? base : base + "/";
        Files.createDirectories(zip.getParent());
        Path part = zip.resolveSibling(zip.getFileName() + "." + UUID.randomUUID() + ".part");
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<Path> r = client.send(HttpRequest.newBuilder(URI.create(base + ZIP_PATH)).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(part));
            if (r.statusCode() != 200) {
                throw new IOException("GET " + base + ZIP_PATH + " answered " + r.statusCode());
            }
            HttpResponse<String> sha = client.send(HttpRequest.newBuilder(URI.create(base + ZIP_PATH + ".sha1")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (sha.statusCode() == 200) {
                String expected = sha.body().trim().split("\\s+")[0].toLowerCase();
                String actual = sha1(part);
                if (!expected.equals(actual)) {
                    throw new IOException("SHA-1 mismatch for " + ZIP_PATH + ": expected " + expected + ", got " + actual);
                }
            }
            try {
                Files.move(part, zip, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // another process won the race; its copy is as good as ours
            }
            return zip;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + ZIP_PATH, e);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static Path localMavenRepo() {
        String p = System.getProperty("maven.repo.local");
        return p != null && !p.isBlank() ? Path.of(p) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static String sha1(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Unzips into a temporary sibling of {@code target} (stripping the zip's top directory), then renames it. */
    private static void unzip(Path zip, Path root, Path target) throws IOException {
        Path tmp = Files.createTempDirectory(root, ".keycloak-" + VERSION + "-unzip-");
        try {
            try (ZipFile zf = new ZipFile(zip.toFile())) {
                var entries = zf.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry e = entries.nextElement();
                    String name = e.getName();
                    int slash = name.indexOf('/');
                    if (slash < 0 || slash == name.length() - 1) {
                        continue; // the top directory itself
                    }
                    Path out = tmp.resolve(name.substring(slash + 1)).normalize();
                    if (!out.startsWith(tmp)) {
                        throw new IOException("zip entry escapes the target: " + name);
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        try (InputStream in = zf.getInputStream(e)) {
                            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
            try (Stream<Path> bins = Files.list(tmp.resolve("bin"))) {
                for (Path f : bins.filter(f -> f.toString().endsWith(".sh")).toList()) {
                    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
                    perms.add(PosixFilePermission.OWNER_EXECUTE);
                    perms.add(PosixFilePermission.GROUP_EXECUTE);
                    perms.add(PosixFilePermission.OTHERS_EXECUTE);
                    Files.setPosixFilePermissions(f, perms);
                }
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                // an unusable leftover (no bin/kc.sh): move it out of the way
                Path old = root.resolve(".keycloak-" + VERSION + "-broken-" + UUID.randomUUID());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                deleteRecursively(old);
            }
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
        } finally {
            if (Files.exists(tmp)) {
                deleteRecursively(tmp);
            }
        }
    }

    /**
     * {@code <workDir>/home}: own {@code bin/} (kc.sh derives {@code kc.home.dir} from its real location) and own
     * {@code data/}; {@code lib/}, {@code conf/}, {@code themes/}, {@code providers/} link to the shared build.
     */
    private Path prepareInstanceHome(Path dist) throws IOException {
        Path home = workDir.resolve("home");
        Files.createDirectories(home.resolve("bin"));
        try (Stream<Path> bins = Files.list(dist.resolve("bin"))) {
            for (Path f : bins.filter(Files::isRegularFile).toList()) {
                Path to = home.resolve("bin").resolve(f.getFileName().toString());
                Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        for (String shared : List.of("lib", "conf", "themes", "providers")) {
            Path link = home.resolve(shared);
            Path targetDir = dist.resolve(shared);
            if (Files.isSymbolicLink(link)) {
                if (Files.readSymbolicLink(link).equals(targetDir)) {
                    continue;
                }
                Files.delete(link);
            } else if (Files.exists(link)) {
                deleteRecursively(link);
            }
            Files.createSymbolicLink(link, targetDir);
        }
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        try (Stream<Path> old = Files.list(imports)) {
            for (Path f : old.toList()) {
                Files.deleteIfExists(f);
            }
        }
        for (Path realm : realmFiles) {
            Files.copy(realm, imports.resolve(realm.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
        return home;
    }

    // ------------------------------------------------------------------ helpers

    /** The home of the JDK running this process (its {@code bin/java} is two levels below). */
    static Path currentJavaHome() {
        Optional<String> cmd = ProcessHandle.current().info().command();
        if (cmd.isPresent()) {
            Path java = Path.of(cmd.get());
            Path home = java.getParent() != null ? java.getParent().getParent() : null;
            if (home != null && Files.isExecutable(home.resolve("bin/java"))) {
                return home;
            }
        }
        return Path.of(System.getProperty("java.home"));
    }

    /** Drops inherited settings that kc.sh or Keycloak would pick up from the caller's environment. */
    private static void sanitize(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("KEYCLOAK_") || k.startsWith("QUARKUS_")
                || k.equals("JAVA_OPTS") || k.equals("JAVA_OPTS_APPEND") || k.equals("JAVA_OPTS_KC_HEAP")
                || k.equals("JAVA_ADD_OPENS") || k.equals("DEBUG") || k.equals("DEBUG_PORT") || k.equals("PRINT_ENV"));
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // walk does not follow symbolic links, so the shared cache behind home/lib etc. is never touched
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: a temp dir left behind is harmless
        }
    }

    // ------------------------------------------------------------------ builder

    public static final class Builder {
        private int httpPort;
        private int managementPort;
        private final List<Path> realmFiles = new ArrayList<>();
        private Path workDir;
        private Path logFile;
        private String adminUsername = DEFAULT_ADMIN_USERNAME;
        private String adminPassword = DEFAULT_ADMIN_PASSWORD;
        private Duration startupTimeout = Duration.ofSeconds(180);
        private String heapOptions = "-Xms64m -Xmx512m";
        private Path javaHome;
        private final List<String> extraArgs = new ArrayList<>();

        private Builder() {
        }

        /** HTTP port; 0 (default) picks a free one. */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** Management port (health); 0 (default) picks a free one. */
        public Builder managementPort(int port) {
            this.managementPort = port;
            return this;
        }

        /** A realm JSON file imported at startup (skipped if the realm already exists in this work dir). */
        public Builder realmFile(Path file) {
            this.realmFiles.add(Objects.requireNonNull(file));
            return this;
        }

        /**
         * Per-instance directory (holds {@code home/} with the H2 database, kept across restarts); default: a temporary
         * directory deleted by {@link #stop()}.
         */
        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /** Where Keycloak's output goes; default {@code <workDir>/keycloak.log}, or beside a temporary work dir. */
        public Builder logFile(Path file) {
            this.logFile = file;
            return this;
        }

        /** Master-realm bootstrap admin (dev-only; defaults {@value #DEFAULT_ADMIN_USERNAME}/dev-only-admin). */
        public Builder bootstrapAdmin(String username, String password) {
            this.adminUsername = Objects.requireNonNull(username);
            this.adminPassword = Objects.requireNonNull(password);
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Value of kc.sh's {@code JAVA_OPTS_KC_HEAP}; default {@code -Xms64m -Xmx512m}. */
        public Builder heapOptions(String options) {
            this.heapOptions = Objects.requireNonNull(options);
            return this;
        }

        /** JDK to run Keycloak with; default: the one running this process. */
        public Builder javaHome(Path home) {
            this.javaHome = home;
            return this;
        }

        /** Further runtime options for {@code kc.sh start}, e.g. {@code --log-level=debug}. */
        public Builder extraArg(String arg) {
            this.extraArgs.add(Objects.requireNonNull(arg));
            return this;
        }

        public KeycloakServer build() {
            return new KeycloakServer(this);
        }
    }
}
