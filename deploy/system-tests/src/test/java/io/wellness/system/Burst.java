package io.wellness.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A burst of breaks due in the same second, and the count of what became of each by break id: due (on
 * microbreaks.due), delivered (direct messages the fake Slack accepted), recorded (tracking's break records and its
 * team rollup).
 *
 * <p>The people come in through the roster CSV import (admin API). Their breaks are put at one instant by setting
 * their next due time in the scheduler's schedule table: the state the scheduler is in at 09:00 on a Monday for a
 * company in one time zone. They have no working hours after that, so each gets exactly one break.
 */
final class Burst {
    final String team;
    final Instant dueAt;
    final Map<String, String> chatIdOf;
    private final SharedPlatform.Running platform;

    /** What became of the burst, by break id. */
    record Counts(int employees, int dueIds, int dueRecords, int employeesWithOneBreak, int delivered,
                  int deliveredTwice, int recorded, int rollupOffered, int deadLettered, int sentRecorded) {
        boolean complete() {
            return dueIds == employees && delivered == employees && recorded == employees && rollupOffered == employees
                    && sentRecorded == employees;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "employees %d | due %d ids (%d records on the topic, %d employees with exactly one)"
                            + " | delivered %d (twice: %d; recorded as sent by the scheduler: %d) | recorded %d (team rollup offered %d)"
                            + " | dead-lettered %d",
                    employees, dueIds, dueRecords, employeesWithOneBreak, delivered, deliveredTwice, sentRecorded, recorded,
                    rollupOffered, deadLettered);
        }
    }

    private Burst(SharedPlatform.Running platform, String team, Instant dueAt, Map<String, String> chatIdOf) {
        this.platform = platform;
        this.team = team;
        this.dueAt = dueAt;
        this.chatIdOf = chatIdOf;
    }

    /** Imports {@code size} people into team {@code burst-<name>} and makes their one break due at {@code dueAt}. */
    static Burst of(SharedPlatform.Running platform, String name, int size, Instant dueAt) throws SQLException {
        String team = "burst-" + name;
        Map<String, String> chatIdOf = new HashMap<>();
        StringBuilder csv = new StringBuilder("id,username,team,timezone,channel_type,channel_address\n");
        for (int i = 0; i < size; i++) {
            String id = String.format(Locale.ROOT, "sys-%s-%05d", name, i);
            String chatId = String.format(Locale.ROOT, "U%s%05d", name.toUpperCase(Locale.ROOT), i);
            chatIdOf.put(id, chatId);
            csv.append(id).append(',').append(id).append(',').append(team).append(",UTC,slack,").append(chatId).append('\n');
        }
        platform.api().post("adam", "/api/scheduler/roster/import", "text/csv", csv.toString()).expect(200);
        try (Connection c = connect(platform, "scheduler")) {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into employee_settings (employee_id, working_hours) select id, '{}'::jsonb from employee where team = ?
                    on conflict (employee_id) do update set working_hours = excluded.working_hours""")) {
                ps.setString(1, team);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    update break_schedule set next_due_at = ?, version = version + 1
                    where employee_id in (select id from employee where team = ?)""")) {
                ps.setTimestamp(1, Timestamp.from(dueAt));
                ps.setString(2, team);
                if (ps.executeUpdate() != size) {
                    throw new IllegalStateException("not every imported employee has a schedule row");
                }
            }
        }
        return new Burst(platform, team, dueAt, chatIdOf);
    }

    static Connection connect(SharedPlatform.Running platform, String database) throws SQLException {
        return DriverManager.getConnection(platform.stack().postgres().jdbcUrl(database), "postgres", "postgres");
    }

    Counts count(TopicWatch topics) {
        Map<UUID, List<TopicWatch.Due>> due = topics.due().entrySet().stream()
                .filter(e -> !e.getValue().isEmpty() && chatIdOf.containsKey(e.getValue().getFirst().employeeId()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        int dueRecords = due.values().stream().mapToInt(List::size).sum();
        Map<String, Long> idsPerEmployee = due.values().stream()
                .collect(Collectors.groupingBy(l -> l.getFirst().employeeId(), Collectors.counting()));
        int withOne = (int) idsPerEmployee.values().stream().filter(n -> n == 1).count();
        int delivered = 0;
        int twice = 0;
        for (UUID id : due.keySet()) {
            List<FakeSlack.Message> messages = platform.slack().messagesByBreak().get(id);
            if (messages != null) {
                delivered++;
                twice += messages.size() > 1 ? 1 : 0;
            }
        }
        int recorded = -1;
        int rollup = -1;
        int dead = -1;
        int sent = -1;
        try (Connection c = connect(platform, "tracking")) {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from break_record where offered and team = ?")) {
                ps.setString(1, team);
                recorded = single(ps);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "select coalesce(sum(offered), 0) from team_period_rollup where unit = 'D' and team = ? and period_start = ?")) {
                ps.setString(1, team);
                ps.setObject(2, dueAt.atZone(ZoneOffset.UTC).toLocalDate());
                rollup = single(ps);
            }
        } catch (SQLException e) {
            // PostgreSQL may be down in the middle of a scenario: unknown for now
        }
        try (Connection c = connect(platform, "scheduler");
             PreparedStatement ps = c.prepareStatement("select count(*) filter (where status = 'dead'), "
                     + "count(*) filter (where status = 'sent') from delivery_log where employee_id = any (?)")) {
            ps.setArray(1, c.createArrayOf("text", chatIdOf.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                dead = rs.getInt(1);
                sent = rs.getInt(2);
            }
        } catch (SQLException e) {
            // as above
        }
        return new Counts(chatIdOf.size(), due.size(), dueRecords, withOne, delivered, twice, recorded, rollup, dead, sent);
    }

    /** Due ids whose break is not the burst's instant (there must be none). */
    Set<UUID> offSchedule(TopicWatch topics) {
        return topics.due().entrySet().stream()
                .filter(e -> !e.getValue().isEmpty() && chatIdOf.containsKey(e.getValue().getFirst().employeeId()))
                .filter(e -> !e.getValue().getFirst().dueAt().equals(dueAt))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** Breaks of the burst that Slack received more than once, with every copy. */
    Map<UUID, List<FakeSlack.Message>> deliveredTwice(TopicWatch topics) {
        Map<UUID, List<FakeSlack.Message>> twice = new HashMap<>();
        topics.due().forEach((id, records) -> {
            List<FakeSlack.Message> messages = platform.slack().messagesByBreak().get(id);
            if (!records.isEmpty() && chatIdOf.containsKey(records.getFirst().employeeId()) && messages != null && messages.size() > 1) {
                twice.put(id, messages);
            }
        });
        return twice;
    }

    private static int single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
