package io.wellness.tracking.repository;

import io.agroal.api.AgroalDataSource;
import io.wellness.tracking.ingest.PeriodUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Dashboard reads: rollup tables only, never the raw events. */
@ApplicationScoped
public class DashboardRepository {

    public record PeriodRow(LocalDate start, String team, int offered, int snoozed, int skipped, int completed,
                            int employees, int active) {
    }

    public record HourRow(int hour, int offered, int snoozed, int skipped, int completed) {
    }

    public record TeamPeriod(String team, LocalDate start) {
    }

    /** A team's suppressed days inside a week or month: distinct people behind them, any of them complementary. */
    public record SuppressedDays(int people, boolean complementary) {
    }

    @Inject
    AgroalDataSource dataSource;

    /** One connection serves every query of a dashboard request. */
    public Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String PERIODS = "select period_start, team, offered, snoozed, skipped, completed, employees, active "
            + "from team_period_rollup where unit = ? and period_start between ? and ?";

    /** Every team's rollup of every period from {@code from} to {@code to} (period starts). */
    public List<PeriodRow> periods(Connection c, PeriodUnit unit, LocalDate from, LocalDate to) {
        List<PeriodRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(PERIODS)) {
            ps.setString(1, unit.code());
            ps.setObject(2, from);
            ps.setObject(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new PeriodRow(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getInt(3), rs.getInt(4),
                            rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The participants are read for primary cells only: as a plain join condition, "not complementary" was checked
     * after the complementary cells' people (a whole team each day) had been fetched; in a lateral subquery kept
     * apart ({@code offset 0}) it gates the index scan (measured on a year of rollups: 5.0–5.3 → 2.7–3.1 ms).
     */
    static final String SUPPRESSED_DAYS = """
            with days as (
                select period_start, team, employees,
                       coalesce(sum(employees) filter (where employees < ?) over (partition by period_start), 0) as small,
                       row_number() over (partition by period_start, employees >= ? order by employees, team) as rank_in_group
                from team_period_rollup where unit = 'D' and period_start between ? and ?),
            cells as (
                select period_start, team, employees >= ? as complementary from days
                where employees < ? or (small > 0 and small < ? and employees >= ? and rank_in_group = 1))
            select c.team, date_trunc(?, c.period_start)::date, count(distinct p.employee_id), bool_or(c.complementary)
            from cells c left join lateral (
                select employee_id from period_participant p
                where not c.complementary and p.team = c.team and p.unit = 'D' and p.period_start = c.period_start
                offset 0) p on true
            group by 1, 2""";

    /**
     * Per team and enclosing week/month: the team's suppressed days (primary: fewer than k employees;
     * complementary: the smallest released team of a day whose small teams hold fewer than k together), as the
     * distinct people behind the primary ones and whether any is complementary (that alone suppresses the period, so
     * its people are not read). Only suppressed day cells are read.
     */
    public Map<TeamPeriod, SuppressedDays> suppressedDays(Connection c, PeriodUnit unit, LocalDate firstDay, LocalDate lastDay, int k) {
        Map<TeamPeriod, SuppressedDays> people = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SUPPRESSED_DAYS)) {
            ps.setInt(1, k);
            ps.setInt(2, k);
            ps.setObject(3, firstDay);
            ps.setObject(4, lastDay);
            for (int i = 5; i <= 8; i++) {
                ps.setInt(i, k);
            }
            ps.setString(9, unit == PeriodUnit.WEEK ? "week" : "month");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    people.put(new TeamPeriod(rs.getString(1), rs.getObject(2, LocalDate.class)),
                            new SuppressedDays(rs.getInt(3), rs.getBoolean(4)));
                }
            }
            return people;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Per enclosing week/month: the distinct people behind the company's suppressed days (fewer than k in all). */
    public Map<LocalDate, Integer> peopleOnSuppressedCompanyDays(Connection c, PeriodUnit unit, LocalDate firstDay, LocalDate lastDay, int k) {
        String sql = """
                with small_days as (
                    select period_start from team_period_rollup where unit = 'D' and period_start between ? and ?
                    group by period_start having sum(employees) < ?)
                select date_trunc(?, p.period_start)::date, count(distinct p.employee_id)
                from small_days d join period_participant p on p.unit = 'D' and p.period_start = d.period_start
                group by 1""";
        Map<LocalDate, Integer> people = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, firstDay);
            ps.setObject(2, lastDay);
            ps.setInt(3, k);
            ps.setString(4, unit == PeriodUnit.WEEK ? "week" : "month");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    people.put(rs.getObject(1, LocalDate.class), rs.getInt(2));
                }
            }
            return people;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Hour-of-day sums over the given periods, of one team or (team null) of all teams, counting only the cells
     * (team, period, hour) with at least k distinct employees: a smaller cell is in no sum, so no sum or difference
     * of sums reveals it.
     */
    static String hoursSql(boolean oneTeam) {
        return "select hour, sum(offered), sum(snoozed), sum(skipped), sum(completed) from team_hour_rollup "
                + "where unit = ? and period_start = any(?)" + (oneTeam ? " and team = ?" : "")
                + " and employees >= ? group by hour order by hour";
    }

    public List<HourRow> hours(Connection c, PeriodUnit unit, Collection<LocalDate> starts, String team, int k) {
        String sql = hoursSql(team != null);
        List<HourRow> rows = new ArrayList<>();
        if (starts.isEmpty()) {
            return rows;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, unit.code());
            ps.setArray(2, c.createArrayOf("date", starts.stream().map(java.sql.Date::valueOf).toArray()));
            int i = 3;
            if (team != null) {
                ps.setString(i++, team);
            }
            ps.setInt(i, k);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new HourRow(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Most completed exercises over the given periods, most done first, counting only the cells (team, period,
     * exercise) with at least k distinct employees.
     */
    static String exercisesSql(boolean oneTeam) {
        return "select exercise_id, sum(completed) as n from team_exercise_rollup where unit = ? and period_start = any(?)"
                + (oneTeam ? " and team = ?" : "") + " and employees >= ? group by exercise_id order by n desc, exercise_id limit ?";
    }

    public Map<String, Integer> exercises(Connection c, PeriodUnit unit, Collection<LocalDate> starts, String team, int k, int limit) {
        String sql = exercisesSql(team != null);
        Map<String, Integer> rows = new LinkedHashMap<>();
        if (starts.isEmpty()) {
            return rows;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, unit.code());
            ps.setArray(i++, c.createArrayOf("date", starts.stream().map(java.sql.Date::valueOf).toArray()));
            if (team != null) {
                ps.setString(i++, team);
            }
            ps.setInt(i++, k);
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getInt(2));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
