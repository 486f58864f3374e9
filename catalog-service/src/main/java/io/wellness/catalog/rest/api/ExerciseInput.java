package io.wellness.catalog.rest.api;

import io.wellness.catalog.domain.Dose;
import io.wellness.catalog.domain.LocalisedText;
import io.wellness.catalog.domain.Progression;
import io.wellness.catalog.domain.Vocabulary;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** An exercise as an admin creates or replaces it; both languages are required. */
@Schema(description = "An exercise as an admin creates or replaces it (English and German text required)")
public record ExerciseInput(
        @Schema(description = "Stable slug; on update it may be omitted or must equal the path id", example = "neck-side-stretch")
        @Size(max = 80) @Pattern(regexp = Vocabulary.ID_PATTERN, message = "must be a lower-case slug such as neck-side-stretch") String id,
        @Schema(description = "Id of the source article", example = "desk-stretches-back-pain")
        @Size(max = 80) String source,
        @NotEmpty @Size(max = 6) List<@NotNull @Pattern(regexp = Vocabulary.REGION_PATTERN, message = "must be one of " + Vocabulary.REGION_PATTERN) String> regions,
        @NotNull @Pattern(regexp = Vocabulary.POSITION_PATTERN, message = "must be one of " + Vocabulary.POSITION_PATTERN) String position,
        @NotNull @Size(max = 6) List<@NotNull @Pattern(regexp = Vocabulary.EQUIPMENT_PATTERN, message = "must be one of " + Vocabulary.EQUIPMENT_PATTERN) String> equipment,
        @NotNull @Pattern(regexp = Vocabulary.SETTING_PATTERN, message = "must be one of " + Vocabulary.SETTING_PATTERN) String setting,
        @NotNull @Pattern(regexp = Vocabulary.KIND_PATTERN, message = "must be one of " + Vocabulary.KIND_PATTERN) String kind,
        @NotNull @Pattern(regexp = Vocabulary.INTENSITY_PATTERN, message = "must be one of " + Vocabulary.INTENSITY_PATTERN) String intensity,
        @Schema(description = "Estimated duration of one break with this exercise", example = "40")
        @NotNull @Min(5) @Max(600) Integer durationSeconds,
        @NotNull @Valid Dose dose,
        @Valid Progression progression,
        @NotNull @Valid Texts text) {

    /** The words in every language the catalog serves. */
    public record Texts(@NotNull @Valid LocalisedText en, @NotNull @Valid LocalisedText de) {
    }
}
