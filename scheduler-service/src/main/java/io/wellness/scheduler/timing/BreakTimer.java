package io.wellness.scheduler.timing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When an employee's next break is due. Breaks follow a grid in real (UTC) time that starts one interval plus the
 * employee's stable offset after each working range begins, so a DST change can neither put a break into a skipped
 * local hour (such local times do not exist as instants) nor twice into a repeated one (the grid never repeats an
 * instant). A grid point inside a busy block moves to the block's end when that is still inside the range.
 */
public final class BreakTimer {
    /** Offsets spread a company's breaks over this window so not everyone breaks at the same second. */
    public static final Duration OFFSET_SPREAD = Duration.ofMinutes(5);
    /** How far ahead to look for working time before concluding there is none. */
    static final int HORIZON_DAYS = 15;

    private BreakTimer() {
    }

    /** The first break strictly after {@code after} (and not before pausedUntil), or empty when none is scheduled. */
    public static Optional<Instant> nextDue(ScheduleRules rules, Instant after) {
        if (!rules.active() || rules.optedOut() || rules.hours().isEmpty()) {
            return Optional.empty();
        }
        Instant notBefore = rules.pausedUntil() != null && rules.pausedUntil().isAfter(after) ? rules.pausedUntil() : null;
        Instant from = notBefore != null ? notBefore : after;
        LocalDate day = from.atZone(rules.zone()).toLocalDate().minusDays(1);
        for (int i = 0; i <= HORIZON_DAYS; i++, day = day.plusDays(1)) {
            for (TimeRange range : rules.hours().on(day.getDayOfWeek())) {
                Optional<Instant> found = firstInRange(rules, day, range, after, notBefore);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** Up to {@code count} upcoming breaks after {@code after}. */
    public static List<Instant> upcoming(ScheduleRules rules, Instant after, int count) {
        List<Instant> result = new ArrayList<>(count);
        Instant cursor = after;
        while (result.size() < count) {
            Optional<Instant> next = nextDue(rules, cursor);
            if (next.isEmpty()) {
                break;
            }
            result.add(next.get());
            cursor = next.get();
        }
        return result;
    }

    /** The employee's stable offset: a hash of the id, so it is the same on every replica and after restarts. */
    public static Duration offsetOf(String employeeId, Duration interval) {
        long spread = Math.min(OFFSET_SPREAD.toSeconds(), interval.toSeconds());
        int mixed = employeeId.hashCode() * 0x9E3779B1;
        return Duration.ofSeconds(Math.floorMod(mixed ^ (mixed >>> 16), spread));
    }

    /** Start instant of a local working range; a start in a skipped hour begins when the clocks have jumped. */
    public static Instant rangeStart(LocalDate day, TimeRange range, java.time.ZoneId zone) {
        return ZonedDateTime.ofLocal(day.atTime(range.start()), zone, null).toInstant();
    }

    /** End instant of a local working range; an end in a repeated hour is taken at its second occurrence. */
    public static Instant rangeEnd(LocalDate day, TimeRange range, java.time.ZoneId zone) {
        return ZonedDateTime.ofLocal(day.atTime(range.end()), zone, null).withLaterOffsetAtOverlap().toInstant();
    }

    private static Optional<Instant> firstInRange(ScheduleRules rules, LocalDate day, TimeRange range,
                                                  Instant after, Instant notBefore) {
        Instant start = rangeStart(day, range, rules.zone());
        Instant end = rangeEnd(day, range, rules.zone());
        if (!end.isAfter(after)) {
            return Optional.empty();
        }
        long step = rules.interval().toMillis();
        Instant first = start.plus(rules.interval()).plus(offsetOf(rules.employeeId(), rules.interval()));
        Instant from = notBefore != null ? notBefore : after;
        // grid points before 'from' can only matter when a busy block pushes them later, so start one step early
        long k = Math.max(0, Math.floorDiv(from.toEpochMilli() - first.toEpochMilli(), step) - 1);
        for (Instant grid = first.plusMillis(k * step); grid.isBefore(end); grid = grid.plusMillis(step)) {
            Instant due = outsideBusy(grid, rules.busy());
            if (due.isBefore(end) && due.isAfter(after) && (notBefore == null || !due.isBefore(notBefore))) {
                return Optional.of(due);
            }
        }
        return Optional.empty();
    }

    private static Instant outsideBusy(Instant candidate, List<BusyInterval> busy) {
        Instant due = candidate;
        boolean moved = true;
        while (moved) {
            moved = false;
            for (BusyInterval block : busy) {
                if (block.contains(due)) {
                    due = block.end();
                    moved = true;
                }
            }
        }
        return due;
    }
}
