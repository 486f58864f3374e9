package io.wellness.tracking.repository;

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

    public void apply(Connection c, RollupDelta delta) throws SQLException {
        if (delta.isEmpty()) {
            return;
        }
        // participants first: the rows they create or activate tell which employees are new to a period
        if (!delta.participants().isEmpty()) {
            upsertParticipants(c, delta);
        }
        upsertPeriods(c, delta.periods());
        upsertHours(c, delta.hours());
        upsertExercises(c, delta.exercises());
    }

    private void upsertParticipants(Connection c, RollupDelta delta) throws SQLException {
        List<RollupDelta.ParticipantKey> offered = new ArrayList<>(), completed = new ArrayList<>();
        delta.participants().forEach((k, v) -> {
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
        try (PreparedStatement ps = participantStatement(c, offeredSql, offered); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                delta.countNewEmployee(participantKey(rs));
            }
        }
        // first completed break of the period: the row turns active once; later completions write nothing
        String completedSql = """
                insert into period_participant as p (team, unit, period_start, employee_id, active)
                select t, u, s::date, e, true from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as x(t, u, s, e)
                on conflict (team, unit, period_start, employee_id) do update set active = true where not p.active
                returning team, unit, period_start, employee_id, xmax = 0 as inserted""";
        try (PreparedStatement ps = participantStatement(c, completedSql, completed); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                RollupDelta.ParticipantKey key = participantKey(rs);
                delta.countNewlyActive(key);
                if (rs.getBoolean(5)) {
                    delta.countNewEmployee(key); // an offer row anonymised by an erasure in the meantime
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
        List<List<Integer>> columns = columns(4);
        rows.forEach((k, v) -> {
            teams.add(k.team());
            units.add(k.unit());
            starts.add(k.start().toString());
            hours.add(k.hour());
            addColumns(columns, v);
        });
        String sql = """
                insert into team_hour_rollup as r (team, unit, period_start, hour, offered, snoozed, skipped, completed)
                select t, u, s::date, h, o, sn, sk, co
                from unnest(?::text[], ?::text[], ?::text[], ?::int2[], ?::int4[], ?::int4[], ?::int4[], ?::int4[])
                     as x(t, u, s, h, o, sn, sk, co)
                on conflict (team, unit, period_start, hour) do update set
                    offered = r.offered + excluded.offered, snoozed = r.snoozed + excluded.snoozed,
                    skipped = r.skipped + excluded.skipped, completed = r.completed + excluded.completed""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            SqlArrays.set(ps, 1, "text", teams);
            SqlArrays.set(ps, 2, "text", units);
            SqlArrays.set(ps, 3, "text", starts);
            SqlArrays.set(ps, 4, "int2", hours.stream().map(Integer::shortValue).toList());
            for (int i = 0; i < 4; i++) {
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
        List<Integer> completed = new ArrayList<>();
        rows.forEach((k, v) -> {
            teams.add(k.team());
            units.add(k.unit());
            starts.add(k.start().toString());
            ids.add(k.exerciseId());
            completed.add(v[0]);
        });
        String sql = """
                insert into team_exercise_rollup as r (team, unit, period_start, exercise_id, completed)
                select t, u, s::date, e, co from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int4[]) as x(t, u, s, e, co)
                on conflict (team, unit, period_start, exercise_id) do update set completed = r.completed + excluded.completed""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            SqlArrays.set(ps, 1, "text", teams);
            SqlArrays.set(ps, 2, "text", units);
            SqlArrays.set(ps, 3, "text", starts);
            SqlArrays.set(ps, 4, "text", ids);
            SqlArrays.set(ps, 5, "int4", completed);
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
