package io.wellness.scheduler.roster;

import io.agroal.api.AgroalDataSource;
import io.wellness.scheduler.config.SchedulerConfig;
import io.wellness.scheduler.repository.ScheduleQueries;
import io.wellness.scheduler.service.FieldErrors;
import io.wellness.scheduler.service.ScheduleService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** CSV roster import: all lines valid and imported in one transaction, or nothing imported and every bad line reported. */
@ApplicationScoped
public class RosterImport {

    public record Summary(int imported, int created, int updated) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ScheduleService schedules;

    @Inject
    SchedulerConfig config;

    @Inject
    Clock clock;

    @Transactional
    public Summary importCsv(String csv) throws SQLException {
        FieldErrors errors = new FieldErrors();
        List<RosterEntry> entries = CsvRoster.parse(csv, config.roster().maxImportRows(), errors);
        errors.throwIfAny("the roster file has invalid lines; nothing was imported");
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "select id from employee where source = 'keycloak' and id = any (?)")) {
                ps.setArray(1, ScheduleQueries.textArray(connection, entries.stream().map(RosterEntry::id).toList()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        errors.add("id " + rs.getString(1), "belongs to a Keycloak user; change it in Keycloak");
                    }
                }
            }
            errors.throwIfAny("the roster file has invalid lines; nothing was imported");
            int created = RosterWriter.upsert(connection, entries, "csv");
            RosterWriter.reschedule(schedules, connection, entries.stream().map(RosterEntry::id).toList(), clock.instant());
            return new Summary(entries.size(), created, entries.size() - created);
        }
    }
}
