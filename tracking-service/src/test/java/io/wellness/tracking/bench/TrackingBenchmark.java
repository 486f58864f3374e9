package io.wellness.tracking.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.wellness.common.events.BreakOutcome;
import io.wellness.common.events.BreakOutcomeEvent;
import io.wellness.common.events.CloudEvents;
import io.wellness.common.events.DeterministicIds;
import io.wellness.common.events.Topics;
import io.wellness.infra.quarkus.TestInfrastructure;
import io.wellness.infra.quarkus.Tokens;
import io.wellness.tracking.ingest.PeriodUnit;
import io.wellness.tracking.service.DashboardService;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Prints the tracking figures (run with bench/run.sh; excluded from the normal test run):
 * <ul>
 *   <li>ingest: N outcome events (default 500,000, for breaks already offered) are produced to
 *       microbreaks.outcomes while the service's outcome channel is paused; then the channel is resumed and timed
 *       until every event is committed to PostgreSQL (the service draining a backlog);</li>
 *   <li>dashboards: a data set of about 10,000,000 outcomes (5,000 employees in 50 teams over 2025, one team of 3)
 *       is generated with generate_series straight into PostgreSQL (rollups, participants and the raw outcome
 *       events), then the team-month and company-year dashboards are timed (p50/p95/p99): in the service, over HTTP
 *       through a lean client (JDK HttpClient, kept-alive connection, real hr token), and through RestAssured.</li>
 * </ul>
 */
@QuarkusTest
@io.quarkus.test.junit.TestProfile(TrackingBenchmark.PausedOutcomes.class)
class TrackingBenchmark {
    /**
     * The outcome channel can be paused: each ingest run first loads its whole backlog into Kafka while it is paused,
     * then resumes the channel and times the service draining it. The producer's CPU and memory (it runs in this
     * JVM) stay out of the measured window; in production the producers are other services on other machines.
     */
    public static class PausedOutcomes implements io.quarkus.test.junit.QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.incoming.break-outcomes.pausable", "true");
        }
    }

    private static final String OUTCOMES_CHANNEL = "break-outcomes";
    private static final int INGEST_EVENTS = Integer.getInteger("bench.ingest.events", 500_000);
    /**
     * Outcome events ingested (other breaks, same employees) before the measured ingest, printed apart. The delivery
     * benchmark's profiles showed the JIT compilers busy with a quarter to a third of a just-started JVM's CPU for
     * over a minute on 2 cores; here that CPU is taken from PostgreSQL, which shares the cores. 0 = no warm-up.
     */
    private static final int WARM_UP_EVENTS = Integer.getInteger("bench.ingest.warmup", 300_000);
    private static final boolean RAW_OUTCOMES = Boolean.parseBoolean(System.getProperty("bench.raw", "true"));
    private static final int EMPLOYEES = 5_000;

    @Inject
    AgroalDataSource ds;

    @Inject
    DashboardService dashboards;

    @Inject
    MeterRegistry registry;

    @Inject
    ObjectMapper json;

    @Inject
    io.smallrye.reactive.messaging.kafka.KafkaClientService kafkaClients;

    @Inject
    io.smallrye.reactive.messaging.ChannelRegistry channels;

    @TestHTTPResource("/api/tracking/")
    URI api;

    @Test
    void printFigures() throws Exception {
        if (Boolean.parseBoolean(System.getProperty("bench.ingest", "true"))) {
            ingestBenchmark();
        }
        if (Boolean.parseBoolean(System.getProperty("bench.dashboards", "true"))) {
            dashboardBenchmark();
        }
    }

    private void ingestBenchmark() throws Exception {
        long t0 = System.nanoTime();
        sql("""
                insert into break_record (break_id, employee_id, offered, team, due_at, time_zone, local_day, local_hour, planned_exercises)
                select md5('bench-' || i)::uuid, 'bench-e' || (i %% %d), true, 'bench-team-' || (i %% %d %% 50), ts, 'UTC', ts::date,
                       extract(hour from ts)::smallint, array['ex-' || (i %% 20), 'ex-' || ((i + 7) %% 20)]
                from generate_series(1, %d) i,
                     lateral (select timestamptz '2024-06-01 08:00:00+00' + (i %% 28) * interval '1 day' + (i %% 10) * interval '1 hour' as ts) t
                """.formatted(EMPLOYEES, EMPLOYEES, INGEST_EVENTS + WARM_UP_EVENTS));
        // as if their microbreaks.due events had been consumed: each left its message id in the idempotency log, which
        // the outcome ingest consults (an empty log hid a plan that read the whole log for every batch)
        sql("insert into processed_message (id, topic) select md5('bench-due-' || i)::uuid, 1 from generate_series(1, %d) i"
                .formatted(INGEST_EVENTS + WARM_UP_EVENTS));
        for (String unit : List.of("D", "W", "M")) {
            String start = switch (unit) {
                case "D" -> "local_day";
                case "W" -> "date_trunc('week', local_day)::date";
                default -> "date_trunc('month', local_day)::date";
            };
            sql("insert into period_participant (team, unit, period_start, employee_id) select distinct team, '" + unit
                    + "', " + start + ", employee_id from break_record where employee_id like 'bench-%'");
            sql("insert into team_period_rollup (unit, period_start, team, offered, employees) select '" + unit + "', " + start
                    + ", team, count(*), count(distinct employee_id) from break_record where employee_id like 'bench-%' group by 2, 3");
        }
        sql("analyze");
        System.out.printf("BENCH ingest setup: %,d offered breaks in PostgreSQL in %.1f s%n", INGEST_EVENTS + WARM_UP_EVENTS,
                seconds(t0));

        awaitPartitionsAssigned();
        channels.getPausable(OUTCOMES_CHANNEL).pause(); // the consumer only subscribes once the channel asks for records
        if (WARM_UP_EVENTS > 0) {
            produce(outcomeRecords(INGEST_EVENTS + 1, WARM_UP_EVENTS));
            long jit = jitMillis();
            double warmUpSeconds = drain(WARM_UP_EVENTS);
            System.out.printf("BENCH ingest warm-up (just-started JVM, other breaks): %,d outcome events in %.2f s = %,.0f events/s; "
                    + "JIT compilation meanwhile %,d ms%n", WARM_UP_EVENTS, warmUpSeconds, WARM_UP_EVENTS / warmUpSeconds,
                    jitMillis() - jit);
        }
        Map<String, double[]> phasesBefore = ingestPhases();
        double produceSeconds = produce(outcomeRecords(1, INGEST_EVENTS));
        System.out.printf("BENCH produce (channel paused): %,d outcome events to %s in %.2f s (%,.0f events/s)%n",
                INGEST_EVENTS, Topics.OUTCOMES, produceSeconds, INGEST_EVENTS / produceSeconds);
        long jitBefore = jitMillis();
        double ingestSeconds = drain(INGEST_EVENTS);
        System.out.printf("BENCH ingest: %,d outcome events from Kafka to the last commit in PostgreSQL (raw + message log + "
                + "break status + rollups) in %.2f s = %,.0f events/s (target >= 50,000); JIT compilation meanwhile %,d ms%n",
                INGEST_EVENTS, ingestSeconds, INGEST_EVENTS / ingestSeconds, jitMillis() - jitBefore);
        // where the consumer's time went in the measured ingest (summed over the worker threads: can exceed the wall time)
        Map<String, double[]> phasesAfter = ingestPhases();
        phasesAfter.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new double[]{
                        e.getValue()[0] - phasesBefore.getOrDefault(e.getKey(), new double[2])[0],
                        e.getValue()[1] - phasesBefore.getOrDefault(e.getKey(), new double[2])[1]}))
                .filter(e -> e.getValue()[0] > 0)
                .sorted(java.util.Comparator.comparingDouble(e -> -e.getValue()[1]))
                .forEach(e -> System.out.printf("BENCH ingest phase %-12s batches=%,.0f total=%,.0f ms mean=%.2f ms/batch%n",
                        e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[1] / e.getValue()[0]));
    }

    /** Sends the records while the outcome channel is paused; returns the seconds it took. */
    private double produce(List<ProducerRecord<String, byte[]>> records) {
        if (!channels.getPausable(OUTCOMES_CHANNEL).isPaused()) {
            throw new IllegalStateException("the outcome channel must be paused while the backlog is produced");
        }
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
            java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
            records.forEach(r -> producer.send(r, (metadata, error) -> {
                if (error != null) {
                    failed.incrementAndGet();
                }
            }));
            producer.flush();
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " outcome events could not be produced");
            }
        }
        records.clear(); // not kept in the heap the service uses while it drains
        return seconds(start);
    }

    /**
     * Resumes the outcome channel; returns the seconds until {@code events} more are committed, with the channel
     * paused again.
     */
    private double drain(int events) throws InterruptedException {
        var channel = channels.getPausable(OUTCOMES_CHANNEL);
        double before = recordedOutcomes();
        System.gc(); // the producer's garbage is not the service's
        long start = System.nanoTime();
        channel.resume();
        try {
            while (recordedOutcomes() - before < events) {
                if (seconds(start) > 600) {
                    throw new IllegalStateException("ingest did not finish in 10 minutes: " + (recordedOutcomes() - before));
                }
                Thread.sleep(20);
            }
            return seconds(start);
        } finally {
            channel.pause();
        }
    }

    /** Per ingest phase: batches and total milliseconds so far. */
    private Map<String, double[]> ingestPhases() {
        Map<String, double[]> phases = new java.util.HashMap<>();
        registry.find("tracking.ingest.phase").timers().forEach(t -> phases.put(t.getId().getTag("phase"),
                new double[]{t.count(), t.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)}));
        return phases;
    }

    /** Milliseconds this JVM's JIT compilers have spent so far. */
    private static long jitMillis() {
        var compilation = java.lang.management.ManagementFactory.getCompilationMXBean();
        return compilation != null && compilation.isCompilationTimeMonitoringSupported() ? compilation.getTotalCompilationTime() : -1;
    }

    /** A fresh broker can take a while to set up the consumer group: the timing starts once the consumer polls. */
    private void awaitPartitionsAssigned() throws InterruptedException {
        long start = System.nanoTime();
        while (kafkaClients.getConsumers(OUTCOMES_CHANNEL).stream()
                .allMatch(c -> c.getAssignments().await().atMost(java.time.Duration.ofSeconds(10)).isEmpty())) {
            if (seconds(start) > 600) {
                throw new IllegalStateException("the outcome consumer got no partition in 10 minutes");
            }
            Thread.sleep(500);
        }
        System.out.printf("BENCH consumer group ready after %.1f s%n", seconds(start));
    }

    private static Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.LINGER_MS_CONFIG, "20",
                ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024),
                ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(512L * 1024 * 1024));
    }

    /** Outcomes of the offered breaks number {@code first} to {@code first + count - 1}. */
    private List<ProducerRecord<String, byte[]>> outcomeRecords(int first, int count) throws Exception {
        BreakOutcome[] outcomes = {BreakOutcome.COMPLETED, BreakOutcome.COMPLETED, BreakOutcome.COMPLETED, BreakOutcome.COMPLETED,
                BreakOutcome.SKIPPED, BreakOutcome.SNOOZED};
        List<ProducerRecord<String, byte[]>> records = new java.util.ArrayList<>(count);
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        Instant occurredAt = Instant.parse("2024-06-01T08:05:00Z");
        for (int i = first; i < first + count; i++) {
            UUID breakId = uuidOf(md5.digest(("bench-" + i).getBytes(StandardCharsets.UTF_8)));
            String employee = "bench-e" + (i % EMPLOYEES);
            BreakOutcome outcome = outcomes[i % outcomes.length];
            int snooze = outcome == BreakOutcome.SNOOZED ? 1 : 0;
            BreakOutcomeEvent event = new BreakOutcomeEvent(DeterministicIds.outcomeId(breakId, outcome, snooze), breakId,
                    employee, outcome, occurredAt, "slack", snooze, List.of());
            records.add(new ProducerRecord<>(Topics.OUTCOMES, null, employee, json.writeValueAsBytes(event),
                    CloudEvents.headers(event.eventId().toString(), "/bench", CloudEvents.TYPE_OUTCOME, breakId.toString(),
                            occurredAt, null)));
        }
        return records;
    }

    private void dashboardBenchmark() throws Exception {
        long t0 = System.nanoTime();
        String team = "case when e < 3 then 'corp-small' else 'corp-team-' || lpad((e % 49)::text, 2, '0') end";
        // one row per employee and day: breaks offered and completed (about 5.5 breaks a day: 10M a year)
        sql("drop table if exists bench_corp_day");
        sql("""
                create unlogged table bench_corp_day as
                select %s as team, d::date as day, 'corp-e' || e as employee_id, b, floor(random() * (b + 1))::int as c
                from generate_series(0, %d) e, generate_series(date '2025-01-01', date '2025-12-31', interval '1 day') d,
                     lateral (select 5 + (random() < 0.48)::int + (e * 0) as b) x
                """.formatted(team, EMPLOYEES - 1));
        for (String unit : List.of("D", "W", "M")) {
            String start = switch (unit) {
                case "D" -> "day";
                case "W" -> "date_trunc('week', day)::date";
                default -> "date_trunc('month', day)::date";
            };
            sql("insert into period_participant (team, unit, period_start, employee_id, active) select team, '" + unit + "', "
                    + start + ", employee_id, sum(c) > 0 from bench_corp_day group by 1, 3, 4");
            sql("insert into team_period_rollup (unit, period_start, team, offered, snoozed, skipped, completed, employees, active) "
                    + "select '" + unit + "', " + start + ", team, sum(b), sum((b - c) / 2), sum(b - c - (b - c) / 2), sum(c), "
                    + "count(distinct employee_id), count(distinct employee_id) filter (where c > 0) from bench_corp_day group by 2, 3");
        }
        sql("drop table bench_corp_day");
        sql("""
                insert into team_hour_rollup (team, unit, period_start, hour, offered, snoozed, skipped, completed, employees)
                select team, unit, period_start, h, offered / 10, snoozed / 10, skipped / 10, completed / 10, employees / 2
                from team_period_rollup, generate_series(8, 17) h where team like 'corp-%'
                """);
        sql("""
                insert into team_exercise_rollup (team, unit, period_start, exercise_id, completed, employees)
                select team, unit, period_start, 'exercise-' || x, completed / 20 + (x %% 3), active / 4
                from team_period_rollup, generate_series(1, 20) x where team like 'corp-%%'
                """.replace("%%", "%"));
        long stored = (Long) single("select sum(offered)::bigint from team_period_rollup where unit = 'D' and team like 'corp-%'");
        System.out.printf("BENCH data set: %,d outcomes in rollups (%d employees, 50 teams incl. one of 3, 2025) generated in %.1f s%n",
                stored, EMPLOYEES, seconds(t0));
        if (RAW_OUTCOMES) {
            long t1 = System.nanoTime();
            sql("""
                    insert into outcome_event (message_id, event_id, break_id, employee_id, outcome, occurred_at, channel, snooze_number, exercise_ids)
                    select gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'corp-e' || (i %% %d), (1 + i %% 3)::smallint,
                           timestamptz '2025-01-01 00:00:00+00' + i * interval '3 seconds', 'slack', 0, '{}'
                    from generate_series(1, %d) i
                    """.formatted(EMPLOYEES, stored));
            System.out.printf("BENCH raw outcome events stored: %,d (generated in %.1f s)%n",
                    (Long) single("select count(*) from outcome_event"), seconds(t1));
        }
        sql("vacuum analyze");

        timed("team-month (service, one team, one month)", 50, 500,
                i -> dashboards.team("corp-team-" + String.format("%02d", i % 49),
                        new DashboardService.Range(PeriodUnit.MONTH, LocalDate.of(2025, 1 + i % 12, 1), LocalDate.of(2025, 1 + i % 12, 1))));
        timed("company-year (service, 12 months, all teams)", 20, 300,
                i -> dashboards.company(new DashboardService.Range(PeriodUnit.MONTH, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 1))));
        timed("company-year by week (service, 53 weeks)", 10, 100,
                i -> dashboards.company(new DashboardService.Range(PeriodUnit.WEEK, LocalDate.of(2024, 12, 30), LocalDate.of(2025, 12, 29))));
        String token = Tokens.of("harriet");
        // the HTTP path through a lean client (JDK HttpClient, one kept-alive connection): what a caller sees
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        timed("team-month (HTTP, JDK client, hr token)", 50, 500, i -> get(http, token,
                "dashboards/teams/corp-team-07?period=month&from=2025-0" + (1 + i % 9) + "-01&to=2025-0" + (1 + i % 9) + "-01"));
        timed("company-year (HTTP, JDK client, hr token)", 20, 300, i -> get(http, token,
                "dashboards/company?period=month&from=2025-01-01&to=2025-12-31"));
        // the same through RestAssured (its own request/response handling adds milliseconds per call in this JVM)
        timed("team-month (HTTP, RestAssured, hr token)", 20, 300, i -> given().auth().oauth2(token)
                .queryParam("period", "month").queryParam("from", "2025-0" + (1 + i % 9) + "-01").queryParam("to", "2025-0" + (1 + i % 9) + "-01")
                .get("/api/tracking/dashboards/teams/corp-team-07").then().statusCode(200).extract().asByteArray());
        timed("company-year (HTTP, RestAssured, hr token)", 10, 200, i -> given().auth().oauth2(token)
                .queryParam("period", "month").queryParam("from", "2025-01-01").queryParam("to", "2025-12-31")
                .get("/api/tracking/dashboards/company").then().statusCode(200).extract().asByteArray());
    }

    private byte[] get(HttpClient http, String token, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(api.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    private interface Query {
        Object run(int iteration) throws Exception;
    }

    private static void timed(String name, int warmup, int iterations, Query query) throws Exception {
        for (int i = 0; i < warmup; i++) {
            query.run(i);
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            query.run(i);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("BENCH %s: n=%d p50=%.2f ms p95=%.2f ms p99=%.2f ms max=%.2f ms%n", name, iterations,
                nanos[iterations / 2] / 1e6, nanos[(int) (iterations * 0.95)] / 1e6, nanos[(int) (iterations * 0.99)] / 1e6,
                nanos[iterations - 1] / 1e6);
    }

    private double recordedOutcomes() {
        var counter = registry.find("tracking.events.recorded").tag("topic", Topics.OUTCOMES).counter();
        return counter == null ? 0 : counter.count();
    }

    private void sql(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("set statement_timeout = 0");
            s.execute(sql);
        }
    }

    private Object single(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }

    private static UUID uuidOf(byte[] md5) {
        String hex = HexFormat.of().formatHex(md5);
        return UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
