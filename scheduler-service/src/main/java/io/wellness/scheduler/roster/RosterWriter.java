package io.wellness.scheduler.roster;

import io.wellness.scheduler.repository.ScheduleQueries;
import io.wellness.scheduler.service.ScheduleService;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Writes roster entries (one statement per batch) and reschedules the people concerned. */
final class RosterWriter {
    private RosterWriter() {
    }

    /** Upserts the entries with the given source; returns how many were new. */
    static int upsert(Connection connection, List<RosterEntry> entries, String source) throws SQLException {
        if (entries.isEmpty()) {
            return 0;
        }
        long before = count(connection);
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into employee (id, username, team, time_zone, channel_type, channel_address, active, source, updated_at)
                select u.id, u.username, u.team, u.time_zone, u.channel_type, u.channel_address, u.active::boolean, ?, now()
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                     as u(id, username, team, time_zone, channel_type, channel_address, active)
                on conflict (id) do update set username = excluded.username, team = excluded.team,
                    time_zone = excluded.time_zone, channel_type = excluded.channel_type,
                    channel_address = excluded.channel_address, active = excluded.active, source = excluded.source,
                    updated_at = now()""")) {
            ps.setString(1, source);
            ps.setArray(2, ScheduleQueries.textArray(connection, entries.stream().map(RosterEntry::id).toList()));
            ps.setArray(3, ScheduleQueries.textArray(connection, entries.stream().map(RosterEntry::username).toList()));
            ps.setArray(4, ScheduleQueries.textArray(connection, entries.stream().map(RosterEntry::team).toList()));
            ps.setArray(5, ScheduleQueries.textArray(connection, entries.stream().map(RosterEntry::timeZone).toList()));
            ps.setArray(6, ScheduleQueries.textArray(connection, entries.stream().map(RosterEntry::channelType).toList()));
            ps.setArray(7, ScheduleQueries.textArray(connection, entries.stream().map(RosterEntry::channelAddress).toList()));
            ps.setArray(8, ScheduleQueries.textArray(connection, entries.stream().map(e -> Boolean.toString(e.active())).toList()));
            ps.executeUpdate();
        }
        return (int) (count(connection) - before);
    }

    static void reschedule(ScheduleService schedules, Connection connection, List<String> ids, Instant now) throws SQLException {
        if (!ids.isEmpty()) {
            schedules.rescheduleAll(connection, ids, now);
        }
    }

    private static long count(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select count(*) from employee");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
