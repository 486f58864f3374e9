package io.wellness.scheduler.config;

import io.quarkus.logging.Log;
import io.wellness.scheduler.timing.AcceleratedClock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The scheduler's clock: real UTC time, or an accelerated one for the local demo. */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock(SchedulerConfig config) {
        double speed = config.clock().speed();
        if (speed == 1.0) {
            return Clock.systemUTC();
        }
        Log.warnf("scheduler clock runs %.1fx faster than real time (demo setting)%s", speed,
                config.clock().start().map(start -> ", from " + start).orElse(""));
        return config.clock().start().map(start -> new AcceleratedClock(Clock.systemUTC(), speed, java.time.Instant.parse(start)))
                .orElseGet(() -> new AcceleratedClock(Clock.systemUTC(), speed));
    }
}
