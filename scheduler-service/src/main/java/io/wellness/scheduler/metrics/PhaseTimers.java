package io.wellness.scheduler.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One Micrometer timer per phase of a pipeline ({@code <name>{phase=<tag>}}): where its time goes, cheap enough to
 * stay on in production, and what the benchmarks print to explain their figures.
 */
public final class PhaseTimers<P extends Enum<P>> {
    private final Map<P, Timer> timers;

    /** Without a registry ({@code null}) nothing is recorded: for code built by hand in tests. */
    public PhaseTimers(MeterRegistry registry, String name, String description, Class<P> phases, Function<P, String> tag) {
        timers = new EnumMap<>(phases);
        if (registry != null) {
            for (P phase : phases.getEnumConstants()) {
                // a histogram per phase: the tail of one phase (Prometheus histogram_quantile) is what explains a
                // pipeline's p99, where a mean hides it
                timers.put(phase, Timer.builder(name).description(description).tag("phase", tag.apply(phase))
                        .publishPercentileHistogram().register(registry));
            }
        }
    }

    public void record(P phase, long nanos) {
        Timer timer = timers.get(phase);
        if (timer != null) {
            timer.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        }
    }

    /** Records the time since {@code startedNanos} and returns now, for the next phase. */
    public long since(P phase, long startedNanos) {
        long now = System.nanoTime();
        record(phase, now - startedNanos);
        return now;
    }

    /** The phase's timer; {@code null} when nothing is recorded. */
    public Timer timer(P phase) {
        return timers.get(phase);
    }
}
