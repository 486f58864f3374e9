package io.wellness.tracking.repository;

import io.wellness.tracking.ingest.IngestTimings;
import io.wellness.tracking.ingest.RollupDelta;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes one batch's {@link RollupDelta} as aggregated upserts, inside the caller's transaction. */
@ApplicationScoped
public class RollupRepository {
    /** Turns the participants of a batch's first completions active (see applyParticipants). */
    static final String ACTIVATE_PARTICIPANTS = """
            update period_participant p set active = true
            from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as x(t, u, s, e)
            where p.team = x.t and p.unit = x.u::bpchar and p.period_start = x.s::date and p.employee_id = x.e
              and not p.active
            returning p.team, p.unit, p.period_start, p.employee_id""";

    public void apply(Connection c, RollupDelta delta, IngestTimings timings) throws SQLException {
        if (delta.isEmpty()) {
            return;
        }
        long t = System.nanoTime();
        // participants and cell markers first: the rows they create tell which employees are new to a period or cell
        upsertParticipants(c, delta);
        insertHourParticipants(c, delta);
        insertExerciseParticipants(c, delta);
        t = timings.record(IngestTimings.Phase.PARTICIPANTS, t);
        upsertPeriods(c, delta.periods());
        upsertHours(c, delta.hours());
        upsertExercises(c, delta.exercises());
        timings.record(IngestTimings.Phase.ROLLUPS, t);
    }

    private void upsertParticipants(Connection c, RollupDelta delta) throws SQLException {
        Map<RollupDelta.ParticipantKey, int[]> participants = delta.participants();
        if (participants.isEmpty()) {
            return;
        }
        List<RollupDelta.ParticipantKey> offered = new ArrayList<>(), completed = new ArrayList<>();
        participants.forEach((k, v) -> {
            if (v[0] > 0) {
                offered.add(k);
            }
            if (v[1] > 0) {
                completed.add(k);
            }
        });
        // first break of the period: a new row (existing rows are left alone, no write)
        String offeredSql = """
                insert into period_participant (team, unit, period_start, employee_id)
                select t, u, s::date, e from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as x(t, u, s, e)
                on conflict do nothing
                returning team, unit, period_start, employee_id""";
        if (!offered.isEmpty()) {
            try (PreparedStatement ps = participantStatement(c, offeredSql, offered); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    delta.countNewEmployee(participantKey(rs));
                }
            }
        }
        if (completed.isEmpty()) {
            return;
        }
        // first completed break of the period: the row turns active once. An update filtered on "not active" leaves
        // rows already active untouched (an upsert would lock each of them on every completion). The unit is compared
        // as char(1), the column's type: compared as text, the primary key could not serve the join and PostgreSQL
        // hashed the whole table for every batch (measured: 470 ms instead of 57 ms for 5,000 keys in 630,000 rows).
        java.util.Set<RollupDelta.ParticipantKey> activated = new java.util.HashSet<>();
        try (PreparedStatement ps = participantStatement(c, ACTIVATE_PARTICIPANTS, completed); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                RollupDelta.ParticipantKey key = participantKey(rs);
                activated.add(key);
                delta.countNewlyActive(key);
            }
        }
        // no row at all: an offer row anonymised by an erasure in the meantime
        List<RollupDelta.ParticipantKey> missing = completed.stream().filter(k -> !activated.contains(k)).toList();
        if (missing.isEmpty()) {
            return;
        }
        String insertActiveSql = """
                insert into period_participant (team, unit, period_start, employee_id, active)
                select t, u, s::date, e, true from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as x(t, u, s, e)
                on conflict do nothing
                returning team, unit, period_start, employee_id""";
        try (PreparedStatement ps = participantStatement(c, insertActiveSql, missing); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                RollupDelta.ParticipantKey key = participantKey(rs);
                delta.countNewlyActive(key);
                delta.countNewEmployee(key);
            }
        }
    }

    /** Heat-map cells: each marker that is new adds one distinct employee to its cell. */
    private void insertHourParticipants(Connection c, RollupDelta delta) throws SQLException {
        List<RollupDelta.HourParticipant> markers = delta.hourParticipants();
        if (markers.isEmpty()) {
            return;
        }
        List<String> employees = new ArrayList<>(), teams = new ArrayList<>(), units = new ArrayList<>(), starts = new ArrayList<>();
        List<Short> hours = new ArrayList<>();
        for (RollupDelta.HourParticipant p : markers) {
            employees.add(p.employeeId());
            teams.add(p.cell().team());
            units.add(p.cell().unit());
            starts.add(p.cell().start().toString());
            hours.add((short) p.cell().hour());
        }
        String sql = """
                insert into hour_participant (employee_id, team, unit, period_start, hour)
                select e, t, u, s::date, h from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int2[]) as x(e, t, u, s, h)
                on conflict do nothing
                returning team, unit, period_start, hour""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            SqlArrays.set(ps, 1, "text", employees);
            SqlArrays.set(ps, 2, "text", teams);
            SqlArrays.set(ps, 3, "text", units);
            SqlArrays.set(ps, 4, "text", starts);
            SqlArrays.set(ps, 5, "int2", hours);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    delta.countNewHourParticipant(new RollupDelta.HourKey(rs.getString(1), rs.getString(2),
                            rs.getObject(3, java.time.LocalDate.class), rs.getShort(4)));
                }
            }
        }
    }

    /** Exercise cells: each marker that is new adds one distinct employee to its cell. */
    private void insertExerciseParticipants(Connection c, RollupDelta delta) throws SQLException {
        List<RollupDelta.ExerciseParticipant> markers = delta.exerciseParticipants();
        if (markers.isEmpty()) {
            return;
        }
        List<String> employees = new ArrayList<>(), teams = new ArrayList<>(), units = new ArrayList<>(), starts = new ArrayList<>(),
                exercises = new ArrayList<>();
        for (RollupDelta.ExerciseParticipant p : markers) {
            employees.add(p.employeeId());
            teams.add(p.cell().team());
            units.add(p.cell().unit());
            starts.add(p.cell().start().toString());
            exercises.add(p.cell().exerciseId());
        }
        String sql = """
                insert into exercise_participant (employee_id, team, unit, period_start, exercise_id)
                select e, t, u, s::date, x from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as y(e, t, u, s, x)
                on conflict do nothing
                returning team, unit, period_start, exercise_id""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            SqlArrays.set(ps, 1, "text", employees);
            SqlArrays.set(ps, 2, "text", teams);
            SqlArrays.set(ps, 3, "text", units);
            SqlArrays.set(ps, 4, "text", starts);
            SqlArrays.set(ps, 5, "text", exercises);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    delta.countNewExerciseParticipant(new RollupDelta.ExerciseKey(rs.getString(1), rs.getString(2),
                            rs.getObject(3, java.time.LocalDate.class), rs.getString(4)));
                }
            }
        }
    }

    private static PreparedStatement participantStatement(Connection c, String sql, List<RollupDelta.ParticipantKey> keys)
            throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        SqlArrays.set(ps, 1, "text", keys.stream().map(RollupDelta.ParticipantKey::team).toList());
        SqlArrays.set(ps, 2, "text", keys.stream().map(RollupDelta.ParticipantKey::unit).toList());
        SqlArrays.set(ps, 3, "text", keys.stream().map(k -> k.start().toString()).toList());
        SqlArrays.set(ps, 4, "text", keys.stream().map(RollupDelta.ParticipantKey::employeeId).toList());
        return ps;
    }

    private static RollupDelta.ParticipantKey participantKey(ResultSet rs) throws SQLException {
        return new RollupDelta.ParticipantKey(rs.getString(1), rs.getString(2), rs.getObject(3, java.time.LocalDate.class),
                rs.getString(4));
    }

    private void upsertPeriods(Connection c, Map<RollupDelta.PeriodKey, int[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<String> units = new ArrayList<>(), starts = new ArrayList<>(), teams = new ArrayList<>();
        List<List<Integer>> columns = columns(6);
        rows.forEach((k, v) -> {
            units.add(k.unit());
            starts.add(k.start().toString());
            teams.add(k.team());
            addColumns(columns, v);
        });
        String sql = """
                insert into team_period_rollup as r (unit, period_start, team, offered, snoozed, skipped, completed, employees, active)
                select u, s::date, t, o, sn, sk, co, em, ac
                from unnest(?::text[], ?::text[], ?::text[], ?::int4[], ?::int4[], ?::int4[], ?::int4[], ?::int4[], ?::int4[])
                     as x(u, s, t, o, sn, sk, co, em, ac)
                on conflict (unit, period_start, team) do update set
                    offered = r.offered + excluded.offered, snoozed = r.snoozed + excluded.snoozed,
                    skipped = r.skipped + excluded.skipped, completed = r.completed + excluded.completed,
                    employees = r.employees + excluded.employees, active = r.active + excluded.active""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            SqlArrays.set(ps, 1, "text", units);
            SqlArrays.set(ps, 2, "text", starts);
            SqlArrays.set(ps, 3, "text", teams);
            for (int i = 0; i < 6; i++) {
                SqlArrays.set(ps, 4 + i, "int4", columns.get(i));
            }
            ps.executeUpdate();
        }
    }

    private void upsertHours(Connection c, Map<RollupDelta.HourKey, int[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<String> teams = new ArrayList<>(), units = new ArrayList<>(), starts = new ArrayList<>();
        List<Integer> hours = new ArrayList<>();
        List<List<Integer>> columns = columns(5);
        rows.forEach((k, v) -> {
            teams.add(k.team());
            units.add(k.unit());
            starts.add(k.start().toString());
            hours.add(k.hour());
            addColumns(columns, v);
        });
        String sql = """
                insert into team_hour_rollup as r (team, unit, period_start, hour, offered, snoozed, skipped, completed, employees)
                select t, u, s::date, h, o, sn, sk, co, em
                from unnest(?::text[], ?::text[], ?::text[], ?::int2[], ?::int4[], ?::int4[], ?::int4[], ?::int4[], ?::int4[])
                     as x(t, u, s, h, o, sn, sk, co, em)
                on conflict (team, unit, period_start, hour) do update set
                    offered = r.offered + excluded.offered, snoozed = r.snoozed + excluded.snoozed,
                    skipped = r.skipped + excluded.skipped, completed = r.completed + excluded.completed,
                    employees = r.employees + excluded.employees""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            SqlArrays.set(ps, 1, "text", teams);
            SqlArrays.set(ps, 2, "text", units);
            SqlArrays.set(ps, 3, "text", starts);
            SqlArrays.set(ps, 4, "int2", hours.stream().map(Integer::shortValue).toList());
            for (int i = 0; i < 5; i++) {
                SqlArrays.set(ps, 5 + i, "int4", columns.get(i));
            }
            ps.executeUpdate();
        }
    }

    private void upsertExercises(Connection c, Map<RollupDelta.ExerciseKey, int[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<String> teams = new ArrayList<>(), units = new ArrayList<>(), starts = new ArrayList<>(), ids = new ArrayList<>();
        List<Integer> completed = new ArrayList<>(), employees = new ArrayList<>();
        rows.forEach((k, v) -> {
            teams.add(k.team());
            units.add(k.unit());
            starts.add(k.start().toString());
            ids.add(k.exerciseId());
            completed.add(v[0]);
            employees.add(v[RollupDelta.EXERCISE_EMPLOYEES]);
        });
        String sql = """
                insert into team_exercise_rollup as r (team, unit, period_start, exercise_id, completed, employees)
                select t, u, s::date, e, co, em
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int4[], ?::int4[]) as x(t, u, s, e, co, em)
                on conflict (team, unit, period_start, exercise_id) do update set
                    completed = r.completed + excluded.completed, employees = r.employees + excluded.employees""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            SqlArrays.set(ps, 1, "text", teams);
            SqlArrays.set(ps, 2, "text", units);
            SqlArrays.set(ps, 3, "text", starts);
            SqlArrays.set(ps, 4, "text", ids);
            SqlArrays.set(ps, 5, "int4", completed);
            SqlArrays.set(ps, 6, "int4", employees);
            ps.executeUpdate();
        }
    }

    private static List<List<Integer>> columns(int n) {
        List<List<Integer>> columns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            columns.add(new ArrayList<>());
        }
        return columns;
    }

    private static void addColumns(List<List<Integer>> columns, int[] values) {
        for (int i = 0; i < columns.size(); i++) {
            columns.get(i).add(values[i]);
        }
    }
}
