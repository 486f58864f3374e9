package io.wellness.scheduler.bench;

import io.wellness.common.events.CloudEvents;
import io.wellness.common.events.Topics;
import io.wellness.infra.Ports;
import io.wellness.infra.PostgresServer;
import io.wellness.infra.quarkus.TestInfrastructure;
import io.wellness.scheduler.config.DueProducerFactory;
import io.wellness.scheduler.support.FakeCatalog;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scheduler benchmark (scheduler-service/bench/run.sh): real PostgreSQL, Kafka and Keycloak, the scheduler as its
 * own process (quarkus-app), 1,000,000 employees scheduled. Prints: a first burst of 100,000 right after the
 * scheduler started (its code still being JIT-compiled: shown, not the target), then the time until a burst of 100,000
 * breaks due in the same second is on Kafka with the CPU each process used and the emitter's phases, steady-state
 * lateness (broker append time - due time) percentiles, the scheduler's peak RSS over all of it, and the raw producer
 * rate for records of the same size with the same producer settings.
 */
public final class SchedulerBenchmark {
    static final int EMPLOYEES = Integer.getInteger("bench.employees", 1_000_000);
    static final int BURST = Integer.getInteger("bench.burst", 100_000);
    static final int STEADY = Integer.getInteger("bench.steady", 30_000);
    /** Breaks of a first burst right after the scheduler started (cold JIT): printed, then the measured burst. */
    static final int COLD_BURST = Integer.getInteger("bench.cold-burst", 100_000);
    static final int STEADY_SECONDS = Integer.getInteger("bench.steady.seconds", 60);
    /** The infra's broker has no lz4-java on its class path: compression is off unless a broker supports it. */
    static final String COMPRESSION = System.getProperty("bench.compression", "none");

    public static void main(String[] args) throws Exception {
        Path app = Path.of(args.length > 0 ? args[0] : "target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        // initialise logging on this thread before the infrastructure starts its own (JBoss log manager init races)
        System.getLogger(SchedulerBenchmark.class.getName()).log(System.Logger.Level.INFO, "scheduler benchmark starting");
        TestInfrastructure.ensureStarted();
        PostgresServer.Database db = TestInfrastructure.database("scheduler");
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        try (FakeCatalog catalog = new FakeCatalog()) {
            int port = Ports.freePort();
            Path log = Path.of("target/bench-scheduler.log").toAbsolutePath();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + System.getProperty("bench.xmx", "320m"), "-XX:+UseParallelGC",
                    "-Dmp.messaging.incoming.delivery-due.enabled=false",
                    "-Dquarkus.log.console.json.enabled=false"));
            // e.g. -Dbench.scheduler.opts="-XX:StartFlightRecording=filename=target/bench.jfr" to profile the scheduler
            String schedulerOpts = System.getProperty("bench.scheduler.opts", "").trim();
            if (!schedulerOpts.isEmpty()) {
                command.addAll(List.of(schedulerOpts.split("\\s+")));
            }
            command.addAll(List.of("-jar", app.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(Map.of(
                    "WELLNESS_DB_URL", db.jdbcUrl(), "WELLNESS_DB_USER", db.user(), "WELLNESS_DB_PASSWORD", db.password(),
                    "WELLNESS_KAFKA_BOOTSTRAP", bootstrap, "WELLNESS_OIDC_ISSUER", TestInfrastructure.issuer(),
                    "WELLNESS_KEYCLOAK_URL", TestInfrastructure.keycloakUrl(), "WELLNESS_CATALOG_URL", catalog.url(),
                    "WELLNESS_ROSTER_SYNC_EVERY", "off", "QUARKUS_HTTP_PORT", Integer.toString(port)));
            builder.environment().put("WELLNESS_DUE_COMPRESSION", COMPRESSION);
            Process scheduler = builder.start();
            try {
                awaitReady(port, scheduler, log);
                run(db, bootstrap, scheduler.pid(), port);
            } finally {
                scheduler.destroy();
                scheduler.waitFor();
            }
        }
        System.exit(0);
    }

    private static void run(PostgresServer.Database db, String bootstrap, long schedulerPid, int port) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            long seeded = System.nanoTime();
            seed(c);
            System.out.printf("seeded %,d employees in %.1f s%n", EMPLOYEES, (System.nanoTime() - seeded) / 1e9);

            try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
                // --- a first burst on a freshly started scheduler, other employees: its code is still being compiled
                // (the measured burst found ~3 s of JIT compilation on 2 cores); printed, not the target figure
                RssSampler rss = new RssSampler(schedulerPid);
                rss.start();
                double coldSeconds = 0;
                int coldReceived = 0;
                if (COLD_BURST > 0) {
                    Instant coldAt = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
                    setDue(c, "select employee_id from break_schedule order by employee_id desc limit " + COLD_BURST, coldAt, 0);
                    List<Long> coldLateness = new ArrayList<>(COLD_BURST);
                    long coldLast = drain(consumer, COLD_BURST, coldAt, coldLateness, new byte[1][], Duration.ofSeconds(120));
                    coldSeconds = (coldLast - coldAt.toEpochMilli()) / 1000.0;
                    coldReceived = coldLateness.size();
                }

                // --- burst: BURST breaks due in the same second
                Instant burstAt = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
                setDue(c, "select employee_id from break_schedule order by employee_id limit " + BURST, burstAt, 0);
                Map<String, double[]> phasesBefore = emissionPhases(port);
                Map<String, Long> cpuBefore = cpuTicks(schedulerPid);
                List<Long> burstLateness = new ArrayList<>(BURST);
                byte[][] sample = new byte[1][];
                long lastAppend = drain(consumer, BURST, burstAt, burstLateness, sample, Duration.ofSeconds(120));
                Map<String, Long> cpuAfter = cpuTicks(schedulerPid);
                Map<String, double[]> phasesAfter = emissionPhases(port);
                double burstSeconds = (lastAppend - burstAt.toEpochMilli()) / 1000.0;
                int received = burstLateness.size();

                // --- steady state: STEADY breaks spread evenly over STEADY_SECONDS
                Instant steadyFrom = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
                long stepMicros = STEADY_SECONDS * 1_000_000L / STEADY;
                setDue(c, "select employee_id from break_schedule where next_due_at > now() + interval '1 hour' order by employee_id desc limit " + STEADY,
                        steadyFrom, stepMicros);
                List<Long> steadyLateness = new ArrayList<>(STEADY);
                drain(consumer, STEADY, steadyFrom, steadyLateness, new byte[1][], Duration.ofSeconds(STEADY_SECONDS + 60));
                rss.stop();

                // --- raw producer baseline: same record size, same settings, same broker, same run
                double rawRate = rawProducerRate(bootstrap, sample[0], BURST);

                Collections.sort(steadyLateness);
                Collections.sort(burstLateness);
                System.out.println();
                System.out.println("=== scheduler benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, PostgreSQL+Kafka+Keycloak local) ===");
                System.out.printf("employees scheduled                : %,d%n", EMPLOYEES);
                if (COLD_BURST > 0) {
                    System.out.printf("first burst after start (cold JIT) : %,d breaks on Kafka in %.2f s (%,.0f breaks/s; not the target figure)%n",
                            coldReceived, coldSeconds, coldReceived / Math.max(coldSeconds, 0.001));
                }
                System.out.printf("burst: breaks due in one second    : %,d (received %,d)%n", BURST, received);
                System.out.printf("burst: time until all on Kafka     : %.2f s  (%,.0f breaks/s; target <= 5 s, >= 20,000/s)%n",
                        burstSeconds, received / Math.max(burstSeconds, 0.001));
                System.out.printf("burst: lateness p50 / p99          : %d ms / %d ms%n", pct(burstLateness, 50), pct(burstLateness, 99));
                // where the burst's time went: CPU per process (the 8 s wait before it is idle), and the emitter's phases
                StringBuilder cpu = new StringBuilder();
                cpuAfter.forEach((process, ticks) -> cpu.append(String.format("%s %.2f s, ", process,
                        (ticks - cpuBefore.getOrDefault(process, 0L)) / 100.0)));
                System.out.printf("burst: CPU used (wait + burst)     : %s%n", cpu.substring(0, Math.max(0, cpu.length() - 2)));
                StringBuilder phaseLine = new StringBuilder();
                phasesAfter.forEach((phase, after) -> {
                    double[] before = phasesBefore.getOrDefault(phase, new double[2]);
                    double batches = after[1] - before[1];
                    phaseLine.append(String.format("%s %.1f ms, ", phase, batches == 0 ? 0 : (after[0] - before[0]) * 1000 / batches));
                });
                System.out.printf("burst: emitter batch phases (mean) : %s%n", phaseLine.substring(0, Math.max(0, phaseLine.length() - 2)));
                System.out.printf("steady: %,d breaks over %d s       : lateness p50 %d ms, p99 %d ms, max %d ms (target p99 <= 1000 ms), received %,d%n",
                        STEADY, STEADY_SECONDS, pct(steadyLateness, 50), pct(steadyLateness, 99),
                        steadyLateness.isEmpty() ? -1 : steadyLateness.getLast(), steadyLateness.size());
                System.out.printf("scheduler RSS peak                 : %d MB (target <= 512 MB)%n", rss.peakKb() / 1024);
                System.out.printf("record size (value)                : %d bytes%n", sample[0] == null ? -1 : sample[0].length);
                System.out.printf("raw Kafka producer rate, same size : %,.0f records/s%n", rawRate);
            }
        }
    }

    /** Employees with one profile in UTC; everyone's next break far in the future until a phase sets it. */
    private static void seed(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("truncate employee, break_schedule, emitted_break, break_plan cascade");
        }
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder employees = new StringBuilder();
        StringBuilder schedule = new StringBuilder();
        String far = Instant.now().plus(Duration.ofDays(30)).toString();
        for (int i = 0; i < EMPLOYEES; i++) {
            String id = String.format("emp-%07d", i);
            employees.append(id).append('\t').append(id).append("\tteam-").append(i % 500).append("\tUTC\tslack\tU").append(i).append("\tcsv\n");
            schedule.append(id).append('\t').append(far).append('\n');
            if (employees.length() > 8_000_000 || i == EMPLOYEES - 1) {
                copy.copyIn("copy employee (id, username, team, time_zone, channel_type, channel_address, source) from stdin",
                        new StringReader(employees.toString()));
                employees.setLength(0);
            }
        }
        copy.copyIn("copy break_schedule (employee_id, next_due_at) from stdin", new StringReader(schedule.toString()));
        try (Statement s = c.createStatement()) {
            s.execute("analyze employee");
            s.execute("analyze break_schedule");
        }
    }

    /** Sets the chosen employees' next break to {@code from + i * stepMicros}. */
    private static void setDue(Connection c, String select, Instant from, long stepMicros) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("""
                with chosen as (select employee_id, row_number() over (order by employee_id) - 1 as n from (%s) x)
                update break_schedule s set next_due_at = ? + (chosen.n * ?) * interval '1 microsecond'
                from chosen where s.employee_id = chosen.employee_id""".formatted(select))) {
            ps.setObject(1, java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
            ps.setLong(2, stepMicros);
            ps.executeUpdate();
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.DUE).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** Reads until {@code expected} records arrived; collects lateness (record timestamp - ce_time); returns the last timestamp. */
    private static long drain(KafkaConsumer<String, byte[]> consumer, int expected, Instant notBefore, List<Long> lateness,
                              byte[][] sample, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = 0;
        while (lateness.size() < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                Instant due = Instant.parse(CloudEvents.header(record.headers(), CloudEvents.HEADER_TIME));
                if (due.isBefore(notBefore)) {
                    continue;
                }
                lateness.add(record.timestamp() - due.toEpochMilli());
                last = Math.max(last, record.timestamp());
                if (sample[0] == null) {
                    sample[0] = record.value();
                }
            }
        }
        if (lateness.size() < expected) {
            throw new IllegalStateException("only " + lateness.size() + " of " + expected
                    + " breaks reached Kafka in " + timeout.toSeconds() + " s; see target/bench-scheduler.log");
        }
        return last;
    }

    private static double rawProducerRate(String bootstrap, byte[] value, int count) throws Exception {
        byte[] payload = value != null ? value : new byte[1500];
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(DueProducerFactory.settings(bootstrap, COMPRESSION),
                new StringSerializer(), new ByteArraySerializer())) {
            String topic = "bench.raw-producer";
            producer.send(new ProducerRecord<>(topic, "warm-up", payload)).get();
            var headers = CloudEvents.headers("x", "/bench", CloudEvents.TYPE_DUE, "emp", Instant.now(), null);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, null, String.format("emp-%07d", i), payload, headers));
            }
            producer.flush();
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * CPU time (clock ticks, 100 per second) of the processes that share the machine: PostgreSQL's (every backend),
     * the Kafka broker, the scheduler, this driver (the consumer measuring the burst) and the rest (Keycloak, idle).
     */
    private static Map<String, Long> cpuTicks(long schedulerPid) throws Exception {
        Map<String, Long> ticks = new java.util.TreeMap<>();
        long self = ProcessHandle.current().pid();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    long pid = Long.parseLong(proc.getFileName().toString());
                    String cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
                    String name = pid == schedulerPid ? "scheduler" : pid == self ? "driver"
                            : stat.contains("(postgres)") ? "postgresql" : cmdline.contains("kafka.Kafka") ? "kafka" : "other";
                    ticks.merge(name, used, Long::sum);
                } catch (java.io.IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return ticks;
    }

    /** The emitter's phase timers from the scheduler's metrics: phase -> {seconds, batches}. */
    private static Map<String, double[]> emissionPhases(int port) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, double[]> phases = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "(?m)^wellness_emission_phase_seconds_(sum|count)\\{[^}]*phase=\"(\\w+)\"[^}]*} ([0-9.eE+-]+)$").matcher(metrics.body());
        while (m.find()) {
            phases.computeIfAbsent(m.group(2), k -> new double[2])[m.group(1).equals("sum") ? 0 : 1] = Double.parseDouble(m.group(3));
        }
        return phases;
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void awaitReady(int port, Process process, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("scheduler exited; see " + log + "\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("scheduler not ready in 180 s; see " + log);
    }

    /** Samples the scheduler process's resident set size (Linux /proc). */
    private static final class RssSampler {
        private final Path status;
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        RssSampler(long pid) {
            status = Path.of("/proc/" + pid + "/status");
        }

        void start() {
            thread = Thread.ofPlatform().daemon().start(() -> {
                while (running) {
                    try {
                        for (String line : Files.readAllLines(status)) {
                            if (line.startsWith("VmRSS:")) {
                                long kb = Long.parseLong(Arrays.stream(line.split("\\s+")).skip(1).findFirst().orElse("0"));
                                peak.accumulateAndGet(kb, Math::max);
                            }
                        }
                        Thread.sleep(200);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
        }

        void stop() {
            running = false;
        }

        long peakKb() {
            return peak.get();
        }
    }
}
