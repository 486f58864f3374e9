package io.wellness.scheduler.delivery.repository;

import io.wellness.common.events.BreakOutcome;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The outcome log: at most one decision per delivered message, whatever the number of clicks or callbacks. */
@ApplicationScoped
public class OutcomeLogRepository {
    private final DataSource dataSource;

    public OutcomeLogRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True when this call recorded the decision; false when one was recorded before. */
    public boolean tryRecord(DeliveryKey key, UUID outcomeId, String employeeId, BreakOutcome outcome, String channel,
                             Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "insert into delivery_outcome_log (break_id, snooze_count, outcome_id, employee_id, outcome, channel, recorded_at) "
                             + "values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing")) {
            statement.setObject(1, key.breakId());
            statement.setInt(2, key.snoozeCount());
            statement.setObject(3, outcomeId);
            statement.setString(4, employeeId);
            statement.setString(5, outcome.wireName());
            statement.setString(6, channel);
            statement.setTimestamp(7, Timestamp.from(now));
            return statement.executeUpdate() == 1;
        }
    }

    public Optional<BreakOutcome> find(DeliveryKey key) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select outcome from delivery_outcome_log where break_id = ? and snooze_count = ?")) {
            statement.setObject(1, key.breakId());
            statement.setInt(2, key.snoozeCount());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(BreakOutcome.fromWire(rows.getString(1))) : Optional.empty();
            }
        }
    }

    /** Undoes a record whose event could not be published, so the employee's next click can try again. */
    public void forget(DeliveryKey key, UUID outcomeId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "delete from delivery_outcome_log where break_id = ? and snooze_count = ? and outcome_id = ?")) {
            statement.setObject(1, key.breakId());
            statement.setInt(2, key.snoozeCount());
            statement.setObject(3, outcomeId);
            statement.executeUpdate();
        }
    }
}
