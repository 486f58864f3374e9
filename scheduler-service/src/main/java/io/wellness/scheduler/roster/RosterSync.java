package io.wellness.scheduler.roster;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.wellness.scheduler.config.SchedulerConfig;
import io.wellness.scheduler.repository.ScheduleQueries;
import io.wellness.scheduler.service.ScheduleService;
import io.wellness.scheduler.service.SettingsValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
 * from attributes); disabled or deleted users become inactive and stop getting breaks. In demo mode (local stack
 * only) the synced employees get the short demo schedule.
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

    @Inject
    SchedulerConfig config;

    void announceDemoMode(@Observes StartupEvent event) {
        if (config.demo().enabled()) {
            if (config.demo().interval().toSeconds() < 1) {
                throw new IllegalStateException("wellness.scheduler.demo.interval must be at least a second");
            }
            Log.warnf("DEMO MODE: employees synced from Keycloak get a break every %s around the clock, outside the"
                    + " company policy (local demo setting, never for production)", config.demo().interval());
        }
    }

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
            markDemoSchedules(connection, entries);
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

    /** In demo mode the synced employees get the demo schedule; otherwise (again) the normal one. */
    private void markDemoSchedules(Connection connection, List<RosterEntry> entries) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "update employee set demo_interval_seconds = ? where id = any (?) and demo_interval_seconds is distinct from ?")) {
            Integer seconds = config.demo().enabled() ? (int) config.demo().interval().toSeconds() : null;
            ps.setObject(1, seconds, java.sql.Types.INTEGER);
            ps.setArray(2, ScheduleQueries.textArray(connection, entries.stream().map(RosterEntry::id).toList()));
            ps.setObject(3, seconds, java.sql.Types.INTEGER);
            ps.executeUpdate();
        }
    }
}
