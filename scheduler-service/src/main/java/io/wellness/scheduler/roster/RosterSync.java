package io.wellness.scheduler.roster;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.wellness.scheduler.repository.ScheduleQueries;
import io.wellness.scheduler.service.ScheduleService;
import io.wellness.scheduler.service.SettingsValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Mirrors the Keycloak roster: users become employees (team from their /teams/&lt;name&gt; group, time zone and chat id
 * from attributes); disabled or deleted users become inactive and stop getting breaks.
 */
@ApplicationScoped
public class RosterSync {
    static final String DEFAULT_ZONE = "UTC";

    public record Summary(int users, int created, int active, int deactivated) {
    }

    @Inject
    KeycloakDirectory directory;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ScheduleService schedules;

    @Inject
    Clock clock;

    @Scheduled(every = "${wellness.scheduler.roster.sync-every}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodic() {
        try {
            Summary summary = sync();
            Log.infof("roster synced from Keycloak: %s", summary);
        } catch (RuntimeException | SQLException e) {
            Log.errorf(e, "roster sync from Keycloak failed; the current roster stays");
        }
    }

    @Transactional
    public Summary sync() throws SQLException {
        List<KeycloakDirectory.User> users = directory.users();
        Map<String, String> teams = directory.teams();
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            String channelType = ScheduleQueries.policy(connection).defaultChannelType();
            List<RosterEntry> entries = new ArrayList<>(users.size());
            for (KeycloakDirectory.User user : users) {
                String zone = user.timeZone() != null && SettingsValidator.zone(user.timeZone()) != null ? user.timeZone() : DEFAULT_ZONE;
                entries.add(new RosterEntry(user.id(), user.username(), teams.get(user.id()), zone, channelType,
                        user.chatId(), user.enabled()));
            }
            int created = RosterWriter.upsert(connection, entries, "keycloak");
            List<String> deactivated = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("""
                    update employee set active = false, updated_at = now()
                    where source = 'keycloak' and active and not (id = any (?)) returning id""")) {
                ps.setArray(1, ScheduleQueries.textArray(connection, entries.stream().map(RosterEntry::id).toList()));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        deactivated.add(rs.getString(1));
                    }
                }
            }
            List<String> touched = new ArrayList<>(entries.stream().map(RosterEntry::id).toList());
            touched.addAll(deactivated);
            RosterWriter.reschedule(schedules, connection, touched, now);
            int active = (int) entries.stream().filter(RosterEntry::active).count();
            return new Summary(users.size(), created, active, deactivated.size());
        }
    }
}
