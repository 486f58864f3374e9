package io.wellness.scheduler.service;

import io.agroal.api.AgroalDataSource;
import io.wellness.common.problem.ProblemException;
import io.wellness.scheduler.mapping.WorkingHoursJson;
import io.wellness.scheduler.repository.CompanyPolicy;
import io.wellness.scheduler.repository.ScheduleQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and replaces one employee's settings; every change reschedules their next break. */
@ApplicationScoped
public class SettingsService {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ScheduleService schedules;

    @Inject
    Clock clock;

    @Transactional
    public SettingsDocument get(String employeeId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return document(existing(connection, employeeId));
        }
    }

    @Transactional
    public SettingsDocument replace(String employeeId, SettingsDocument settings) throws SQLException {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            existing(connection, employeeId);
            CompanyPolicy policy = ScheduleQueries.policy(connection);
            FieldErrors errors = new FieldErrors();
            SettingsValidator.validate(settings, policy, now, errors);
            String hours = settings.workingHours() == null ? null
                    : SettingsValidator.workingHours("workingHours", settings.workingHours(), errors);
            errors.throwIfAny("the settings have invalid fields");
            try (PreparedStatement ps = connection.prepareStatement("""
                    insert into employee_settings (employee_id, working_hours, time_zone, interval_minutes,
                        preferred_position, equipment, focus_regions, avoid, channel_type, channel_address,
                        paused_until, opted_out, updated_at)
                    values (?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                    on conflict (employee_id) do update set working_hours = excluded.working_hours,
                        time_zone = excluded.time_zone, interval_minutes = excluded.interval_minutes,
                        preferred_position = excluded.preferred_position, equipment = excluded.equipment,
                        focus_regions = excluded.focus_regions, avoid = excluded.avoid,
                        channel_type = excluded.channel_type, channel_address = excluded.channel_address,
                        paused_until = excluded.paused_until, opted_out = excluded.opted_out, updated_at = now()""")) {
                ps.setString(1, employeeId);
                ps.setString(2, hours);
                ps.setString(3, settings.timeZone());
                ps.setObject(4, settings.intervalMinutes());
                ps.setString(5, settings.preferredPosition());
                ps.setArray(6, ScheduleQueries.textArray(connection, orEmpty(settings.equipment())));
                ps.setArray(7, ScheduleQueries.textArray(connection, orEmpty(settings.focusRegions())));
                ps.setArray(8, ScheduleQueries.textArray(connection, orEmpty(settings.avoid())));
                ps.setString(9, settings.channel() == null ? null : settings.channel().type());
                ps.setString(10, settings.channel() == null ? null : settings.channel().address());
                ps.setObject(11, settings.pausedUntil() == null ? null : ScheduleQueries.utc(settings.pausedUntil()));
                ps.setBoolean(12, Boolean.TRUE.equals(settings.optedOut()));
                ps.executeUpdate();
            }
            schedules.reschedule(connection, employeeId, now);
            return document(ScheduleQueries.schedule(connection, employeeId));
        }
    }

    static EmployeeSchedule existing(Connection connection, String employeeId) throws SQLException {
        EmployeeSchedule schedule = ScheduleQueries.schedule(connection, employeeId);
        if (schedule == null) {
            throw ProblemException.notFound("Employee", employeeId);
        }
        return schedule;
    }

    private static SettingsDocument document(EmployeeSchedule s) {
        Map<String, List<WorkingHoursJson.Range>> hours = new LinkedHashMap<>();
        Map<DayOfWeek, List<WorkingHoursJson.Range>> ranges = WorkingHoursJson.toRanges(s.hours());
        ranges.forEach((day, list) -> hours.put(day.name(), list));
        return new SettingsDocument(hours, s.zone().getId(), (int) s.interval().toMinutes(), s.position(),
                s.equipment(), s.focusRegions(), s.avoid(), new SettingsDocument.Channel(s.channelType(), s.channelAddress()),
                s.pausedUntil(), s.optedOut());
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
