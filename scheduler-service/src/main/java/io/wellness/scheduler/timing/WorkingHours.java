package io.wellness.scheduler.timing;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Working ranges per weekday (several a day allowed, e.g. 09:00-12:00 and 13:00-17:30), sorted, non-overlapping. */
public record WorkingHours(Map<DayOfWeek, List<TimeRange>> days) {
    public WorkingHours {
        EnumMap<DayOfWeek, List<TimeRange>> copy = new EnumMap<>(DayOfWeek.class);
        if (days != null) {
            days.forEach((day, ranges) -> {
                if (ranges != null && !ranges.isEmpty()) {
                    List<TimeRange> sorted = new ArrayList<>(ranges);
                    sorted.sort(Comparator.comparing(TimeRange::start));
                    for (int i = 1; i < sorted.size(); i++) {
                        if (sorted.get(i - 1).overlaps(sorted.get(i))) {
                            throw new IllegalArgumentException(day + ": ranges " + sorted.get(i - 1) + " and " + sorted.get(i) + " overlap");
                        }
                    }
                    copy.put(day, List.copyOf(sorted));
                }
            });
        }
        days = java.util.Collections.unmodifiableMap(copy);
    }

    public List<TimeRange> on(DayOfWeek day) {
        return days.getOrDefault(day, List.of());
    }

    public boolean isEmpty() {
        return days.isEmpty();
    }
}
