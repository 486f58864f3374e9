package io.wellness.common.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What an employee did with a break. */
public enum BreakOutcome {
    COMPLETED, SNOOZED, SKIPPED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static BreakOutcome fromWire(String value) {
        for (BreakOutcome outcome : values()) {
            if (outcome.wireName().equals(value)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown outcome '" + value + "' (completed, snoozed or skipped)");
    }
}
