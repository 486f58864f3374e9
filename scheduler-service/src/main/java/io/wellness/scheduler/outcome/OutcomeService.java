package io.wellness.scheduler.outcome;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.wellness.common.events.BreakOutcome;
import io.wellness.common.events.BreakOutcomeEvent;
import io.wellness.scheduler.config.SchedulerConfig;
import io.wellness.scheduler.repository.ScheduleQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Applies what an employee did with a break, once per outcome event: a snooze schedules the same break again after
 * the snooze delay (at most {@code maxPerBreak} times); completed and skipped only cancel a pending snooze.
 */
@ApplicationScoped
public class OutcomeService {

    public enum Result { APPLIED, DUPLICATE, UNKNOWN_BREAK, SNOOZE_LIMIT }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SchedulerConfig config;

    @Transactional
    public Result apply(BreakOutcomeEvent event) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "insert into processed_outcome (event_id) values (?) on conflict do nothing")) {
                ps.setObject(1, event.eventId());
                if (ps.executeUpdate() == 0) {
                    return Result.DUPLICATE;
                }
            }
            if (event.outcome() != BreakOutcome.SNOOZED) {
                try (PreparedStatement ps = connection.prepareStatement("delete from snoozed_break where break_id = ?")) {
                    ps.setObject(1, event.breakId());
                    ps.executeUpdate();
                }
                return Result.APPLIED;
            }
            String employeeId;
            Instant originalDue;
            String planKey;
            int emittedSnoozes;
            try (PreparedStatement ps = connection.prepareStatement("""
                    select employee_id, due_at, plan_key, snooze_count from emitted_break
                    where break_id = ? order by snooze_count desc limit 1""")) {
                ps.setObject(1, event.breakId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        Log.infof("outcome %s for unknown break %s ignored", event.eventId(), event.breakId());
                        return Result.UNKNOWN_BREAK;
                    }
                    employeeId = rs.getString(1);
                    originalDue = rs.getTimestamp(2).toInstant();
                    planKey = rs.getString(3);
                    emittedSnoozes = rs.getInt(4);
                }
            }
            if (emittedSnoozes >= config.snooze().maxPerBreak()) {
                Log.infof("break %s already snoozed %d times; no more", event.breakId(), emittedSnoozes);
                return Result.SNOOZE_LIMIT;
            }
            try (PreparedStatement ps = connection.prepareStatement("""
                    insert into snoozed_break (break_id, employee_id, original_due_at, due_at, snooze_count, plan_key)
                    values (?, ?, ?, ?, ?, ?) on conflict (break_id) do nothing""")) {
                ps.setObject(1, event.breakId());
                ps.setString(2, employeeId);
                ps.setObject(3, ScheduleQueries.utc(originalDue));
                ps.setObject(4, ScheduleQueries.utc(event.occurredAt().plus(config.snooze().delay())));
                ps.setInt(5, emittedSnoozes + 1);
                ps.setString(6, planKey);
                ps.executeUpdate();
            }
            return Result.APPLIED;
        }
    }
}
