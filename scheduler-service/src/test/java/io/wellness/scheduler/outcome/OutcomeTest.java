package io.wellness.scheduler.outcome;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.wellness.common.events.BreakOutcome;
import io.wellness.common.events.BreakOutcomeEvent;
import io.wellness.common.events.CloudEvents;
import io.wellness.common.events.DeterministicIds;
import io.wellness.common.events.Topics;
import io.wellness.scheduler.emission.BatchObserver;
import io.wellness.scheduler.emission.DueBreakEmitter;
import io.wellness.scheduler.emission.DuePublisher;
import io.wellness.scheduler.plan.PlanStore;
import io.wellness.scheduler.support.SchedulerDb;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Outcomes from microbreaks.outcomes: snooze re-emits the same break after 10 minutes (twice at most), skip ends it. */
@QuarkusTest
class OutcomeTest {
    private static final Instant DUE = Instant.parse("2026-06-11T08:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PlanStore plans;

    @Inject
    DuePublisher publisher;

    @Inject
    OutcomeService outcomes;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    SchedulerDb db;
    DueBreakEmitter emitter;

    @BeforeEach
    void clean() {
        db = new SchedulerDb(dataSource);
        db.clear();
        emitter = new DueBreakEmitter(dataSource, plans, publisher, 100, Duration.ofMinutes(2), BatchObserver.NONE);
    }

    private static BreakOutcomeEvent outcome(UUID breakId, String employee, BreakOutcome outcome, int snoozeNumber, Instant at) {
        return new BreakOutcomeEvent(DeterministicIds.outcomeId(breakId, outcome, snoozeNumber), breakId, employee, outcome,
                at, "slack", snoozeNumber, List.of());
    }

    private long emittedRows(UUID breakId, int snoozeCount) {
        return db.count("select count(*) from emitted_break where break_id = ?::uuid and snooze_count = ?", breakId.toString(), snoozeCount);
    }

    @Test
    void aSnoozeFromKafkaReEmitsTheSameBreakTenMinutesLater() throws Exception {
        db.employeesDueAt("snoozer-", 1, "Europe/Berlin", DUE);
        emitter.emitDue(DUE.plusSeconds(1));
        UUID breakId = DeterministicIds.breakId("snoozer-0", DUE);
        Instant clicked = DUE.plusSeconds(30);
        BreakOutcomeEvent snoozed = outcome(breakId, "snoozer-0", BreakOutcome.SNOOZED, 1, clicked);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap), new StringSerializer(), new StringSerializer())) {
            var headers = CloudEvents.headers(snoozed.eventId().toString(), "/test", CloudEvents.TYPE_OUTCOME, "snoozer-0", clicked, null);
            // delivered twice (a retried callback): applied once
            for (int i = 0; i < 2; i++) {
                producer.send(new ProducerRecord<>(Topics.OUTCOMES, null, "snoozer-0", json.writeValueAsString(snoozed), headers)).get();
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (db.count("select count(*) from snoozed_break") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(db.count("select count(*) from snoozed_break where due_at = ?", clicked.plus(Duration.ofMinutes(10)))).isEqualTo(1);

        assertThat(emitter.emitDue(clicked.plus(Duration.ofMinutes(9)))).as("not before ten minutes").isZero();
        emitter.emitDue(clicked.plus(Duration.ofMinutes(10)));
        assertThat(emittedRows(breakId, 1)).isEqualTo(1);
        Thread.sleep(1000);
        assertThat(db.count("select count(*) from processed_outcome where event_id = ?::uuid", snoozed.eventId().toString())).isEqualTo(1);
        assertThat(db.count("select count(*) from emitted_break where break_id = ?::uuid", breakId.toString())).isEqualTo(2);
    }

    @Test
    void aBreakIsSnoozedAtMostTwice() throws Exception {
        db.employeesDueAt("twice-", 1, "Europe/Berlin", DUE);
        emitter.emitDue(DUE.plusSeconds(1));
        UUID breakId = DeterministicIds.breakId("twice-0", DUE);
        Instant at = DUE.plusSeconds(5);
        for (int snooze = 1; snooze <= 2; snooze++) {
            assertThat(outcomes.apply(outcome(breakId, "twice-0", BreakOutcome.SNOOZED, snooze, at))).isEqualTo(OutcomeService.Result.APPLIED);
            at = at.plus(Duration.ofMinutes(10));
            emitter.emitDue(at);
            assertThat(emittedRows(breakId, snooze)).isEqualTo(1);
        }
        assertThat(outcomes.apply(outcome(breakId, "twice-0", BreakOutcome.SNOOZED, 3, at))).isEqualTo(OutcomeService.Result.SNOOZE_LIMIT);
        assertThat(db.count("select count(*) from snoozed_break")).isZero();
    }

    @Test
    void skippedAndCompletedChangeNothingMoreAndCancelAPendingSnooze() throws Exception {
        db.employeesDueAt("skipper-", 1, "Europe/Berlin", DUE);
        emitter.emitDue(DUE.plusSeconds(1));
        UUID breakId = DeterministicIds.breakId("skipper-0", DUE);
        Instant nextRegular = db.nextDue("skipper-0");
        outcomes.apply(outcome(breakId, "skipper-0", BreakOutcome.SNOOZED, 1, DUE.plusSeconds(10)));
        assertThat(outcomes.apply(outcome(breakId, "skipper-0", BreakOutcome.SKIPPED, 0, DUE.plusSeconds(20))))
                .isEqualTo(OutcomeService.Result.APPLIED);
        assertThat(db.count("select count(*) from snoozed_break")).isZero();
        assertThat(outcomes.apply(outcome(breakId, "skipper-0", BreakOutcome.SKIPPED, 0, DUE.plusSeconds(20))))
                .isEqualTo(OutcomeService.Result.DUPLICATE);
        assertThat(outcomes.apply(outcome(breakId, "skipper-0", BreakOutcome.COMPLETED, 0, DUE.plusSeconds(30))))
                .isEqualTo(OutcomeService.Result.APPLIED);
        emitter.emitDue(DUE.plus(Duration.ofMinutes(11)));
        assertThat(emittedRows(breakId, 1)).isZero();
        assertThat(db.nextDue("skipper-0")).isEqualTo(nextRegular);
    }
}
