package io.wellness.catalog.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** An inclusive amount such as "2–3 rounds" or "hold 10 s" (min = max). */
public record Range(@NotNull @Min(1) @Max(600) Integer min, @NotNull @Min(1) @Max(600) Integer max) {

    @JsonIgnore
    @AssertTrue(message = "max must not be below min")
    public boolean isOrdered() {
        return min == null || max == null || min <= max;
    }

    /** "10" or "2–3". */
    public String format() {
        return min.equals(max) ? min.toString() : min + "\u2013" + max;
    }
}
