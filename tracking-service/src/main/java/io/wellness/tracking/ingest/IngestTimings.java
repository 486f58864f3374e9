package io.wellness.tracking.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.EnumMap;
import java.util.Map;

/**
 * Time spent per ingest phase and batch ({@code tracking.ingest.phase{phase=...}} on the metrics endpoint): where a
 * slow ingest loses its time, without a profiler.
 */
@ApplicationScoped
public class IngestTimings {

    public enum Phase {
        DECODE, OUTCOME_LOG, DUE_LOG, OFFER, PARTICIPANTS, ROLLUPS, COMMIT;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    @Inject
    MeterRegistry registry;

    private final Map<Phase, Timer> timers = new EnumMap<>(Phase.class);

    @PostConstruct
    void register() {
        for (Phase phase : Phase.values()) {
            timers.put(phase, Timer.builder("tracking.ingest.phase").tag("phase", phase.tag()).register(registry));
        }
    }

    /** Records the time since {@code startNanos}; returns now, the start of the next phase. */
    public long record(Phase phase, long startNanos) {
        long now = System.nanoTime();
        timers.get(phase).record(now - startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        return now;
    }
}
