package io.wellness.scheduler.delivery.repository;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The delivery log (plain JDBC: one statement per batch of due events keeps a thousand deliveries a second cheap). */
@ApplicationScoped
public class DeliveryLogRepository {
    private static final int MAX_ERROR_LENGTH = 1000;
    private static final String COLUMNS = "break_id, snooze_count, employee_id, channel_type, channel_address, "
            + "event_json, status, attempts, first_seen_at";

    private final DataSource dataSource;

    public DeliveryLogRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A new emission to deliver; leased to the caller so no other replica's retry sweep takes it meanwhile. */
    public record NewDelivery(DeliveryKey key, String employeeId, String channelType, String channelAddress,
                              String eventJson) {
    }

    /** Inserts the emissions not seen before and returns those keys: the ones to deliver now. */
    public List<DeliveryKey> insertNew(List<NewDelivery> deliveries, Instant now, Duration lease) throws SQLException {
        if (deliveries.isEmpty()) {
            return List.of();
        }
        String sql = "insert into delivery_log (break_id, snooze_count, employee_id, channel_type, channel_address, "
                + "event_json, status, attempts, first_seen_at, next_attempt_at, lease_until) "
                + "select b, s, e, t, a, j, 'pending', 0, ?, ?, ? from unnest(?::uuid[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[]) "
                + "as x(b, s, e, t, a, j) on conflict (break_id, snooze_count) do nothing returning break_id, snooze_count";
        int n = deliveries.size();
        UUID[] breakIds = new UUID[n];
        Integer[] snoozes = new Integer[n];
        String[] employees = new String[n];
        String[] types = new String[n];
        String[] addresses = new String[n];
        String[] events = new String[n];
        for (int i = 0; i < n; i++) {
            NewDelivery delivery = deliveries.get(i);
            breakIds[i] = delivery.key().breakId();
            snoozes[i] = delivery.key().snoozeCount();
            employees[i] = delivery.employeeId();
            types[i] = delivery.channelType();
            addresses[i] = delivery.channelAddress();
            events[i] = delivery.eventJson();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setTimestamp(3, Timestamp.from(now.plus(lease)));
            statement.setArray(4, connection.createArrayOf("uuid", breakIds));
            statement.setArray(5, connection.createArrayOf("int4", snoozes));
            statement.setArray(6, connection.createArrayOf("text", employees));
            statement.setArray(7, connection.createArrayOf("text", types));
            statement.setArray(8, connection.createArrayOf("text", addresses));
            statement.setArray(9, connection.createArrayOf("text", events));
            List<DeliveryKey> inserted = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    inserted.add(new DeliveryKey(rows.getObject(1, UUID.class), rows.getInt(2)));
                }
            }
            return inserted;
        }
    }

    /**
     * Extends the lease of emissions this replica is still working on (attempt in progress, or sent and not yet
     * recorded), so a short lease can take over quickly after a crash without a live replica losing its rows.
     * Rows already released (retry scheduled, sent, dead) are left alone.
     */
    public int renewLeases(Collection<DeliveryKey> keys, Instant until) throws SQLException {
        if (keys.isEmpty()) {
            return 0;
        }
        UUID[] breakIds = new UUID[keys.size()];
        Integer[] snoozes = new Integer[keys.size()];
        int i = 0;
        for (DeliveryKey key : keys) {
            breakIds[i] = key.breakId();
            snoozes[i] = key.snoozeCount();
            i++;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     // skip rows another transaction holds (being recorded as sent, or released): locking them
                     // in another order deadlocked with the sent recorder; a row skipped now is renewed next time
                     "update delivery_log d set lease_until = ? where (d.break_id, d.snooze_count) in ("
                             + "select l.break_id, l.snooze_count from delivery_log l "
                             + "join unnest(?::uuid[], ?::int[]) as x(b, s) on l.break_id = x.b and l.snooze_count = x.s "
                             + "where l.status = 'pending' and l.lease_until is not null for update of l skip locked)")) {
            statement.setTimestamp(1, Timestamp.from(until));
            statement.setArray(2, connection.createArrayOf("uuid", breakIds));
            statement.setArray(3, connection.createArrayOf("int4", snoozes));
            return statement.executeUpdate();
        }
    }

    public void scheduleRetry(DeliveryKey key, int attempts, Instant nextAttemptAt, String error) throws SQLException {
        update("update delivery_log set attempts = ?, next_attempt_at = ?, lease_until = null, last_error = ? "
                + "where break_id = ? and snooze_count = ?", attempts, Timestamp.from(nextAttemptAt), truncate(error), key);
    }

    public void markDead(DeliveryKey key, int attempts, String error) throws SQLException {
        update("update delivery_log set status = 'dead', attempts = ?, lease_until = null, last_error = ? "
                + "where break_id = ? and snooze_count = ?", attempts, truncate(error), key);
    }

    /** Claims pending deliveries whose retry time has come and whose lease (if any) has run out. */
    public List<DeliveryRecord> claimDue(Instant now, Duration lease, int limit) throws SQLException {
        String sql = "update delivery_log set lease_until = ? where (break_id, snooze_count) in ("
                + "select break_id, snooze_count from delivery_log where status = 'pending' and next_attempt_at <= ? "
                + "and (lease_until is null or lease_until < ?) order by next_attempt_at limit ? for update skip locked) "
                + "returning " + COLUMNS;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(now.plus(lease)));
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setTimestamp(3, Timestamp.from(now));
            statement.setInt(4, limit);
            return read(statement);
        }
    }

    public Optional<DeliveryRecord> find(DeliveryKey key) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select " + COLUMNS + " from delivery_log where break_id = ? and snooze_count = ?")) {
            statement.setObject(1, key.breakId());
            statement.setInt(2, key.snoozeCount());
            return read(statement).stream().findFirst();
        }
    }

    /** The latest emission of a break (the one an inbox click is about). */
    public Optional<DeliveryRecord> findLatest(UUID breakId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select " + COLUMNS + " from delivery_log where break_id = ? order by snooze_count desc limit 1")) {
            statement.setObject(1, breakId);
            return read(statement).stream().findFirst();
        }
    }

    private static List<DeliveryRecord> read(PreparedStatement statement) throws SQLException {
        List<DeliveryRecord> records = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                records.add(new DeliveryRecord(new DeliveryKey(rows.getObject(1, UUID.class), rows.getInt(2)),
                        rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                        rows.getInt(8), rows.getTimestamp(9).toInstant()));
            }
        }
        return records;
    }

    private void update(String sql, Object first, Object second, DeliveryKey key) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, first);
            statement.setObject(2, second);
            statement.setObject(3, key.breakId());
            statement.setInt(4, key.snoozeCount());
            statement.executeUpdate();
        }
    }

    private void update(String sql, Object first, Object second, Object third, DeliveryKey key) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, first);
            statement.setObject(2, second);
            statement.setObject(3, third);
            statement.setObject(4, key.breakId());
            statement.setInt(5, key.snoozeCount());
            statement.executeUpdate();
        }
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
