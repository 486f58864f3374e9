package io.wellness.tracking.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.BreakOutcome;
import io.wellness.tracking.ingest.ReceivedEvent;
import io.wellness.tracking.support.Db;
import io.wellness.tracking.support.TrackingEvents;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Raw events older than the retention period (395 days) are purged; aggregates stay. */
@QuarkusTest
class RetentionJobTest {

    @Inject
    IngestService ingest;

    @Inject
    RetentionJob retention;

    @Inject
    AgroalDataSource ds;

    @Test
    void purgesOldRawEventsAndKeepsRecentOnesAndTheAggregates() {
        Instant old = Instant.now().minus(400, ChronoUnit.DAYS);
        Instant recent = Instant.now().minus(300, ChronoUnit.DAYS);
        BreakDueEvent oldBreak = record("retention-old", old);
        BreakDueEvent recentBreak = record("retention-recent", recent);
        // the service saw the old break 400 days ago
        Db.execute(ds, "update break_record set first_seen = due_at where team = 'retention-team'");
        Db.execute(ds, "update processed_message set processed_at = now() - interval '400 days' where id = ?",
                TrackingEvents.dueMessageId(oldBreak));
        List<Map<String, Object>> rollups = Db.rows(ds, "select * from team_period_rollup where team = 'retention-team' order by unit, period_start");

        RetentionJob.Purged purged = retention.purge();

        assertThat(purged.outcomes()).isGreaterThanOrEqualTo(1);
        assertThat(purged.breaks()).isGreaterThanOrEqualTo(1);
        assertThat(purged.processedMessages()).isGreaterThanOrEqualTo(1);
        assertThat(Db.count(ds, "select count(*) from break_record where break_id = ?", oldBreak.breakId())).isZero();
        assertThat(Db.count(ds, "select count(*) from outcome_event where break_id = ?", oldBreak.breakId())).isZero();
        assertThat(Db.count(ds, "select count(*) from break_record where break_id = ?", recentBreak.breakId())).isOne();
        assertThat(Db.count(ds, "select count(*) from outcome_event where break_id = ?", recentBreak.breakId())).isOne();
        assertThat(Db.rows(ds, "select * from team_period_rollup where team = 'retention-team' order by unit, period_start"))
                .isEqualTo(rollups).hasSize(6);
        // the old day's and week's cell markers are gone (the cells keep their counts); the recent ones stay
        assertThat(purged.cellMarkers()).isGreaterThanOrEqualTo(4);
        assertThat(Db.count(ds, "select count(*) from hour_participant where employee_id = 'retention-old' and unit in ('D', 'W')")).isZero();
        assertThat(Db.count(ds, "select count(*) from exercise_participant where employee_id = 'retention-old' and unit in ('D', 'W')")).isZero();
        assertThat(Db.count(ds, "select count(*) from hour_participant where employee_id = 'retention-recent'")).isEqualTo(3);
        assertThat(Db.count(ds, "select sum(employees) from team_hour_rollup where team = 'retention-team' and unit = 'D'")).isEqualTo(2);
    }

    private BreakDueEvent record(String employeeId, Instant at) {
        BreakDueEvent due = TrackingEvents.due(employeeId, "retention-team", at, "UTC", 0, "neck-roll");
        ingest.ingestDue(List.of(new ReceivedEvent<>(TrackingEvents.dueMessageId(due), due)));
        var outcome = TrackingEvents.outcome(due, BreakOutcome.COMPLETED, 0, at.plusSeconds(60));
        ingest.ingestOutcomes(List.of(new ReceivedEvent<>(outcome.eventId(), outcome)));
        return due;
    }
}
