package io.wellness.scheduler.timing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that starts at the real time and runs {@code speed} times faster (local demo: 60 = a minute a second). */
public final class AcceleratedClock extends Clock {
    private final Clock base;
    private final Instant origin;
    private final double speed;

    public AcceleratedClock(Clock base, double speed) {
        if (speed <= 0) {
            throw new IllegalArgumentException("clock speed must be positive");
        }
        this.base = base;
        this.origin = base.instant();
        this.speed = speed;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the scheduler clock is UTC");
    }

    @Override
    public Instant instant() {
        long realNanos = Duration.between(origin, base.instant()).toNanos();
        return origin.plusNanos((long) (realNanos * speed));
    }
}
