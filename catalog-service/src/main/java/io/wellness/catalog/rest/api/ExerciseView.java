package io.wellness.catalog.rest.api;

import io.wellness.catalog.domain.Dose;

import java.util.List;

/** One exercise in one language, as clients read it. */
public record ExerciseView(String id,
                           String language,
                           String name,
                           String summary,
                           List<String> steps,
                           List<String> regions,
                           String position,
                           List<String> equipment,
                           String setting,
                           String kind,
                           String intensity,
                           int durationSeconds,
                           Dose dose,
                           String doseText,
                           ProgressionView progression,
                           List<String> cautions,
                           SourceView source,
                           boolean retired,
                           long version) {

    public record ProgressionView(Integer firstTimeHoldSeconds, String text) {
    }

    public record SourceView(String id, String title, String publisher, String seedFile) {
    }
}
