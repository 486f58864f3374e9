package io.wellness.tracking.service;

import io.wellness.tracking.config.TrackingConfig;
import io.wellness.tracking.repository.EmployeeDataRepository;
import io.wellness.tracking.repository.EmployeeDataRepository.BreakRow;
import io.wellness.tracking.repository.EmployeeDataRepository.DayCount;
import io.wellness.tracking.repository.EmployeeDataRepository.OutcomeRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An employee's own history, stats, export and erasure. Never called with anyone else's id. */
@ApplicationScoped
public class PersonalDataService {
    public static final int MAX_PAGE_SIZE = 100;
    private static final int FAVOURITES = 5;
    /** The streak looks back at most this far (beyond, raw records may already be purged). */
    private static final int STREAK_LOOKBACK_DAYS = 400;

    public record BreakHistory(UUID breakId, boolean offered, String team, Instant dueAt, LocalDate localDay, String status,
                               List<String> plannedExercises, List<String> completedExercises, List<OutcomeRow> outcomes) {
    }

    public record HistoryPage(int page, int size, long total, List<BreakHistory> items) {
    }

    public record Counts(int offered, int completed, int snoozed, int skipped) {
    }

    public record Stats(String timeZone, LocalDate today, Counts todayCounts, LocalDate weekStart, Counts thisWeek,
                        int streakDays, int streakMinCompleted, Map<String, Integer> favouriteExercises) {
    }

    public record Export(String employeeId, Instant exportedAt, List<BreakHistory> breaks) {
    }

    @Inject
    EmployeeDataRepository repository;

    @Inject
    TrackingConfig config;

    @Inject
    Clock clock;

    @Inject
    io.wellness.tracking.ingest.KnownParticipants knownParticipants;

    public HistoryPage history(String employeeId, int page, int size) {
        List<BreakRow> rows = repository.breaks(employeeId, page * size, size);
        Map<UUID, List<OutcomeRow>> outcomes = repository.outcomes(employeeId, rows.stream().map(BreakRow::breakId).toList());
        return new HistoryPage(page, size, repository.countBreaks(employeeId), rows.stream().map(r -> history(r, outcomes)).toList());
    }

    public Export export(String employeeId) {
        List<BreakRow> rows = repository.breaks(employeeId, 0, Integer.MAX_VALUE);
        Map<UUID, List<OutcomeRow>> outcomes = repository.outcomes(employeeId, null);
        return new Export(employeeId, clock.instant(), rows.stream().map(r -> history(r, outcomes)).toList());
    }

    public EmployeeDataRepository.Erased erase(String employeeId) {
        EmployeeDataRepository.Erased erased = repository.erase(employeeId);
        knownParticipants.forgetAll();
        return erased;
    }

    public Stats stats(String employeeId) {
        String zoneName = repository.latestTimeZone(employeeId);
        ZoneId zone = zoneName == null ? ZoneOffset.UTC : ZoneId.of(zoneName);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate weekStart = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<DayCount> days = repository.dailyCounts(employeeId, today.minusDays(STREAK_LOOKBACK_DAYS));
        Counts todayCounts = sum(days.stream().filter(d -> d.day().equals(today)).toList());
        Counts week = sum(days.stream().filter(d -> !d.day().isBefore(weekStart) && !d.day().isAfter(today)).toList());
        int minCompleted = config.streakMinCompleted();
        return new Stats(zone.getId(), today, todayCounts, weekStart, week, streak(days, today, minCompleted), minCompleted,
                repository.favouriteExercises(employeeId, FAVOURITES));
    }

    /** Consecutive days with at least {@code min} completed, up to today (or up to yesterday while today is open). */
    static int streak(List<DayCount> newestFirst, LocalDate today, int min) {
        Map<LocalDate, Integer> completed = new java.util.HashMap<>();
        newestFirst.forEach(d -> completed.put(d.day(), d.completed()));
        LocalDate day = completed.getOrDefault(today, 0) >= min ? today : today.minusDays(1);
        int streak = 0;
        while (completed.getOrDefault(day, 0) >= min) {
            streak++;
            day = day.minusDays(1);
        }
        return streak;
    }

    private static Counts sum(List<DayCount> days) {
        int offered = 0, completed = 0, snoozed = 0, skipped = 0;
        for (DayCount d : days) {
            offered += d.offered();
            completed += d.completed();
            snoozed += d.snoozed();
            skipped += d.skipped();
        }
        return new Counts(offered, completed, snoozed, skipped);
    }

    private static BreakHistory history(BreakRow r, Map<UUID, List<OutcomeRow>> outcomes) {
        return new BreakHistory(r.breakId(), r.offered(), r.team(), r.dueAt(), r.localDay(), r.status().wireName(),
                r.plannedExercises(), r.completedExercises(), outcomes.getOrDefault(r.breakId(), List.of()));
    }
}
