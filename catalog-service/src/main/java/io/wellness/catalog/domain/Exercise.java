package io.wellness.catalog.domain;

import java.util.List;
import java.util.Map;

/** One catalog exercise as the read model holds it (immutable). */
public record Exercise(String id,
                       String sourceId,
                       List<String> regions,
                       String position,
                       List<String> equipment,
                       String setting,
                       String kind,
                       String intensity,
                       Dose dose,
                       Progression progression,
                       int durationSeconds,
                       Map<String, LocalisedText> text,
                       boolean retired,
                       long version) {

    public LocalisedText text(String language) {
        LocalisedText localised = text.get(language);
        return localised != null ? localised : text.get(Vocabulary.DEFAULT_LANGUAGE);
    }
}
