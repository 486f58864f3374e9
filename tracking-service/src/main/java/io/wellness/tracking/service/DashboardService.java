package io.wellness.tracking.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wellness.tracking.config.TrackingConfig;
import io.wellness.tracking.ingest.PeriodUnit;
import io.wellness.tracking.repository.DashboardRepository;
import io.wellness.tracking.repository.DashboardRepository.PeriodRow;
import io.wellness.tracking.repository.DashboardRepository.TeamPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Participation dashboards from the rollups, with {@link PrivacyRules} applied to every figure. Suppression is
 * computed over all teams of a period, so every viewer gets the same cells whatever they are allowed to see.
 */
@ApplicationScoped
public class DashboardService {
    private static final int TOP_EXERCISES = 10;

    /** The figures of one released group, or {@link Suppressed}. */
    public sealed interface Cell permits Figures, HourFigures, Suppressed {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Figures(int offered, int completed, int snoozed, int skipped, Double participationRate,
                          int activeParticipants, int employees) implements Cell {
        static Figures of(Totals t) {
            Double rate = t.offered == 0 ? null : Math.round(1000.0 * t.completed / t.offered) / 1000.0;
            return new Figures(t.offered, t.completed, t.snoozed, t.skipped, rate, t.active, t.employees);
        }
    }

    public record Suppressed(boolean suppressed) implements Cell {
        static final Suppressed INSTANCE = new Suppressed(true);
    }

    public record PeriodFigures(LocalDate start, LocalDate end, Cell figures) {
    }

    public record HeatCell(int hour, Cell figures) {
    }

    /** A heat-map cell counts breaks at one hour of the day over the released periods. */
    public record HourFigures(int offered, int completed, int snoozed, int skipped, Double participationRate) implements Cell {
    }

    public record ExerciseCount(String exerciseId, int completed) {
    }

    public record Dashboard(String scope, String team, String period, LocalDate from, LocalDate to, int minGroupSize,
                            String privacyRule, List<PeriodFigures> series, List<HeatCell> heatMap,
                            List<ExerciseCount> topExercises) {
    }

    public record TeamSeries(String team, List<PeriodFigures> series) {
    }

    public record TeamsTable(String period, LocalDate from, LocalDate to, int minGroupSize, String privacyRule,
                             List<TeamSeries> teams) {
    }

    /** Periods from {@code from} to {@code to} (both period starts) of one unit. */
    public record Range(PeriodUnit unit, LocalDate from, LocalDate to) {
        List<LocalDate> starts() {
            List<LocalDate> starts = new ArrayList<>();
            for (LocalDate s = from; !s.isAfter(to); s = unit.next(s)) {
                starts.add(s);
            }
            return starts;
        }
    }

    static final class Totals {
        int offered, snoozed, skipped, completed, employees, active;

        void add(PeriodRow r) {
            offered += r.offered();
            snoozed += r.snoozed();
            skipped += r.skipped();
            completed += r.completed();
            employees += r.employees();
            active += r.active();
        }
    }

    /** What the privacy rules release for a range: team and company cells per period. */
    private record Released(Map<LocalDate, Map<String, PeriodRow>> rows, Map<LocalDate, Set<String>> suppressedTeams,
                            Set<LocalDate> suppressedCompany) {
        boolean teamReleased(LocalDate start, String team) {
            return rows.getOrDefault(start, Map.of()).containsKey(team) && !suppressedTeams.getOrDefault(start, Set.of()).contains(team);
        }

        boolean companyReleased(LocalDate start) {
            return rows.containsKey(start) && !suppressedCompany.contains(start);
        }
    }

    @Inject
    DashboardRepository repository;

    @Inject
    TrackingConfig config;

    public Dashboard team(String team, Range range) {
        try (Connection c = repository.connection()) {
            return team(c, team, range);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Dashboard team(Connection c, String team, Range range) {
        Released released = release(c, range, false);
        List<PeriodFigures> series = new ArrayList<>();
        List<LocalDate> releasedStarts = new ArrayList<>();
        for (LocalDate start : range.starts()) {
            boolean visible = released.teamReleased(start, team);
            if (visible) {
                releasedStarts.add(start);
            }
            series.add(cell(range.unit(), start, visible ? released.rows().get(start).get(team) : null));
        }
        return new Dashboard("team", team, range.unit().wireName(), range.from(), range.unit().endOf(range.to()), k(),
                PrivacyRules.DESCRIPTION, series, heatMap(c, range.unit(), releasedStarts, team),
                topExercises(c, range.unit(), releasedStarts, team));
    }

    public Dashboard company(Range range) {
        try (Connection c = repository.connection()) {
            return company(c, range);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Dashboard company(Connection c, Range range) {
        Released released = release(c, range, true);
        List<PeriodFigures> series = new ArrayList<>();
        List<LocalDate> releasedStarts = new ArrayList<>();
        for (LocalDate start : range.starts()) {
            if (released.companyReleased(start)) {
                releasedStarts.add(start);
                Totals totals = new Totals();
                released.rows().get(start).values().forEach(totals::add);
                series.add(new PeriodFigures(start, range.unit().endOf(start), Figures.of(totals)));
            } else {
                series.add(new PeriodFigures(start, range.unit().endOf(start), Suppressed.INSTANCE));
            }
        }
        return new Dashboard("company", null, range.unit().wireName(), range.from(), range.unit().endOf(range.to()), k(),
                PrivacyRules.DESCRIPTION, series, heatMap(c, range.unit(), releasedStarts, null),
                topExercises(c, range.unit(), releasedStarts, null));
    }

    /** One row per team the viewer may see ({@code visible}), each with its series. */
    public TeamsTable teams(Range range, Predicate<String> visible) {
        Released released;
        try (Connection c = repository.connection()) {
            released = release(c, range, false);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Set<String> teams = new TreeSet<>();
        released.rows().values().forEach(byTeam -> byTeam.keySet().stream().filter(visible).forEach(teams::add));
        List<TeamSeries> rows = new ArrayList<>();
        for (String team : teams) {
            List<PeriodFigures> series = new ArrayList<>();
            for (LocalDate start : range.starts()) {
                series.add(cell(range.unit(), start, released.teamReleased(start, team) ? released.rows().get(start).get(team) : null));
            }
            rows.add(new TeamSeries(team, series));
        }
        return new TeamsTable(range.unit().wireName(), range.from(), range.unit().endOf(range.to()), k(), PrivacyRules.DESCRIPTION, rows);
    }

    /**
     * Team cells: suppression computed over all teams of each period (the same cells for every viewer). Company cells:
     * the company's own rules only (complementary team suppression already keeps "company minus released teams"
     * at k people or more).
     */
    private Released release(Connection c, Range range, boolean company) {
        int k = k();
        Map<LocalDate, Map<String, PeriodRow>> rows = new TreeMap<>();
        for (PeriodRow row : repository.periods(c, range.unit(), range.from(), range.to())) {
            rows.computeIfAbsent(row.start(), s -> new HashMap<>()).put(row.team(), row);
        }
        LocalDate lastDay = range.unit().endOf(range.to());
        boolean overlapping = range.unit() != PeriodUnit.DAY;
        Map<LocalDate, Set<String>> suppressedTeams = new HashMap<>();
        Set<LocalDate> suppressedCompany = new HashSet<>();
        if (company) {
            Map<LocalDate, Integer> companyOverlap = overlapping
                    ? repository.peopleOnSuppressedCompanyDays(c, range.unit(), range.from(), lastDay, k) : Map.of();
            rows.forEach((start, byTeam) -> {
                int total = byTeam.values().stream().mapToInt(PeriodRow::employees).sum();
                if (total < k || PrivacyRules.revealsSmallGroup(companyOverlap.getOrDefault(start, 0), k)) {
                    suppressedCompany.add(start);
                }
            });
            return new Released(rows, suppressedTeams, suppressedCompany);
        }
        Map<TeamPeriod, DashboardRepository.SuppressedDays> teamOverlap = overlapping
                ? repository.suppressedDays(c, range.unit(), range.from(), lastDay, k) : Map.of();
        rows.forEach((start, byTeam) -> {
            Map<String, Integer> employees = new HashMap<>();
            Set<String> exposing = new HashSet<>();
            for (PeriodRow row : byTeam.values()) {
                employees.put(row.team(), row.employees());
                var days = teamOverlap.get(new TeamPeriod(row.team(), start));
                if (days != null && PrivacyRules.suppressedDaysExposed(days.people(), days.complementary(), k)) {
                    exposing.add(row.team());
                }
            }
            suppressedTeams.put(start, PrivacyRules.suppressedTeams(employees, exposing, k));
        });
        return new Released(rows, suppressedTeams, suppressedCompany);
    }

    /** Sums of the cells with at least k distinct employees (see {@link DashboardRepository#hours}); no such cell: suppressed. */
    private List<HeatCell> heatMap(Connection c, PeriodUnit unit, Collection<LocalDate> releasedStarts, String team) {
        Map<Integer, DashboardRepository.HourRow> byHour = new HashMap<>();
        repository.hours(c, unit, releasedStarts, team, k()).forEach(h -> byHour.put(h.hour(), h));
        List<HeatCell> cells = new ArrayList<>(24);
        for (int hour = 0; hour < 24; hour++) {
            DashboardRepository.HourRow h = byHour.get(hour);
            if (h == null || h.offered() == 0) {
                cells.add(new HeatCell(hour, Suppressed.INSTANCE));
            } else {
                Double rate = Math.round(1000.0 * h.completed() / h.offered()) / 1000.0;
                cells.add(new HeatCell(hour, new HourFigures(h.offered(), h.completed(), h.snoozed(), h.skipped(), rate)));
            }
        }
        return cells;
    }

    private List<ExerciseCount> topExercises(Connection c, PeriodUnit unit, Collection<LocalDate> releasedStarts, String team) {
        List<ExerciseCount> top = new ArrayList<>();
        repository.exercises(c, unit, releasedStarts, team, k(), TOP_EXERCISES).forEach((id, n) -> top.add(new ExerciseCount(id, n)));
        return top;
    }

    private PeriodFigures cell(PeriodUnit unit, LocalDate start, PeriodRow row) {
        if (row == null) {
            return new PeriodFigures(start, unit.endOf(start), Suppressed.INSTANCE);
        }
        Totals totals = new Totals();
        totals.add(row);
        return new PeriodFigures(start, unit.endOf(start), Figures.of(totals));
    }

    private int k() {
        return config.privacy().minGroupSize();
    }
}
