package io.wellness.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wellness.infra.PlatformTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Load command (deploy/load-test.sh): a company of N employees (default 100,000, in teams of 500, all in UTC,
 * web-inbox channel) goes through one working day (09:00-17:30, a break every 45 minutes) on the scheduler's
 * accelerated clock. The driver plays the employees: it completes each offered break with a known, per-team
 * probability by publishing the outcome as the chat channels do, and keeps that ground truth. Printed: breaks due and
 * their throughput, emission lateness percentiles, delivery counts, memory per service, and the participation HR's
 * company and team dashboards show against the ground truth.
 */
public final class CompanyDayLoad {
    private static final int TEAM_SIZE = 500;
    /** Rows per CSV import: the scheduler's limit (wellness.scheduler.roster.max-import-rows). */
    private static final int IMPORT_CHUNK = 50_000;
    private static final String DAY_START = "09:00";
    private static final String DAY_END = "17:30";

    private CompanyDayLoad() {
    }

    public static void main(String[] args) throws Exception {
        int employees = Integer.getInteger("wellness.load.employees", 100_000);
        double speed = Double.parseDouble(System.getProperty("wellness.load.clock-speed", "120"));
        int teams = Math.max(1, employees / TEAM_SIZE);
        Path dataDir = Files.createTempDirectory("wellness-load-");
        System.out.printf(Locale.ROOT, "load: %,d employees in %d teams, scheduler clock x%.0f, data in %s%n", employees, teams, speed, dataDir);
        // the scheduler's clock starts a lead-in (3 real minutes: stack start and roster import) before the working
        // day, whatever the real time, so the whole day is run; never before midnight
        Duration leadIn = Duration.ofSeconds(Long.getLong("wellness.load.lead-in-seconds", 180));
        java.time.LocalTime startOfDay = java.time.LocalTime.parse(DAY_START);
        long leadInScheduler = Math.min((long) (leadIn.toSeconds() * speed), startOfDay.toSecondOfDay());
        String clockStart = LocalDate.now(ZoneOffset.UTC).atTime(startOfDay.minusSeconds(leadInScheduler))
                .toInstant(ZoneOffset.UTC).toString();
        // a delivery's staleness is judged on the scheduler's clock; at x60 the 15-minute budget would be 15 s of real
        // time for a wave of 100,000 that takes the platform about a minute: the run keeps 15 real minutes instead
        Duration deliveryBudget = Duration.ofSeconds((long) (Duration.ofMinutes(15).toSeconds() * speed));
        SystemStack stack = SystemStack.start(dataDir, Map.of("scheduler", Map.of(
                "WELLNESS_CLOCK_SPEED", Double.toString(speed),
                "WELLNESS_SCHEDULER_CLOCK_START", clockStart,
                "WELLNESS_DELIVERY_MAX_DELIVERY_TIME", deliveryBudget.toString(),
                "WELLNESS_ROSTER_SYNC_EVERY", "off")));
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                stack.close();
                stack.deleteDataKeepingLogs();
            }
        };
        // Ctrl-C or a timeout's SIGTERM stops every process of the stack too
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "load-stack-stop"));
        try {
            run(stack, new Platform(stack), employees, teams, speed);
        } finally {
            stop.run();
        }
    }

    /** Probability that an employee of a team completes an offered break: 30 % to 80 %, by team. */
    static double completionRate(int team) {
        return 0.3 + 0.05 * (team % 11);
    }

    /** The driver's deterministic choice for one break (the same on a replayed record). */
    static boolean completes(UUID breakId, int team) {
        return Math.floorMod(breakId.hashCode(), 10_000) < completionRate(team) * 10_000;
    }

    private static void run(SystemStack stack, Platform api, int employees, int teams, double speed) throws Exception {
        ObjectNode policy = (ObjectNode) api.get("adam", "/api/scheduler/policy").expect(200).json();
        ObjectNode hours = policy.putObject("defaultWorkingHours");
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            hours.putArray(day).addObject().put("start", DAY_START).put("end", DAY_END);
        }
        policy.put("defaultIntervalMinutes", 45);
        policy.put("defaultChannelType", "web");
        api.put("adam", "/api/scheduler/policy", policy).expect(200);

        long importStarted = System.nanoTime();
        for (int from = 0; from < employees; from += IMPORT_CHUNK) {
            StringBuilder csv = new StringBuilder("id,username,team,timezone,channel_type,channel_address\n");
            for (int i = from; i < Math.min(employees, from + IMPORT_CHUNK); i++) {
                String id = String.format(Locale.ROOT, "load-%06d", i);
                csv.append(id).append(',').append(id).append(",team-").append(String.format(Locale.ROOT, "%03d", i % teams))
                        .append(",UTC,web,").append(id).append('\n');
            }
            api.post("adam", "/api/scheduler/roster/import", "text/csv", csv.toString()).expect(200);
        }
        System.out.printf(Locale.ROOT, "load: roster of %,d imported in %.1f s%n", employees, (System.nanoTime() - importStarted) / 1e9);

        Map<String, Integer> teamOf = new HashMap<>();
        long[] offered = new long[teams];
        long[] completed = new long[teams];
        LocalDate day = null;
        long firstDueSeenAt = 0;
        long lastDueSeenAt = 0;
        long dueRecords = 0;
        try (KafkaConsumer<String, String> due = consumer(stack.kafkaBootstrap());
             KafkaProducer<String, String> outcomes = producer(stack.kafkaBootstrap())) {
            long idleSince = System.nanoTime();
            while (true) {
                var records = due.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> record : records) {
                    JsonNode event = Platform.JSON.readTree(record.value());
                    String employee = event.path("employeeId").asText();
                    if (!employee.startsWith("load-")) {
                        continue;
                    }
                    Instant dueAt = Instant.parse(event.path("dueAt").asText());
                    if (day == null) {
                        day = dueAt.atZone(ZoneOffset.UTC).toLocalDate();
                        firstDueSeenAt = System.nanoTime();
                        System.out.println("load: the working day " + day + " has begun");
                    }
                    if (!dueAt.atZone(ZoneOffset.UTC).toLocalDate().equals(day)) {
                        continue;
                    }
                    dueRecords++;
                    lastDueSeenAt = System.nanoTime();
                    int team = teamOf.computeIfAbsent(event.path("team").asText(), t -> Integer.parseInt(t.substring("team-".length())));
                    offered[team]++;
                    UUID breakId = UUID.fromString(event.path("breakId").asText());
                    if (completes(breakId, team)) {
                        completed[team]++;
                        outcomes.send(outcome(breakId, employee, dueAt));
                    }
                }
                if (!records.isEmpty()) {
                    idleSince = System.nanoTime();
                }
                // the day is over once no break has come for longer than one break interval of scheduler time
                if (day != null && System.nanoTime() - idleSince > dayOverAfterIdleNanos(speed)) {
                    break;
                }
                if (day == null && System.nanoTime() - idleSince > Duration.ofMinutes(30).toNanos()) {
                    throw new IllegalStateException("no break was due within 30 minutes");
                }
            }
            outcomes.flush();
        }
        long totalOffered = java.util.Arrays.stream(offered).sum();
        long totalCompleted = java.util.Arrays.stream(completed).sum();
        double emitSeconds = (lastDueSeenAt - firstDueSeenAt) / 1e9;
        System.out.println();
        long expected = expectedBreaks(employees);
        System.out.printf(Locale.ROOT, "breaks due on %s:           %,d of %,d the schedule rules give (%,d records read); day took %.1f s real%n",
                day, totalOffered, expected, dueRecords, emitSeconds);
        if (totalOffered < expected) {
            System.out.printf(Locale.ROOT, "  %,d breaks were not sent: later than the emitter's backlog grace (15 min of scheduler time = %.0f ms real at x%.0f),"
                    + " they are skipped by design; a lower clock speed gives the emitter more real time%n", expected - totalOffered, 900_000 / speed, speed);
        }
        System.out.printf(Locale.ROOT, "throughput (due events):       %,.0f breaks/s on average over the day%n", totalOffered / Math.max(emitSeconds, 0.001));
        printLateness(stack, day, speed);
        printDeliveries(stack, day);
        // peak resident memory over the whole run against the pod's limit (the JVMs run with deploy/kubernetes's settings)
        for (String service : List.of("catalog", "scheduler", "tracking", "gateway")) {
            System.out.printf(Locale.ROOT, "memory %-10s RSS peak %4d MB, now %4d MB (anonymous %4d MB)  | pod limit %d MiB%n", service,
                    stack.memoryKiB(service, "VmHWM:") / 1024, stack.memoryKiB(service, "VmRSS:") / 1024,
                    stack.memoryKiB(service, "RssAnon:") / 1024, podMemoryLimitMiB(service));
        }
        printDashboards(api, day, offered, completed, totalOffered, totalCompleted);
    }

    private static long podMemoryLimitMiB(String service) {
        String module = service.equals("gateway") ? service : service + "-service";
        return io.wellness.stack.ContainerJvmSettings.of(Path.of(System.getProperty("wellness.repo.root", ".")), module).memoryLimitMiB();
    }

    /** Breaks the day should hold: one every 45 min from 09:00 + 45 min + the employee's stable offset, before 17:30. */
    static long expectedBreaks(int employees) {
        Duration interval = Duration.ofMinutes(45);
        Duration day = Duration.between(java.time.LocalTime.parse(DAY_START), java.time.LocalTime.parse(DAY_END));
        long total = 0;
        for (int i = 0; i < employees; i++) {
            Duration first = interval.plus(NearTermBreaks.offsetOf(String.format(Locale.ROOT, "load-%06d", i), interval));
            for (Duration at = first; at.compareTo(day) < 0; at = at.plus(interval)) {
                total++;
            }
        }
        return total;
    }

    static long dayOverAfterIdleNanos(double speed) {
        // a company's breaks come in waves: everyone's offset lies within 5 minutes of the 45-minute grid, so a quiet
        // spell shorter than one interval is the gap between two waves, not the end of the day
        return Math.max(5_000_000_000L, (long) (Duration.ofMinutes(45 + 5).toNanos() / speed));
    }

    /** Emission lateness: emitted_at - due_at on the scheduler's clock, in real time (divided by the clock speed). */
    private static void printLateness(SystemStack stack, LocalDate day, double speed) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(stack.postgres().jdbcUrl("scheduler"), "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement("""
                     select percentile_cont(array[0.5, 0.95, 0.99]) within group (order by extract(epoch from emitted_at - due_at)),
                            max(extract(epoch from emitted_at - due_at))
                     from emitted_break where employee_id like 'load-%' and due_at >= ? and due_at < ?""")) {
            ps.setObject(1, day.atStartOfDay().atOffset(ZoneOffset.UTC));
            ps.setObject(2, day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Double[] p = (Double[]) rs.getArray(1).getArray();
                System.out.printf(Locale.ROOT, "emission lateness (real ms):   p50 %.0f  p95 %.0f  p99 %.0f  max %.0f   (scheduler clock x%.0f)%n",
                        p[0] * 1000 / speed, p[1] * 1000 / speed, p[2] * 1000 / speed, rs.getDouble(2) * 1000 / speed, speed);
            }
        }
    }

    private static void printDeliveries(SystemStack stack, LocalDate day) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(stack.postgres().jdbcUrl("scheduler"), "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement("""
                     select status, count(*) from delivery_log
                     where employee_id like 'load-%' and substring(event_json::jsonb ->> 'dueAt' for 10) = ? group by status""")) {
            ps.setString(1, day.toString());
            List<String> counts = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.add(String.format(Locale.ROOT, "%s %,d", rs.getString(1), rs.getLong(2)));
                }
            }
            System.out.println("deliveries (web inbox) of the day: " + String.join(", ", counts));
        }
    }

    private static void printDashboards(Platform api, LocalDate day, long[] offered, long[] completed,
                                        long totalOffered, long totalCompleted) {
        String query = "?period=day&from=" + day + "&to=" + day;
        long started = System.nanoTime();
        JsonNode company = null;
        while (System.nanoTime() - started < Duration.ofMinutes(3).toNanos()) {
            company = api.get("harriet", "/api/tracking/dashboards/company" + query).expect(200).json().path("series").path(0).path("figures");
            if (company.path("offered").asLong() == totalOffered && company.path("completed").asLong() == totalCompleted) {
                break;
            }
            SystemStack.sleep(Duration.ofSeconds(2));
        }
        System.out.printf(Locale.ROOT, "dashboard (HR, company, %s): offered %s completed %s participation %s  |  ground truth: offered %,d completed %,d participation %.3f  (tracking caught up %.1f s after the day)%n",
                day, company.path("offered"), company.path("completed"), company.path("participationRate"),
                totalOffered, totalCompleted, totalCompleted / (double) Math.max(1, totalOffered), (System.nanoTime() - started) / 1e9);
        for (int team : new int[]{0, 1, offered.length - 1}) {
            String name = String.format(Locale.ROOT, "team-%03d", team);
            JsonNode figures = api.get("harriet", "/api/tracking/dashboards/teams/" + name + query).expect(200).json()
                    .path("series").path(0).path("figures");
            System.out.printf(Locale.ROOT, "dashboard %-9s offered %s completed %s participation %s  |  ground truth %,d / %,d = %.3f%n",
                    name, figures.path("offered"), figures.path("completed"), figures.path("participationRate"),
                    offered[team], completed[team], completed[team] / (double) Math.max(1, offered[team]));
        }
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(PlatformTopics.DUE, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }

    /** A completed outcome as the chat channels publish it (CloudEvents binary headers, keyed by employee). */
    private static ProducerRecord<String, String> outcome(UUID breakId, String employee, Instant dueAt) {
        UUID eventId = UUID.nameUUIDFromBytes(("load-outcome:" + breakId).getBytes(StandardCharsets.UTF_8));
        ObjectNode event = Platform.JSON.createObjectNode();
        event.put("eventId", eventId.toString());
        event.put("breakId", breakId.toString());
        event.put("employeeId", employee);
        event.put("outcome", "completed");
        event.put("occurredAt", dueAt.plusSeconds(90).toString());
        event.put("channel", "web");
        event.put("snoozeNumber", 0);
        event.putArray("exerciseIds");
        ProducerRecord<String, String> record = new ProducerRecord<>(PlatformTopics.OUTCOMES, employee, event.toString());
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", eventId.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_source", "/load-test".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", "io.wellness.microbreak.outcome.v1".getBytes(StandardCharsets.UTF_8));
        record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
