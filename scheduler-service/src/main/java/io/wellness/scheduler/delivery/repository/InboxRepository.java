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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The employees' recent breaks for the web page. */
@ApplicationScoped
public class InboxRepository {
    private static final String COLUMNS = "break_id, snooze_count, employee_id, due_at, time_zone, channel, event_json, outcome, updated_at";

    private final DataSource dataSource;

    public InboxRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void setOutcome(DeliveryKey key, BreakOutcome outcome, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "update delivery_inbox set outcome = ?, updated_at = ? where break_id = ? and snooze_count = ?")) {
            statement.setString(1, outcome.wireName());
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setObject(3, key.breakId());
            statement.setInt(4, key.snoozeCount());
            statement.executeUpdate();
        }
    }

    /** The employee's items due since {@code dueSince}, oldest first, at most {@code limit}. */
    public List<InboxItem> dueSince(String employeeId, Instant dueSince, int limit) throws SQLException {
        return query("select " + COLUMNS + " from delivery_inbox where employee_id = ? and due_at >= ? "
                + "order by due_at, snooze_count limit ?", employeeId, dueSince, limit);
    }

    /** The employee's items added or changed after {@code after}, oldest change first. */
    public List<InboxItem> changedAfter(String employeeId, Instant after, int limit) throws SQLException {
        return query("select " + COLUMNS + " from delivery_inbox where employee_id = ? and updated_at > ? "
                + "order by updated_at limit ?", employeeId, after, limit);
    }

    public int purgeDueBefore(Instant before) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("delete from delivery_inbox where due_at < ?")) {
            statement.setTimestamp(1, Timestamp.from(before));
            return statement.executeUpdate();
        }
    }

    private List<InboxItem> query(String sql, String employeeId, Instant instant, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, employeeId);
            statement.setTimestamp(2, Timestamp.from(instant));
            statement.setInt(3, limit);
            List<InboxItem> items = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    items.add(new InboxItem(rows.getObject(1, UUID.class), rows.getInt(2), rows.getString(3),
                            rows.getTimestamp(4).toInstant(), rows.getString(5), rows.getString(6), rows.getString(7),
                            rows.getString(8), rows.getTimestamp(9).toInstant()));
                }
            }
            return items;
        }
    }
}
