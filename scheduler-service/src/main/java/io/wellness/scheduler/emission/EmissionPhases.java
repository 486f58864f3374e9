package io.wellness.scheduler.emission;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where an emitting batch's time goes, one timer per phase ({@code wellness_emission_phase_seconds{phase=...}}, per
 * batch): cheap enough to stay on in production, and what the scheduler benchmark prints to explain a burst's rate.
 */
public final class EmissionPhases {

    /** Records nothing (tests that build an emitter by hand). */
    public static final EmissionPhases NONE = new EmissionPhases(null);

    public enum Phase {
        /** Claiming due and snoozed rows (locks), their busy blocks, and computing each employee's next break. */
        CLAIM("claim"),
        /** Choosing and storing the exercise plans of the batch. */
        PLANS("plans"),
        /** Advancing the schedules and marking the breaks emitted (one statement). */
        RECORD("record"),
        /** Encoding the events, sending them and waiting for every acknowledgement. */
        PUBLISH("publish"),
        /** Committing the batch's transaction. */
        COMMIT("commit");

        final String tag;

        Phase(String tag) {
            this.tag = tag;
        }
    }

    private final Map<Phase, Timer> timers = new EnumMap<>(Phase.class);

    public EmissionPhases(MeterRegistry registry) {
        if (registry != null) {
            for (Phase phase : Phase.values()) {
                timers.put(phase, Timer.builder("wellness.emission.phase")
                        .description("Time an emitting batch spends in one phase")
                        .tag("phase", phase.tag)
                        .register(registry));
            }
        }
    }

    /** Records the time since {@code startedNanos} and returns now, for the next phase. */
    public long since(Phase phase, long startedNanos) {
        long now = System.nanoTime();
        record(phase, now - startedNanos);
        return now;
    }

    public void record(Phase phase, long nanos) {
        Timer timer = timers.get(phase);
        if (timer != null) {
            timer.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        }
    }
}
