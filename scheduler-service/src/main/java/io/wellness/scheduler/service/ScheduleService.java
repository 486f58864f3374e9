package io.wellness.scheduler.service;

import io.agroal.api.AgroalDataSource;
import io.wellness.scheduler.repository.CompanyPolicy;
import io.wellness.scheduler.repository.ScheduleQueries;
import io.wellness.scheduler.timing.BreakTimer;
import io.wellness.scheduler.timing.BusyInterval;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Recomputes when breaks are due after anything they depend on changed (settings, busy blocks, roster, policy). */
@ApplicationScoped
public class ScheduleService {
    private static final int CHUNK = 5000;

    @Inject
    AgroalDataSource dataSource;

    /** Next break of one employee from {@code now}, stored in break_schedule (null when none is due); see {@link ScheduleQueries#setNextDue}. */
    public Instant reschedule(Connection connection, String employeeId, Instant now) throws SQLException {
        EmployeeSchedule schedule = ScheduleQueries.schedule(connection, employeeId);
        if (schedule == null) {
            return null;
        }
        List<BusyInterval> busy = ScheduleQueries.busyBlocks(connection, List.of(employeeId), now).getOrDefault(employeeId, List.of());
        Instant next = BreakTimer.nextDue(schedule.rules(busy), now).orElse(null);
        ScheduleQueries.setNextDue(connection, employeeId, next, now);
        return next;
    }

    /** The upcoming breaks of one employee as the timing engine sees them now. */
    public List<Instant> upcoming(Connection connection, EmployeeSchedule schedule, Instant now, int count) throws SQLException {
        List<BusyInterval> busy = ScheduleQueries.busyBlocks(connection, List.of(schedule.employeeId()), now)
                .getOrDefault(schedule.employeeId(), List.of());
        return BreakTimer.upcoming(schedule.rules(busy), now, count);
    }

    /** Every employee (or those with ids in {@code onlyIds} when not null), in chunks; returns how many. */
    public int rescheduleAll(Connection connection, List<String> onlyIds, Instant now) throws SQLException {
        CompanyPolicy policy = ScheduleQueries.policy(connection);
        int total = 0;
        if (onlyIds != null) {
            // chunks of the given ids themselves: each query looks up at most CHUNK ids by primary key (matching
            // every employee row against the whole list instead grows with the square of an import's size)
            List<String> ids = onlyIds.stream().distinct().sorted().toList();
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<String> chunkIds = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                total += reschedule(connection, schedules(connection, policy, "e.id = any (?::text[])",
                        ps -> ps.setArray(1, ScheduleQueries.textArray(connection, chunkIds))), now);
            }
            return total;
        }
        String[] lastId = {""};
        while (true) {
            List<EmployeeSchedule> chunk = schedules(connection, policy, "e.id > ? order by e.id limit " + CHUNK,
                    ps -> ps.setString(1, lastId[0]));
            if (chunk.isEmpty()) {
                return total;
            }
            total += reschedule(connection, chunk, now);
            lastId[0] = chunk.getLast().employeeId();
        }
    }

    private interface Parameters {
        void set(PreparedStatement ps) throws SQLException;
    }

    private static List<EmployeeSchedule> schedules(Connection connection, CompanyPolicy policy, String condition,
                                                    Parameters parameters) throws SQLException {
        List<EmployeeSchedule> chunk = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("select " + ScheduleQueries.SCHEDULE_COLUMNS
                + " from employee e left join employee_settings st on st.employee_id = e.id where " + condition)) {
            parameters.set(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    chunk.add(ScheduleQueries.schedule(rs, policy));
                }
            }
        }
        return chunk;
    }

    /** Writes each employee's next due break; returns how many employees. */
    private static int reschedule(Connection connection, List<EmployeeSchedule> chunk, Instant now) throws SQLException {
        if (chunk.isEmpty()) {
            return 0;
        }
        List<String> ids = chunk.stream().map(EmployeeSchedule::employeeId).toList();
        Map<String, List<BusyInterval>> busy = ScheduleQueries.busyBlocks(connection, ids, now);
        List<String> next = new ArrayList<>(chunk.size());
        for (EmployeeSchedule schedule : chunk) {
            next.add(BreakTimer.nextDue(schedule.rules(busy.getOrDefault(schedule.employeeId(), List.of())), now)
                    .map(Instant::toString).orElse(null));
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into break_schedule (employee_id, next_due_at)
                select u.id, u.next_due::timestamptz from unnest(?::text[], ?::text[]) as u(id, next_due)
                on conflict (employee_id) do update set next_due_at = excluded.next_due_at,
                                                         version = break_schedule.version + 1
                where break_schedule.next_due_at is null or break_schedule.next_due_at > ?""")) {
            ps.setArray(1, ScheduleQueries.textArray(connection, ids));
            ps.setArray(2, ScheduleQueries.textArray(connection, next));
            ps.setObject(3, ScheduleQueries.utc(now));
            ps.executeUpdate();
        }
        return chunk.size();
    }

    public AgroalDataSource dataSource() {
        return dataSource;
    }
}
