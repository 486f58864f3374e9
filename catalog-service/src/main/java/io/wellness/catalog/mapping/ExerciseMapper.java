package io.wellness.catalog.mapping;

import com.fasterxml.jackson.core.type.TypeReference;
import io.wellness.catalog.domain.Dose;
import io.wellness.catalog.domain.Exercise;
import io.wellness.catalog.domain.LocalisedText;
import io.wellness.catalog.domain.Progression;
import io.wellness.catalog.repository.ExerciseEntity;
import io.wellness.catalog.rest.api.ExerciseInput;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Between stored rows, the immutable read model and admin input. */
public final class ExerciseMapper {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, LocalisedText>> TEXTS = new TypeReference<>() {
    };

    private ExerciseMapper() {
    }

    public static Exercise toDomain(ExerciseEntity row) {
        return new Exercise(row.id, row.sourceId,
                List.copyOf(CatalogJson.read(row.regions, STRINGS)),
                row.position,
                List.copyOf(CatalogJson.read(row.equipment, STRINGS)),
                row.setting, row.kind, row.intensity,
                CatalogJson.read(row.dose, Dose.class),
                CatalogJson.read(row.progression, Progression.class),
                row.durationSeconds,
                Map.copyOf(CatalogJson.read(row.text, TEXTS)),
                row.retired, row.version);
    }

    /** Copies validated admin input onto a row (the id is set by the caller). */
    public static void apply(ExerciseInput input, ExerciseEntity row) {
        row.sourceId = input.source();
        row.regions = CatalogJson.write(input.regions().stream().distinct().toList());
        row.position = input.position();
        row.equipment = CatalogJson.write(input.equipment().stream()
                .filter(item -> !item.equals("none")).distinct().toList());
        row.setting = input.setting();
        row.kind = input.kind();
        row.intensity = input.intensity();
        row.durationSeconds = input.durationSeconds();
        row.dose = CatalogJson.write(input.dose());
        row.progression = input.progression() == null ? null : CatalogJson.write(input.progression());
        Map<String, LocalisedText> text = new LinkedHashMap<>();
        text.put("en", input.text().en());
        text.put("de", input.text().de());
        row.text = CatalogJson.write(text);
    }
}
