package io.wellness.tracking.ingest;

import io.wellness.common.events.BreakOutcome;

/**
 * The state of a break as stored (smallint). Ordered: a break's status only rises, so the final status is the
 * highest outcome seen whatever the arrival order (snoozed then completed is one completed).
 */
public enum BreakStatus {
    NONE, SNOOZED, SKIPPED, COMPLETED;

    public static BreakStatus of(BreakOutcome outcome) {
        return switch (outcome) {
            case SNOOZED -> SNOOZED;
            case SKIPPED -> SKIPPED;
            case COMPLETED -> COMPLETED;
        };
    }

    public static BreakStatus ofCode(int code) {
        return values()[code];
    }

    public short code() {
        return (short) ordinal();
    }

    public String wireName() {
        return this == NONE ? "none" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
