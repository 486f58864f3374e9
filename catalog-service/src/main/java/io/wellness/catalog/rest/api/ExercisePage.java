package io.wellness.catalog.rest.api;

import java.util.List;

/** One page of a filtered list. */
public record ExercisePage(int page, int size, int total, int totalPages, String language, String catalogVersion,
                           List<ExerciseView> items) {
}
