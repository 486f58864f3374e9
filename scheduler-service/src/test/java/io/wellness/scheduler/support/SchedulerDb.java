package io.wellness.scheduler.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Direct SQL for test set-up and checks. */
public final class SchedulerDb {
    /** Working hours covering every day, 00:00-23:59. */
    public static final String ALL_DAY = """
            {"MONDAY":[{"start":"00:00","end":"23:59"}],"TUESDAY":[{"start":"00:00","end":"23:59"}],
             "WEDNESDAY":[{"start":"00:00","end":"23:59"}],"THURSDAY":[{"start":"00:00","end":"23:59"}],
             "FRIDAY":[{"start":"00:00","end":"23:59"}],"SATURDAY":[{"start":"00:00","end":"23:59"}],
             "SUNDAY":[{"start":"00:00","end":"23:59"}]}""";

    /** The policy's default working hours from V1. */
    public static final String WEEKDAYS = """
            {"MONDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:30"}],
             "TUESDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:30"}],
             "WEDNESDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:30"}],
             "THURSDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:30"}],
             "FRIDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:30"}]}""";

    private final DataSource dataSource;

    public SchedulerDb(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Empties the scheduler's tables (the company policy row stays, reset to its defaults). */
    public void clear() {
        update("""
                truncate employee, busy_block, break_schedule, snoozed_break, break_plan, emitted_break,
                         processed_outcome cascade""");
        update("""
                update company_policy set default_interval_minutes = 45, min_interval_minutes = 20, max_interval_minutes = 90,
                    default_channel_type = 'web', max_busy_blocks = 200, default_working_hours = ?::jsonb""", WEEKDAYS);
    }

    /** Employees prefix-0..n-1 working all day in the zone, each with a break due at {@code due}. */
    public List<String> employeesDueAt(String prefix, int count, String zone, Instant due) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(prefix + i);
        }
        String[] array = ids.toArray(new String[0]);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into employee (id, username, team, time_zone, channel_type, channel_address, source)
                    select id, id, 'engineering', ?, 'slack', 'U-' || id, 'csv' from unnest(?::text[]) as u(id)""")) {
                ps.setString(1, zone);
                ps.setArray(2, c.createArrayOf("text", array));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into employee_settings (employee_id, working_hours)
                    select id, ?::jsonb from unnest(?::text[]) as u(id)""")) {
                ps.setString(1, ALL_DAY);
                ps.setArray(2, c.createArrayOf("text", array));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into break_schedule (employee_id, next_due_at)
                    select id, ? from unnest(?::text[]) as u(id)""")) {
                ps.setObject(1, OffsetDateTime.ofInstant(due, ZoneOffset.UTC));
                ps.setArray(2, c.createArrayOf("text", array));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    public long count(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i] instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Instant nextDue(String employeeId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select next_due_at from break_schedule where employee_id = ?")) {
            ps.setString(1, employeeId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getTimestamp(1) == null) {
                    return null;
                }
                return rs.getTimestamp(1).toInstant();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i] instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : args[i]);
            }
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
