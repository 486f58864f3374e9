package io.wellness.scheduler.service;

import io.agroal.api.AgroalDataSource;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Company-wide defaults and bounds. A change reschedules everyone (their effective settings may have changed). */
@ApplicationScoped
public class PolicyService {
    /** Hard limits no policy can leave: breaks more often than every 10 min or rarer than every 4 h make no sense. */
    static final int LOWEST_INTERVAL = 10;
    static final int HIGHEST_INTERVAL = 240;
    static final int MAX_BUSY_BLOCKS = 2000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ScheduleService schedules;

    @Inject
    Clock clock;

    @Transactional
    public PolicyDocument get() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return document(ScheduleQueries.policy(connection));
        }
    }

    @Transactional
    public PolicyDocument replace(PolicyDocument policy, String adminUsername) throws SQLException {
        FieldErrors errors = new FieldErrors();
        bounded("minIntervalMinutes", policy.minIntervalMinutes(), LOWEST_INTERVAL, HIGHEST_INTERVAL, errors);
        bounded("maxIntervalMinutes", policy.maxIntervalMinutes(), LOWEST_INTERVAL, HIGHEST_INTERVAL, errors);
        bounded("defaultIntervalMinutes", policy.defaultIntervalMinutes(), LOWEST_INTERVAL, HIGHEST_INTERVAL, errors);
        bounded("maxBusyBlocks", policy.maxBusyBlocks(), 1, MAX_BUSY_BLOCKS, errors);
        if (policy.minIntervalMinutes() != null && policy.maxIntervalMinutes() != null && policy.defaultIntervalMinutes() != null
                && !(policy.minIntervalMinutes() <= policy.defaultIntervalMinutes() && policy.defaultIntervalMinutes() <= policy.maxIntervalMinutes())) {
            errors.add("defaultIntervalMinutes", "must lie between minIntervalMinutes and maxIntervalMinutes");
        }
        String hours = null;
        if (policy.defaultWorkingHours() == null) {
            errors.add("defaultWorkingHours", "is required");
        } else {
            hours = SettingsValidator.workingHours("defaultWorkingHours", policy.defaultWorkingHours(), errors);
        }
        if (policy.defaultChannelType() == null || !SettingsValidator.CHANNEL_TYPES.contains(policy.defaultChannelType())) {
            errors.add("defaultChannelType", "must be one of " + SettingsValidator.CHANNEL_TYPES);
        }
        errors.throwIfAny("the policy has invalid fields");
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement ps = connection.prepareStatement("""
                    update company_policy set default_interval_minutes = ?, min_interval_minutes = ?,
                        max_interval_minutes = ?, default_working_hours = ?::jsonb, default_channel_type = ?,
                        max_busy_blocks = ?, updated_at = now(), updated_by = ? where id = 1""")) {
                ps.setInt(1, policy.defaultIntervalMinutes());
                ps.setInt(2, policy.minIntervalMinutes());
                ps.setInt(3, policy.maxIntervalMinutes());
                ps.setString(4, hours);
                ps.setString(5, policy.defaultChannelType());
                ps.setInt(6, policy.maxBusyBlocks());
                ps.setString(7, adminUsername);
                ps.executeUpdate();
            }
            schedules.rescheduleAll(connection, null, clock.instant());
            return document(ScheduleQueries.policy(connection));
        }
    }

    private static void bounded(String field, Integer value, int min, int max, FieldErrors errors) {
        if (value == null || value < min || value > max) {
            errors.add(field, "is required, between " + min + " and " + max);
        }
    }

    private static PolicyDocument document(CompanyPolicy policy) {
        Map<String, List<WorkingHoursJson.Range>> hours = new LinkedHashMap<>();
        WorkingHoursJson.read(policy.defaultWorkingHoursJson()).forEach((day, ranges) -> hours.put(day.name(), ranges));
        return new PolicyDocument(policy.defaultIntervalMinutes(), policy.minIntervalMinutes(), policy.maxIntervalMinutes(),
                hours, policy.defaultChannelType(), policy.maxBusyBlocks());
    }
}
