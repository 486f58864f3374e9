package io.wellness.scheduler.repository;

import io.wellness.scheduler.mapping.WorkingHoursJson;
import io.wellness.scheduler.service.EmployeeSchedule;
import io.wellness.scheduler.timing.BusyInterval;
import io.wellness.scheduler.timing.TimeRange;
import io.wellness.scheduler.timing.WorkingHours;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** SQL shared by the emitter, the API and the roster: effective settings, busy blocks, the policy row. */
public final class ScheduleQueries {
    /** Columns of employee e left join employee_settings st, read by {@link #schedule}. */
    public static final String SCHEDULE_COLUMNS = """
            e.id, e.team, e.time_zone, e.locale, e.channel_type, e.channel_address, e.active, e.demo_interval_seconds,
            st.working_hours::text as st_hours, st.time_zone as st_zone, st.interval_minutes, st.preferred_position,
            st.equipment, st.focus_regions, st.avoid, st.channel_type as st_channel_type,
            st.channel_address as st_channel_address, st.paused_until, st.opted_out""";

    /** The working hours of an employee synced in demo mode: every day, all day. */
    static final WorkingHours AROUND_THE_CLOCK = new WorkingHours(Arrays.stream(DayOfWeek.values()).collect(
            Collectors.toMap(day -> day, day -> List.of(new TimeRange(LocalTime.MIDNIGHT, LocalTime.MAX)))));

    private ScheduleQueries() {
    }

    public static CompanyPolicy policy(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                select default_interval_minutes, min_interval_minutes, max_interval_minutes,
                       default_working_hours::text, default_channel_type, max_busy_blocks
                from company_policy where id = 1""");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new CompanyPolicy(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getInt(6));
        }
    }

    /** Maps a row selected with {@link #SCHEDULE_COLUMNS}. */
    public static EmployeeSchedule schedule(ResultSet rs, CompanyPolicy policy) throws SQLException {
        String hours = rs.getString("st_hours");
        String zone = rs.getString("st_zone");
        int interval = rs.getInt("interval_minutes");
        if (rs.wasNull()) {
            interval = policy.defaultIntervalMinutes();
        }
        Duration effectiveInterval = Duration.ofMinutes(
                Math.max(policy.minIntervalMinutes(), Math.min(policy.maxIntervalMinutes(), interval)));
        WorkingHours workingHours;
        int demoSeconds = rs.getInt("demo_interval_seconds");
        if (!rs.wasNull()) {
            // synced in demo mode (local stack only): around the clock, outside the policy's bounds
            effectiveInterval = Duration.ofSeconds(demoSeconds);
            workingHours = AROUND_THE_CLOCK;
        } else {
            workingHours = WorkingHoursJson.parse(hours != null ? hours : policy.defaultWorkingHoursJson());
        }
        String channelType = rs.getString("st_channel_type");
        String channelAddress = rs.getString("st_channel_address");
        if (channelType == null) {
            channelType = rs.getString("channel_type");
            channelAddress = rs.getString("channel_address");
        }
        Timestamp paused = rs.getTimestamp("paused_until");
        return new EmployeeSchedule(
                rs.getString("id"),
                rs.getString("team"),
                ZoneId.of(zone != null ? zone : rs.getString("time_zone")),
                rs.getString("locale"),
                channelType,
                channelAddress,
                rs.getBoolean("active"),
                workingHours,
                effectiveInterval,
                rs.getString("preferred_position"),
                strings(rs.getArray("equipment")),
                strings(rs.getArray("focus_regions")),
                strings(rs.getArray("avoid")),
                paused == null ? null : paused.toInstant(),
                rs.getBoolean("opted_out"));
    }

    /** One employee's effective schedule, or null when not on the roster. */
    public static EmployeeSchedule schedule(Connection connection, String employeeId) throws SQLException {
        CompanyPolicy policy = policy(connection);
        try (PreparedStatement ps = connection.prepareStatement("select " + SCHEDULE_COLUMNS
                + " from employee e left join employee_settings st on st.employee_id = e.id where e.id = ?")) {
            ps.setString(1, employeeId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? schedule(rs, policy) : null;
            }
        }
    }

    /** Busy blocks still relevant at {@code now}, per employee. */
    public static Map<String, List<BusyInterval>> busyBlocks(Connection connection, Collection<String> employeeIds,
                                                             Instant now) throws SQLException {
        Map<String, List<BusyInterval>> result = new HashMap<>();
        if (employeeIds.isEmpty()) {
            return result;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "select employee_id, starts_at, ends_at from busy_block where employee_id = any (?) and ends_at > ?")) {
            ps.setArray(1, textArray(connection, employeeIds));
            ps.setObject(2, utc(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new BusyInterval(rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()));
                }
            }
        }
        return result;
    }

    /**
     * Sets (or clears, with null) when the employee's next break is due. A break already due at {@code now} and not
     * yet emitted is left for the emitter (which re-checks the settings), so a concurrent change never loses it.
     */
    public static void setNextDue(Connection connection, String employeeId, Instant nextDue, Instant now) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into break_schedule (employee_id, next_due_at) values (?, ?)
                on conflict (employee_id) do update set next_due_at = excluded.next_due_at,
                                                         version = break_schedule.version + 1
                where break_schedule.next_due_at is null or break_schedule.next_due_at > ?""")) {
            ps.setString(1, employeeId);
            ps.setObject(2, nextDue == null ? null : utc(nextDue));
            ps.setObject(3, utc(now));
            ps.executeUpdate();
        }
    }

    public static Array textArray(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray(new String[0]));
    }

    public static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.asList((String[]) array.getArray());
    }
}
