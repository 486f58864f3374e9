package io.wellness.catalog.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** How much of an exercise the article prescribes; absent parts are null. */
public record Dose(@Valid Range holdSeconds,
                   @Valid Range reps,
                   @Min(1) @Max(20) Integer sets,
                   boolean perSide,
                   @Valid Range rounds,
                   @Valid Range timesPerDay,
                   @Valid Range timesPerWeek) {
}
