package io.wellness.scheduler.emission;

import io.micrometer.core.instrument.MeterRegistry;
import io.wellness.scheduler.metrics.PhaseTimers;

/**
 * The phases of an emitting batch, timed per batch ({@code wellness_emission_phase_seconds{phase=...}}): what the
 * scheduler benchmark prints to explain a burst's rate.
 */
public enum EmissionPhase {
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

    /** Records nothing (emitters built by hand in tests). */
    public static final PhaseTimers<EmissionPhase> UNTIMED = timers(null);

    private final String tag;

    EmissionPhase(String tag) {
        this.tag = tag;
    }

    /** One timer per phase in {@code registry}. */
    public static PhaseTimers<EmissionPhase> timers(MeterRegistry registry) {
        return new PhaseTimers<>(registry, "wellness.emission.phase", "Time an emitting batch spends in one phase",
                EmissionPhase.class, phase -> phase.tag);
    }
}
