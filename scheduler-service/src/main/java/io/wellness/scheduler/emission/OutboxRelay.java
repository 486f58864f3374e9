package io.wellness.scheduler.emission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.CloudEvents;
import io.wellness.common.events.Topics;
import io.wellness.scheduler.plan.PlanStore;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Publishes outbox rows to {@code microbreaks.due}: locks a batch with {@code FOR UPDATE SKIP LOCKED} (several
 * replicas relay in parallel, none twice at once), sends it, waits for every acknowledgement and only then deletes
 * the rows in the same transaction. A crash before the commit leaves the rows for any replica to send again (same
 * break id: consumers de-duplicate); nothing is lost.
 */
public class OutboxRelay {
    static final String SOURCE = "/scheduler-service";

    private final DataSource dataSource;
    private final Producer<String, byte[]> producer;
    private final PlanStore plans;
    private final ObjectMapper json;
    private final int batchSize;
    private final BatchObserver observer;

    public OutboxRelay(DataSource dataSource, Producer<String, byte[]> producer, PlanStore plans, ObjectMapper json,
                       int batchSize, BatchObserver observer) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.plans = plans;
        this.json = json;
        this.batchSize = batchSize;
        this.observer = observer;
    }

    private record Row(long id, UUID breakId, int snoozeCount, String employeeId, java.time.Instant dueAt, String team,
                       String timeZone, String locale, String channelType, String channelAddress, String planKey) {
    }

    /** Publishes one batch; returns how many records the broker acknowledged. */
    public int publishBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Row> rows = lockBatch(connection);
                if (!rows.isEmpty()) {
                    send(rows);
                    observer.beforeCommit(connection, rows.size());
                    try (PreparedStatement ps = connection.prepareStatement("delete from due_outbox where id = any (?)")) {
                        ps.setArray(1, connection.createArrayOf("int8", rows.stream().map(Row::id).toArray(Long[]::new)));
                        ps.executeUpdate();
                    }
                }
                connection.commit();
                return rows.size();
            } catch (SQLException | RuntimeException e) {
                if (!connection.isClosed()) {
                    connection.rollback();
                }
                throw e;
            } finally {
                if (!connection.isClosed()) {
                    connection.setAutoCommit(true);
                }
            }
        }
    }

    private List<Row> lockBatch(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                select id, break_id, snooze_count, employee_id, due_at, team, time_zone, locale, channel_type,
                       channel_address, plan_key
                from due_outbox order by id limit ? for update skip locked""")) {
            ps.setInt(1, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getInt(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getString(11)));
                }
            }
        }
        return rows;
    }

    private void send(List<Row> rows) throws SQLException {
        Set<String> planKeys = new HashSet<>();
        rows.forEach(r -> planKeys.add(r.planKey()));
        var planJson = plans.planJson(planKeys);
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        try {
            for (Row row : rows) {
                byte[] value = json.writeValueAsBytes(new DueEventJson(row.breakId(), row.employeeId(), row.team(),
                        row.dueAt(), row.timeZone(), row.locale(),
                        new BreakDueEvent.Channel(row.channelType(), row.channelAddress()),
                        planJson.get(row.planKey()), row.snoozeCount()));
                String eventId = row.snoozeCount() == 0 ? row.breakId().toString() : row.breakId() + "." + row.snoozeCount();
                acks.add(producer.send(new ProducerRecord<>(Topics.DUE, null, row.employeeId(), value,
                        CloudEvents.headers(eventId, SOURCE, CloudEvents.TYPE_DUE, row.employeeId(), row.dueAt(), null))));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("broker refused a due event; the batch stays in the outbox", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the broker", e);
            }
        }
    }
}
