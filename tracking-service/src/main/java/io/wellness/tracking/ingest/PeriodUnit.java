package io.wellness.tracking.ingest;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** Fixed calendar periods: the only periods ever aggregated and released (day, ISO week from Monday, month). */
public enum PeriodUnit {
    DAY("D"), WEEK("W"), MONTH("M");

    private final String code;

    PeriodUnit(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public LocalDate startOf(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    public LocalDate next(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }

    public LocalDate endOf(LocalDate start) {
        return next(start).minusDays(1);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PeriodUnit fromWire(String value) {
        for (PeriodUnit unit : values()) {
            if (unit.wireName().equals(value)) {
                return unit;
            }
        }
        return null;
    }
}
