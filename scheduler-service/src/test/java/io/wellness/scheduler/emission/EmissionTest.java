package io.wellness.scheduler.emission;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.CloudEvents;
import io.wellness.common.events.DeterministicIds;
import io.wellness.scheduler.plan.PlanStore;
import io.wellness.scheduler.service.ScheduleService;
import io.wellness.scheduler.timing.BreakTimer;
import io.wellness.scheduler.support.DueTopic;
import io.wellness.scheduler.support.SchedulerDb;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.postgresql.ds.PGSimpleDataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Emission on real PostgreSQL and Kafka. "Two scheduler instances" are two emitter instances in this
 * JVM, each on its own thread with its own connections: exactly what two replicas share (the database and the
 * broker), without a second JVM's 30 s start-up on a 2-core machine.
 */
@QuarkusTest
class EmissionTest {
    private static final Instant DUE = Instant.parse("2026-06-10T10:00:00Z");
    /** Emitting exactly at the due instant: the employees' next grid points all lie later. */
    private static final Instant NOW = DUE;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PlanStore plans;

    @Inject
    ScheduleService schedules;

    @Inject
    DuePublisher publisher;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.rest-client.catalog.url")
    String catalogUrl;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    /** An instance about to be killed gets its own unpooled connections: aborting one drops it as a dead process would. */
    private DataSource ownConnections() {
        PGSimpleDataSource own = new PGSimpleDataSource();
        own.setURL(jdbcUrl);
        own.setUser(dbUser);
        own.setPassword(dbPassword);
        return own;
    }

    private static final BatchObserver KILL = (connection, rows) -> {
        connection.abort(Runnable::run);
        throw new SQLException("instance killed");
    };

    SchedulerDb db;

    @BeforeEach
    void clean() {
        db = new SchedulerDb(dataSource);
        db.clear();
    }

    private DueBreakEmitter emitter(int batch, BatchObserver observer) {
        return new DueBreakEmitter(dataSource, plans, publisher, batch, Duration.ofMinutes(2), observer);
    }

    /** Runs the task on two threads until both find nothing more to do. */
    private static void onTwoInstances(Callable<Integer> first, Callable<Integer> second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = pool.invokeAll(List.of(() -> drain(first), () -> drain(second)));
            for (Future<Integer> run : runs) {
                assertThat(run.get()).as("each instance did part of the work").isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int drain(Callable<Integer> step) throws Exception {
        int total = 0;
        for (int n = step.call(); n > 0; n = step.call()) {
            total += n;
        }
        return total;
    }

    @Test
    void twoInstancesEmitTenThousandBreaksWithNoDuplicateAndNoGap() throws Exception {
        List<String> employees = db.employeesDueAt("twin-", 10_000, "Europe/Berlin", DUE);
        try (DueTopic topic = new DueTopic(bootstrap)) {
            DueBreakEmitter a = emitter(250, BatchObserver.NONE);
            DueBreakEmitter b = emitter(250, BatchObserver.NONE);
            onTwoInstances(() -> a.emitDue(NOW), () -> b.emitDue(NOW));
            assertThat(db.count("select count(*) from emitted_break")).isEqualTo(10_000);
            assertThat(db.count("select count(*) from break_schedule where next_due_at <= ?", NOW)).isZero();

            // the reading goes on for a quiet second after 10,000: a duplicate would show up as an extra record
            List<ConsumerRecord<String, String>> records = topic.read(10_000, r -> r.key().startsWith("twin-"), Duration.ofSeconds(60));
            assertThat(records).hasSize(10_000);
            Set<String> breakIds = records.stream().map(r -> DueTopic.event(r).breakId().toString()).collect(Collectors.toSet());
            Set<String> expected = employees.stream().map(e -> DeterministicIds.breakId(e, DUE).toString()).collect(Collectors.toSet());
            assertThat(breakIds).isEqualTo(expected);
        }
    }

    @Test
    void anEmitterStoppedInTheMiddleOfABatchLosesNothingAndResendsWithTheSameBreakIds() throws Exception {
        List<String> employees = db.employeesDueAt("crash-", 1_000, "America/New_York", DUE);
        try (DueTopic topic = new DueTopic(bootstrap)) {
            // the first instance dies after sending its batch, before committing: its connection drops like a killed process's
            DueBreakEmitter dying = new DueBreakEmitter(ownConnections(), plans, publisher, 400, Duration.ofMinutes(2), KILL);
            assertThatThrownBy(() -> dying.emitDue(NOW)).isInstanceOf(SQLException.class);
            assertThat(db.count("select count(*) from emitted_break")).isZero();
            assertThat(db.count("select count(*) from break_schedule where next_due_at <= ?", NOW)).isEqualTo(1_000);

            DueBreakEmitter survivor = emitter(400, BatchObserver.NONE);
            assertThat(drain(() -> survivor.emitDue(NOW))).isEqualTo(1_000);
            assertThat(db.count("select count(distinct break_id) from emitted_break")).isEqualTo(1_000);

            List<ConsumerRecord<String, String>> records = topic.read(1_400, r -> r.key().startsWith("crash-"), Duration.ofSeconds(30));
            // at least once: the 400 sent before the crash arrive twice, with the same ids; none is missing
            assertThat(records).hasSize(1_400);
            Set<String> breakIds = records.stream().map(r -> DueTopic.event(r).breakId().toString()).collect(Collectors.toSet());
            assertThat(breakIds).isEqualTo(employees.stream().map(e -> DeterministicIds.breakId(e, DUE).toString()).collect(Collectors.toSet()));
        }
    }

    @Test
    void missedBreaksAfterDowntimeAreNotFiredLateOnlyTheNextOneIs() throws Exception {
        Instant longAgo = NOW.minus(Duration.ofHours(3));
        db.employeesDueAt("down-", 5, "Europe/Berlin", longAgo);
        assertThat(drain(() -> emitter(100, BatchObserver.NONE).emitDue(NOW))).isEqualTo(5);
        assertThat(db.count("select count(*) from emitted_break")).isZero();
        Instant next = db.nextDue("down-0");
        assertThat(next).isAfter(NOW).isBefore(NOW.plus(Duration.ofMinutes(45 + 5)));
    }

    private static long phaseCount(io.micrometer.core.instrument.MeterRegistry registry, String phase) {
        return registry.get("wellness.emission.phase").tag("phase", phase).timer().count();
    }

    @Test
    void breaksThatWaitedBehindABurstAreStillSentButNotThoseMissedWhileNoEmitterRan() throws Exception {
        db.employeesDueAt("missed-", 3, "Europe/Berlin", NOW.minus(Duration.ofMinutes(10)));
        db.employeesDueAt("backlog-", 4, "Europe/Berlin", NOW.plus(Duration.ofMinutes(1)));
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        DueBreakEmitter emitter = new DueBreakEmitter(dataSource, plans, publisher, 100, Duration.ofMinutes(2),
                Duration.ofMinutes(15), BatchObserver.NONE, EmissionPhase.timers(registry));
        // the emitter starts at NOW: breaks due ten minutes before it ran were missed in downtime
        assertThat(emitter.emitDue(NOW)).isEqualTo(3);
        assertThat(db.count("select count(*) from emitted_break")).isZero();
        // the batch's phases are timed; nothing was sent, so no publish phase
        assertThat(phaseCount(registry, "claim")).isEqualTo(1);
        assertThat(phaseCount(registry, "commit")).isEqualTo(1);
        assertThat(phaseCount(registry, "publish")).isZero();
        // it keeps running; breaks due after it started and five minutes behind (a burst) are still sent
        emitter.emitDue(NOW.plus(Duration.ofMinutes(6)));
        assertThat(phaseCount(registry, "publish")).isEqualTo(1);
        assertThat(phaseCount(registry, "record")).isEqualTo(2);
        assertThat(phaseCount(registry, "plans")).as("one plans figure per batch").isEqualTo(2);
        assertThat(db.count("select count(*) from emitted_break where employee_id like 'backlog-%' and due_at = ?",
                NOW.plus(Duration.ofMinutes(1)))).isEqualTo(4);
        assertThat(db.count("select count(*) from emitted_break where due_at < ?", NOW)).isZero();

        // no batch for 16 minutes (a suspended process) is downtime: a break due meanwhile, 12 minutes late, is skipped
        db.employeesDueAt("suspended-", 2, "Europe/Berlin", NOW.plus(Duration.ofMinutes(10)));
        emitter.emitDue(NOW.plus(Duration.ofMinutes(22)));
        assertThat(db.count("select count(*) from emitted_break where employee_id like 'suspended-%'")).isZero();
        assertThat(db.nextDue("suspended-0")).isAfter(NOW.plus(Duration.ofMinutes(22)));
    }

    @Test
    void theEventCarriesTheContractAndPlansComeFromTheCacheRotatingWithinTheDay() throws Exception {
        int callsBefore = catalogCalls();
        Instant due = DUE.plus(Duration.ofDays(1));
        List<String> employees = db.employeesDueAt("plan-", 2_000, "Europe/Berlin", due);
        // the rotation slot is the break's index on the employee's grid: 12:00:00 is grid point 16 for offset 0, else 15
        long slots = employees.stream().map(e -> BreakTimer.offsetOf(e, Duration.ofMinutes(45)).isZero()).distinct().count();
        try (DueTopic topic = new DueTopic(bootstrap)) {
            drain(() -> emitter(500, BatchObserver.NONE).emitDue(due));
            List<ConsumerRecord<String, String>> records = topic.read(2_000, r -> r.key().startsWith("plan-"), Duration.ofSeconds(30));
            assertThat(records).hasSize(2_000);
            // one profile, one day: one catalog call per rotation slot for two thousand breaks
            assertThat(catalogCalls() - callsBefore).isEqualTo(slots);

            ConsumerRecord<String, String> record = records.stream().filter(r -> r.key().equals("plan-7")).findFirst().orElseThrow();
            BreakDueEvent event = DueTopic.event(record);
            assertThat(event.breakId()).isEqualTo(DeterministicIds.breakId("plan-7", due));
            assertThat(event.employeeId()).isEqualTo("plan-7");
            assertThat(event.team()).isEqualTo("engineering");
            assertThat(event.dueAt()).isEqualTo(due);
            assertThat(event.timeZone()).isEqualTo("Europe/Berlin");
            assertThat(event.channel()).isEqualTo(new BreakDueEvent.Channel("slack", "U-plan-7"));
            assertThat(event.snoozeCount()).isZero();
            assertThat(event.plan().catalogVersion()).isEqualTo("fake-1");
            assertThat(event.plan().exercises()).hasSize(2).allSatisfy(e -> assertThat(e.steps()).isNotEmpty());
            assertThat(CloudEvents.header(record.headers(), CloudEvents.HEADER_TYPE)).isEqualTo(CloudEvents.TYPE_DUE);
            assertThat(CloudEvents.header(record.headers(), CloudEvents.HEADER_ID)).isEqualTo(event.breakId().toString());
            assertThat(CloudEvents.header(record.headers(), CloudEvents.HEADER_SUBJECT)).isEqualTo("plan-7");

            // the next breaks of the day get other exercises (the catalog is told what was given today)
            Set<String> seen = new HashSet<>();
            event.plan().exercises().forEach(e -> seen.add(e.id()));
            for (int slot = 1; slot <= 3; slot++) {
                Instant next = db.nextDue("plan-7");
                drain(() -> emitter(5000, BatchObserver.NONE).emitDue(next.plusSeconds(1)));
                BreakDueEvent later = DueTopic.event(topic.read(1, r -> r.key().equals("plan-7"), Duration.ofSeconds(10)).getFirst());
                later.plan().exercises().forEach(e -> assertThat(seen.add(e.id())).as("repeated " + e.id()).isTrue());
            }
        }
    }

    @Test
    void plansOfBreaksDueSoonAreFetchedAheadSoEmissionDoesNotWaitForTheCatalog() throws Exception {
        Instant due = DUE.plus(Duration.ofDays(5));
        db.employeesDueAt("soon-", 300, "Europe/Berlin", due);
        int before = catalogCalls();
        PlanPrefetch prefetch = new PlanPrefetch(dataSource, plans, 2_000);
        assertThat(prefetch.prefetch(due.minus(Duration.ofMinutes(2)), Duration.ofMinutes(1))).as("not due within a minute").isZero();
        assertThat(prefetch.prefetch(due.minusSeconds(20), Duration.ofSeconds(30))).isPositive();
        int afterPrefetch = catalogCalls();
        assertThat(afterPrefetch).isGreaterThan(before);
        try (DueTopic topic = new DueTopic(bootstrap)) {
            drain(() -> emitter(100, BatchObserver.NONE).emitDue(due));
            List<ConsumerRecord<String, String>> records = topic.read(300, r -> r.key().startsWith("soon-"), Duration.ofSeconds(30));
            assertThat(records).hasSize(300).allSatisfy(r -> assertThat(DueTopic.event(r).plan().catalogVersion()).isEqualTo("fake-1"));
        }
        assertThat(catalogCalls()).as("emission found every plan in the cache").isEqualTo(afterPrefetch);
    }

    @Test
    void aCatalogOutageFallsBackToTheBuiltInPlan() throws Exception {
        catalog("/__down", "POST");
        try (DueTopic topic = new DueTopic(bootstrap)) {
            db.employeesDueAt("outage-", 3, "Europe/Berlin", DUE.plus(Duration.ofDays(3)));
            drain(() -> emitter(100, BatchObserver.NONE).emitDue(NOW.plus(Duration.ofDays(3))));
            List<ConsumerRecord<String, String>> records = topic.read(3, r -> r.key().startsWith("outage-"), Duration.ofSeconds(20));
            assertThat(records).hasSize(3).allSatisfy(r -> assertThat(DueTopic.event(r).plan().catalogVersion()).isEqualTo("builtin-1"));
        } finally {
            catalog("/__up", "POST");
        }
    }

    @Test
    void emittedBreaksFollowDaylightSavingChangesInNewYorkAndBerlin() throws Exception {
        String night = """
                {"SUNDAY":[{"start":"00:00","end":"06:00"}]}""";
        // spring forward: 5 real hours -> 6 breaks; fall back: 7 real hours -> 9 breaks
        Object[][] days = {{"America/New_York", "2026-03-08", 6}, {"America/New_York", "2026-11-01", 9},
                {"Europe/Berlin", "2026-03-29", 6}, {"Europe/Berlin", "2026-10-25", 9}};
        for (Object[] day : days) {
            db.clear();
            ZoneId zone = ZoneId.of((String) day[0]);
            LocalDate date = LocalDate.parse((String) day[1]);
            Instant dayStart = date.atStartOfDay(zone).toInstant();
            Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
            String id = db.employeesDueAt("dst-", 1, zone.getId(), dayEnd.plus(Duration.ofDays(30))).getFirst();
            db.update("update employee_settings set working_hours = ?::jsonb where employee_id = ?", night, id);
            try (var connection = dataSource.getConnection()) {
                schedules.reschedule(connection, id, dayStart.minusSeconds(1));
            }
            DueBreakEmitter emitter = emitter(10, BatchObserver.NONE);
            for (Instant next = db.nextDue(id); next != null && next.isBefore(dayEnd); next = db.nextDue(id)) {
                assertThat(emitter.emitDue(next)).isEqualTo(1);
            }
            List<Instant> emitted = new ArrayList<>();
            try (var c = dataSource.getConnection(); var ps = c.prepareStatement("select due_at from emitted_break order by due_at");
                 var rs = ps.executeQuery()) {
                while (rs.next()) {
                    emitted.add(rs.getTimestamp(1).toInstant());
                }
            }
            assertThat(emitted).as(day[0] + " " + day[1]).hasSize((Integer) day[2]);
            Set<LocalTime> localTimes = new HashSet<>();
            for (int i = 0; i < emitted.size(); i++) {
                var local = emitted.get(i).atZone(zone);
                assertThat(local.toLocalDate()).isEqualTo(date);
                assertThat(local.getHour()).as("never in the skipped hour").isNotEqualTo(date.getMonthValue() == 3 ? 2 : -1);
                assertThat(local.toLocalTime()).isBefore(LocalTime.of(6, 0));
                assertThat(localTimes.add(local.toLocalTime())).as("never twice at the same local time").isTrue();
                if (i > 0) {
                    assertThat(Duration.between(emitted.get(i - 1), emitted.get(i))).isEqualTo(Duration.ofMinutes(45));
                }
            }
        }
    }

    private int catalogCalls() throws Exception {
        return Integer.parseInt(catalog("/__calls", "GET"));
    }

    private String catalog(String path, String method) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(catalogUrl + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
