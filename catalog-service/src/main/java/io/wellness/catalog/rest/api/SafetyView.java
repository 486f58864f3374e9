package io.wellness.catalog.rest.api;

import java.util.List;

/** The general safety guidance every client shows with the exercises. */
public record SafetyView(String language, String catalogVersion, List<Guidance> guidance, List<ExerciseView.SourceView> sources) {

    public record Guidance(String id, String text) {
    }
}
