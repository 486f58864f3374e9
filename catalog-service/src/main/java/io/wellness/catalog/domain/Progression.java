package io.wellness.catalog.domain;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** How to build up: e.g. hold only 5 s the first times. */
public record Progression(@Min(1) @Max(600) Integer firstTimeHoldSeconds) {
}
