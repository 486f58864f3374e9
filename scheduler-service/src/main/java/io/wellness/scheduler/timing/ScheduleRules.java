package io.wellness.scheduler.timing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/** Everything the timing engine needs to know about one employee. */
public record ScheduleRules(String employeeId, ZoneId zone, WorkingHours hours, Duration interval,
                            List<BusyInterval> busy, Instant pausedUntil, boolean optedOut, boolean active) {
    public ScheduleRules {
        busy = busy == null ? List.of() : busy.stream().sorted(Comparator.comparing(BusyInterval::start)).toList();
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
    }
}
