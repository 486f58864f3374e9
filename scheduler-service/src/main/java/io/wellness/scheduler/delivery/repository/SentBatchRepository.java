package io.wellness.scheduler.delivery.repository;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

/**
 * Records many sent deliveries in one transaction (delivery log + inbox): at a thousand deliveries a second, one
 * commit per delivery would cost more than the delivery itself.
 */
@ApplicationScoped
public class SentBatchRepository {
    private final DataSource dataSource;

    public SentBatchRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One sent delivery: its log key and attempt count, and what the inbox shows. */
    public record Sent(DeliveryKey key, int attempts, Timestamp sentAt, String employeeId, Timestamp dueAt, String timeZone,
                       String channel, String eventJson) {
    }

    public void record(List<Sent> batch) throws SQLException {
        int n = batch.size();
        UUID[] breakIds = new UUID[n];
        Integer[] snoozes = new Integer[n];
        Integer[] attempts = new Integer[n];
        Timestamp[] sentAt = new Timestamp[n];
        String[] employees = new String[n];
        Timestamp[] dueAt = new Timestamp[n];
        String[] zones = new String[n];
        String[] channels = new String[n];
        String[] events = new String[n];
        for (int i = 0; i < n; i++) {
            Sent sent = batch.get(i);
            breakIds[i] = sent.key().breakId();
            snoozes[i] = sent.key().snoozeCount();
            attempts[i] = sent.attempts();
            sentAt[i] = sent.sentAt();
            employees[i] = sent.employeeId();
            dueAt[i] = sent.dueAt();
            zones[i] = sent.timeZone();
            channels[i] = sent.channel();
            events[i] = sent.eventJson();
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement log = connection.prepareStatement(
                    "update delivery_log d set status = 'sent', attempts = x.a, sent_at = x.t, lease_until = null, last_error = null "
                            + "from unnest(?::uuid[], ?::int[], ?::int[], ?::timestamptz[]) as x(b, s, a, t) "
                            + "where d.break_id = x.b and d.snooze_count = x.s");
                 PreparedStatement inbox = connection.prepareStatement(
                         "insert into delivery_inbox (break_id, snooze_count, employee_id, due_at, time_zone, channel, event_json, outcome, updated_at) "
                                 + "select b, s, e, d, z, c, j, (select o.outcome from delivery_outcome_log o where o.break_id = b and o.snooze_count = s), t from unnest(?::uuid[], ?::int[], ?::text[], ?::timestamptz[], "
                                 + "?::text[], ?::text[], ?::text[], ?::timestamptz[]) as x(b, s, e, d, z, c, j, t) "
                                 + "on conflict (break_id, snooze_count) do update set updated_at = excluded.updated_at")) {
                log.setArray(1, connection.createArrayOf("uuid", breakIds));
                log.setArray(2, connection.createArrayOf("int4", snoozes));
                log.setArray(3, connection.createArrayOf("int4", attempts));
                log.setArray(4, connection.createArrayOf("timestamptz", sentAt));
                log.executeUpdate();
                inbox.setArray(1, connection.createArrayOf("uuid", breakIds));
                inbox.setArray(2, connection.createArrayOf("int4", snoozes));
                inbox.setArray(3, connection.createArrayOf("text", employees));
                inbox.setArray(4, connection.createArrayOf("timestamptz", dueAt));
                inbox.setArray(5, connection.createArrayOf("text", zones));
                inbox.setArray(6, connection.createArrayOf("text", channels));
                inbox.setArray(7, connection.createArrayOf("text", events));
                inbox.setArray(8, connection.createArrayOf("timestamptz", sentAt));
                inbox.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }
}
