package io.wellness.scheduler.timing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that starts at the real time (or at a chosen instant) and runs {@code speed} times faster (local demo: 60 =
 * a minute a second).
 */
public final class AcceleratedClock extends Clock {
    private final Clock base;
    private final Instant origin;
    private final Instant start;
    private final double speed;
    private final ZoneId zone;

    public AcceleratedClock(Clock base, double speed) {
        this(base, base.instant(), null, speed, ZoneOffset.UTC);
    }

    /** A clock that reads {@code start} now and runs {@code speed} times faster from there (a load run's day). */
    public AcceleratedClock(Clock base, double speed, Instant start) {
        this(base, base.instant(), start, speed, ZoneOffset.UTC);
    }

    private AcceleratedClock(Clock base, Instant origin, Instant start, double speed, ZoneId zone) {
        if (speed <= 0) {
            throw new IllegalArgumentException("clock speed must be positive");
        }
        this.base = base;
        this.origin = origin;
        this.start = start != null ? start : origin;
        this.speed = speed;
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same accelerated time line seen from another zone (same origin, same speed). */
    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(this.zone) ? this : new AcceleratedClock(base, origin, start, speed, zone);
    }

    @Override
    public Instant instant() {
        long realNanos = Duration.between(origin, base.instant()).toNanos();
        return start.plusNanos((long) (realNanos * speed));
    }
}
