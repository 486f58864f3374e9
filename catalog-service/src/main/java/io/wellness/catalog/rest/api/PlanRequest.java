package io.wellness.catalog.rest.api;

import io.wellness.catalog.domain.Vocabulary;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What the scheduler knows about the next break of one employee. */
@Schema(description = "Context of one microbreak")
public record PlanRequest(
        @Schema(description = "Position the employee can take; null = any", example = "seated", nullable = true)
        @Pattern(regexp = Vocabulary.POSITION_PATTERN, message = "must be one of " + Vocabulary.POSITION_PATTERN) String position,
        @Schema(description = "Equipment the employee has; an exercise fits when all it needs is listed. null or [] = nothing", example = "[\"chair\"]")
        @Size(max = 6) List<@NotNull @Pattern(regexp = Vocabulary.EQUIPMENT_PATTERN, message = "must be one of " + Vocabulary.EQUIPMENT_PATTERN) String> equipment,
        @Schema(example = "60") @NotNull @Min(0) @Max(1800) Integer minSeconds,
        @Schema(example = "120") @NotNull @Min(5) @Max(1800) Integer maxSeconds,
        @Schema(description = "Regions to prefer", example = "[\"neck\", \"shoulders\"]")
        @Size(max = 6) List<@NotNull @Pattern(regexp = Vocabulary.REGION_PATTERN, message = "must be one of " + Vocabulary.REGION_PATTERN) String> focusRegions,
        @Schema(description = "Exercise ids never to plan") @Size(max = 200) List<@NotNull @Size(max = 80) String> avoid,
        @Schema(description = "Exercise ids done recently; used only when nothing else fits") @Size(max = 200) List<@NotNull @Size(max = 80) String> recent,
        @Schema(description = "Same seed + same catalog version = same plan; omitted = derived from the request", example = "42")
        Long seed) {

    @AssertTrue(message = "maxSeconds must not be below minSeconds")
    @Schema(hidden = true)
    public boolean isBudgetOrdered() {
        return minSeconds == null || maxSeconds == null || minSeconds <= maxSeconds;
    }

    public List<String> equipmentOrEmpty() {
        return equipment == null ? List.of() : equipment;
    }

    public List<String> focusOrEmpty() {
        return focusRegions == null ? List.of() : focusRegions;
    }

    public List<String> avoidOrEmpty() {
        return avoid == null ? List.of() : avoid;
    }

    public List<String> recentOrEmpty() {
        return recent == null ? List.of() : recent;
    }
}
