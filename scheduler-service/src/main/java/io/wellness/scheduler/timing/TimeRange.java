package io.wellness.scheduler.timing;

import java.time.LocalTime;

/** One stretch of working time on a day, in the employee's local time: [start, end). */
public record TimeRange(LocalTime start, LocalTime end) {
    public TimeRange {
        if (start == null || end == null || !end.isAfter(start)) {
            throw new IllegalArgumentException("a working range needs start < end, got " + start + "-" + end);
        }
    }

    public static TimeRange of(String start, String end) {
        return new TimeRange(LocalTime.parse(start), LocalTime.parse(end));
    }

    public boolean overlaps(TimeRange other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }
}
