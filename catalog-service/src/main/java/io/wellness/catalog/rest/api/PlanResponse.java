package io.wellness.catalog.rest.api;

import java.util.List;

/** A microbreak plan: 1–3 exercises whose durations add up to {@code totalDurationSeconds}. */
public record PlanResponse(long seed, String catalogVersion, int totalDurationSeconds, List<PlannedExercise> exercises) {

    public record PlannedExercise(String id, String name, String summary, int durationSeconds, List<String> regions,
                                  List<String> steps, String dose, List<String> cautions) {
    }
}
