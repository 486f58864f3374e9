package io.wellness.scheduler.timing;

import java.time.Instant;

/** A time a break must not interrupt (a meeting): [start, end). */
public record BusyInterval(Instant start, Instant end) {
    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }
}
