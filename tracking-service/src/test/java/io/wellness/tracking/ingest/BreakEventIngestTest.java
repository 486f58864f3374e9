package io.wellness.tracking.ingest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.BreakOutcome;
import io.wellness.tracking.support.Db;
import io.wellness.tracking.support.Eventually;
import io.wellness.tracking.support.TrackingEvents;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Real Kafka and PostgreSQL: every outcome is recorded once, whatever the duplicates and the arrival order. */
@QuarkusTest
class BreakEventIngestTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant DUE = Instant.parse("2026-03-10T09:15:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-03-10");

    @Inject
    AgroalDataSource ds;

    @Inject
    io.wellness.tracking.service.IngestService ingest;

    private final TrackingEvents events = new TrackingEvents();

    @AfterEach
    void close() {
        events.close();
    }

    @Test
    void duplicateEventsAreRecordedOnce() {
        String team = uniqueTeam();
        BreakDueEvent due = TrackingEvents.due("emp-dup", team, DUE, "Europe/Berlin", 0, "neck-roll", "wrist-circles");
        var completed = TrackingEvents.outcome(due, BreakOutcome.COMPLETED, 0, DUE.plusSeconds(120));
        events.send(due);
        events.send(due);
        events.send(completed);
        events.send(completed);
        awaitProcessed(completed.eventId());
        // a marker event after the duplicates: once it is in, the duplicates have been consumed too
        BreakDueEvent marker = TrackingEvents.due("emp-dup-marker", team, DUE.plusSeconds(60), "Europe/Berlin", 0);
        events.send(marker);
        Map<String, Object> day = awaitDay(team, r -> ((Number) r.get("offered")).intValue() == 2);
        assertThat(day).containsEntry("offered", 2).containsEntry("completed", 1).containsEntry("employees", 2)
                .containsEntry("active", 1).containsEntry("snoozed", 0);
        assertThat(Db.count(ds, "select count(*) from outcome_event where break_id = ?", due.breakId())).isEqualTo(1);
        // local hour of the heat map: 09:15 UTC is 10:15 in Berlin
        assertThat(Db.rows(ds, "select hour, completed from team_hour_rollup where team = ? and unit = 'D'", team))
                .contains(Map.of("hour", 10, "completed", 1));
        assertThat(Db.rows(ds, "select exercise_id, completed from team_exercise_rollup where team = ? and unit = 'M' order by exercise_id", team))
                .containsExactly(Map.of("exercise_id", "neck-roll", "completed", 1), Map.of("exercise_id", "wrist-circles", "completed", 1));
    }

    @Test
    void anOutcomeBeforeItsBreakIsKeptAndReconciled() {
        String team = uniqueTeam();
        BreakDueEvent due = TrackingEvents.due("emp-early", team, DUE, "UTC", 0, "shoulder-shrug");
        events.send(TrackingEvents.outcome(due, BreakOutcome.COMPLETED, 0, DUE.plusSeconds(30)));
        Eventually.await(() -> Db.count(ds, "select count(*) from pending_outcome where break_id = ?", due.breakId()),
                n -> n == 1, WAIT);
        assertThat(Db.count(ds, "select count(*) from team_period_rollup where team = ?", team)).isZero();

        events.send(due);
        Map<String, Object> day = awaitDay(team, r -> ((Number) r.get("offered")).intValue() == 1);
        assertThat(day).containsEntry("completed", 1).containsEntry("active", 1).containsEntry("employees", 1);
        assertThat(Db.count(ds, "select count(*) from pending_outcome where break_id = ?", due.breakId())).isZero();
        assertThat(Db.rows(ds, "select exercise_id, completed from team_exercise_rollup where team = ? and unit = 'D'", team))
                .containsExactly(Map.of("exercise_id", "shoulder-shrug", "completed", 1));
    }

    @Test
    void snoozedThenCompletedCountsOneCompletedAndALateSnoozeChangesNothing() {
        String team = uniqueTeam();
        BreakDueEvent due = TrackingEvents.due("emp-snooze", team, DUE, "UTC", 0, "neck-roll");
        events.send(due);
        events.send(TrackingEvents.outcome(due, BreakOutcome.SNOOZED, 1, DUE.plusSeconds(10)));
        awaitDay(team, r -> ((Number) r.get("snoozed")).intValue() == 1);
        // the scheduler re-emits the snoozed break: same breakId, new message; still one offered break
        BreakDueEvent reEmitted = TrackingEvents.due("emp-snooze", team, DUE, "UTC", 1, "neck-roll");
        events.send(reEmitted);
        var completed = TrackingEvents.outcome(due, BreakOutcome.COMPLETED, 0, DUE.plusSeconds(600));
        events.send(completed);
        awaitDay(team, r -> ((Number) r.get("completed")).intValue() == 1);
        var lateSnooze = TrackingEvents.outcome(due, BreakOutcome.SNOOZED, 2, DUE.plusSeconds(700));
        events.send(lateSnooze);
        events.send(TrackingEvents.outcome(due, BreakOutcome.SNOOZED, 1, DUE.plusSeconds(10)));
        awaitProcessed(lateSnooze.eventId());
        Map<String, Object> day = dayRow(team);
        assertThat(day).containsEntry("offered", 1).containsEntry("completed", 1).containsEntry("snoozed", 0)
                .containsEntry("employees", 1).containsEntry("active", 1);
        assertThat(Db.count(ds, "select count(*) from processed_message where id = ?", TrackingEvents.dueMessageId(reEmitted))).isOne();
        // the week and month rollups moved the same way
        assertThat(Db.rows(ds, "select unit, offered, completed, snoozed from team_period_rollup where team = ? order by unit", team))
                .containsExactly(Map.of("unit", "D", "offered", 1, "completed", 1, "snoozed", 0),
                        Map.of("unit", "M", "offered", 1, "completed", 1, "snoozed", 0),
                        Map.of("unit", "W", "offered", 1, "completed", 1, "snoozed", 0));
    }

    @Test
    void anUnreadableRecordIsSkippedAndLaterEventsStillCount() {
        String team = uniqueTeam();
        events.sendRaw(io.wellness.common.events.Topics.OUTCOMES, "emp-garbage", "{not json".getBytes());
        BreakDueEvent due = TrackingEvents.due("emp-after-garbage", team, DUE, "UTC", 0);
        events.send(due);
        events.send(TrackingEvents.outcome(due, BreakOutcome.SKIPPED, 0, DUE.plusSeconds(5)));
        Map<String, Object> day = awaitDay(team, r -> ((Number) r.get("skipped")).intValue() == 1);
        assertThat(day).containsEntry("offered", 1).containsEntry("completed", 0).containsEntry("active", 0);
    }

    @Test
    void concurrentBatchesRaisingTheSameBreaksCountEachBreakOnce() throws Exception {
        // three consumer workers may write batches about the same breaks at the same time; the highest outcome wins
        // whichever transaction commits first (an UPDATE that waited re-checks the row it finally gets)
        String team = uniqueTeam();
        int breaks = 300;
        List<BreakDueEvent> dues = new java.util.ArrayList<>();
        for (int i = 0; i < breaks; i++) {
            dues.add(TrackingEvents.due("emp-race-" + (i % 30), team, DUE.plusSeconds(60L * i), "UTC", 0, "neck-roll"));
        }
        ingest.ingestDue(dues.stream().map(d -> new ReceivedEvent<>(TrackingEvents.dueMessageId(d), d)).toList());
        List<List<ReceivedEvent<io.wellness.common.events.BreakOutcomeEvent>>> batches = new java.util.ArrayList<>();
        for (BreakOutcome outcome : List.of(BreakOutcome.SNOOZED, BreakOutcome.COMPLETED, BreakOutcome.SKIPPED)) {
            batches.add(dues.stream().map(d -> TrackingEvents.outcome(d, outcome, outcome == BreakOutcome.SNOOZED ? 1 : 0, DUE))
                    .map(o -> new ReceivedEvent<>(o.eventId(), o)).toList());
        }
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(batches.size());
        try {
            List<java.util.concurrent.Future<?>> done = batches.stream().map(batch -> pool.submit(() -> {
                start.await();
                ingest.ingestOutcomes(batch);
                return null;
            })).collect(java.util.stream.Collectors.toList());
            start.countDown();
            for (var f : done) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(dayRow(team)).containsEntry("offered", breaks).containsEntry("completed", breaks)
                .containsEntry("snoozed", 0).containsEntry("skipped", 0).containsEntry("employees", 30).containsEntry("active", 30);
        assertThat(Db.count(ds, "select count(*) from break_record where team = ? and status = 3", team)).isEqualTo(breaks);
        assertThat(Db.count(ds, "select count(*) from outcome_event e join break_record b using (break_id) where b.team = ?", team))
                .isEqualTo(3L * breaks);
    }

    /** Outcome messages are logged by their key in outcome_event. */
    private void awaitProcessed(UUID messageId) {
        Eventually.await(() -> Db.count(ds, "select count(*) from outcome_event where message_id = ?", messageId), n -> n == 1, WAIT);
    }

    private Map<String, Object> awaitDay(String team, java.util.function.Predicate<Map<String, Object>> done) {
        return Eventually.await(() -> dayRow(team), r -> r != null && done.test(r), WAIT);
    }

    private Map<String, Object> dayRow(String team) {
        List<Map<String, Object>> rows = Db.rows(ds, "select offered, snoozed, skipped, completed, employees, active "
                + "from team_period_rollup where unit = 'D' and period_start = ? and team = ?", DAY, team);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static String uniqueTeam() {
        return "ingest-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
