package io.wellness.tracking.repository;

import io.agroal.api.AgroalDataSource;
import io.wellness.tracking.ingest.BreakStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One employee's own raw records: every query is filtered by the caller's id. */
@ApplicationScoped
public class EmployeeDataRepository {

    public record BreakRow(UUID breakId, String employeeId, boolean offered, String team, Instant dueAt, String timeZone,
                           LocalDate localDay, BreakStatus status, List<String> plannedExercises,
                           List<String> completedExercises) {
    }

    public record OutcomeRow(UUID eventId, UUID breakId, String outcome, Instant occurredAt, String channel,
                             int snoozeNumber, List<String> exerciseIds) {
    }

    public record DayCount(LocalDate day, int offered, int completed, int snoozed, int skipped) {
    }

    public record Erased(int breaks, int outcomes) {
    }

    private static final String BREAK_COLUMNS = "break_id, employee_id, offered, team, due_at, time_zone, local_day, status, "
            + "planned_exercises, completed_exercises";

    @Inject
    AgroalDataSource dataSource;

    public BreakRow findBreak(UUID breakId) {
        String sql = "select " + BREAK_COLUMNS + " from break_record where break_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, breakId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? breakRow(rs) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long countBreaks(String employeeId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from break_record where employee_id = ?")) {
            ps.setString(1, employeeId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Newest first; pending breaks (outcome known, break not yet) by the time they were first seen. */
    public List<BreakRow> breaks(String employeeId, int offset, int limit) {
        String sql = "select " + BREAK_COLUMNS + " from break_record where employee_id = ? "
                + "order by coalesce(due_at, first_seen) desc, break_id offset ? limit ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, employeeId);
            ps.setInt(2, offset);
            ps.setInt(3, limit);
            List<BreakRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(breakRow(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The employee's outcome events, by break (all of them when breakIds is null). */
    public Map<UUID, List<OutcomeRow>> outcomes(String employeeId, List<UUID> breakIds) {
        String sql = "select event_id, break_id, outcome, occurred_at, channel, snooze_number, exercise_ids from outcome_event "
                + "where employee_id = ?" + (breakIds == null ? "" : " and break_id = any(?)") + " order by occurred_at, event_id";
        Map<UUID, List<OutcomeRow>> byBreak = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, employeeId);
            if (breakIds != null) {
                SqlArrays.set(ps, 2, "uuid", breakIds);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OutcomeRow row = new OutcomeRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            BreakStatus.ofCode(rs.getShort(3)).wireName(), rs.getObject(4, OffsetDateTime.class).toInstant(),
                            rs.getString(5), rs.getInt(6), SqlArrays.list(rs.getArray(7)));
                    byBreak.computeIfAbsent(row.breakId(), k -> new ArrayList<>()).add(row);
                }
            }
            return byBreak;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Per local day since {@code from}: the basis of today, this week and the streak. */
    public List<DayCount> dailyCounts(String employeeId, LocalDate from) {
        String sql = """
                select local_day, count(*), count(*) filter (where status = 3), count(*) filter (where status = 1),
                       count(*) filter (where status = 2)
                from break_record where employee_id = ? and offered and local_day >= ?
                group by local_day order by local_day desc""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, employeeId);
            ps.setObject(2, from);
            List<DayCount> days = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.add(new DayCount(rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)));
                }
            }
            return days;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The employee's most completed exercises (reported by the outcome, else planned for the break). */
    public Map<String, Integer> favouriteExercises(String employeeId, int limit) {
        String sql = """
                select ex, count(*) from break_record,
                     unnest(case when cardinality(completed_exercises) > 0 then completed_exercises else planned_exercises end) as ex
                where employee_id = ? and offered and status = 3
                group by ex order by count(*) desc, ex limit ?""";
        Map<String, Integer> favourites = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, employeeId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    favourites.put(rs.getString(1), rs.getInt(2));
                }
            }
            return favourites;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The time zone of the employee's latest break (their "today"), or null when none is known. */
    public String latestTimeZone(String employeeId) {
        String sql = "select time_zone from break_record where employee_id = ? and offered order by due_at desc limit 1";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, employeeId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Erasure: the employee's raw records go; in the participant rollup and the cell markers their id is replaced by
     * a random one, so
     * the aggregates keep their counts but can no longer be linked to the person.
     */
    public Erased erase(String employeeId) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // the message ids stay as tombstones: a replayed outcome of this employee is not recorded again
                update(c, "insert into processed_message (id, topic) select message_id, " + IngestRepository.TOPIC_OUTCOMES
                        + " from outcome_event where employee_id = ? on conflict do nothing", employeeId);
                int outcomes = update(c, "delete from outcome_event where employee_id = ?", employeeId);
                int breaks = update(c, "delete from break_record where employee_id = ?", employeeId);
                update(c, "update period_participant set employee_id = 'erased:' || gen_random_uuid() where employee_id = ?", employeeId);
                update(c, "update hour_participant set employee_id = 'erased:' || gen_random_uuid() where employee_id = ?", employeeId);
                update(c, "update exercise_participant set employee_id = 'erased:' || gen_random_uuid() where employee_id = ?", employeeId);
                c.commit();
                return new Erased(breaks, outcomes);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int update(Connection c, String sql, String employeeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, employeeId);
            return ps.executeUpdate();
        }
    }

    private static BreakRow breakRow(ResultSet rs) throws SQLException {
        OffsetDateTime due = rs.getObject(5, OffsetDateTime.class);
        return new BreakRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                due == null ? null : due.toInstant(), rs.getString(6), rs.getObject(7, LocalDate.class),
                BreakStatus.ofCode(rs.getShort(8)), SqlArrays.list(rs.getArray(9)), SqlArrays.list(rs.getArray(10)));
    }
}
