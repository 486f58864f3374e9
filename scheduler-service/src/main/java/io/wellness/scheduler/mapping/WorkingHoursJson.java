package io.wellness.scheduler.mapping;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.wellness.scheduler.timing.TimeRange;
import io.wellness.scheduler.timing.WorkingHours;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Working hours as stored in jsonb: {@code {"MONDAY":[{"start":"09:00","end":"12:00"}]}}. Parsed values are cached
 * by their text: a million employees share a handful of distinct schedules.
 */
public final class WorkingHoursJson {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final Map<String, WorkingHours> PARSED = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 10_000;

    public record Range(String start, String end) {
    }

    private WorkingHoursJson() {
    }

    public static WorkingHours parse(String json) {
        WorkingHours cached = PARSED.get(json);
        if (cached != null) {
            return cached;
        }
        WorkingHours parsed = fromRanges(read(json));
        if (PARSED.size() >= MAX_CACHED) {
            PARSED.clear();
        }
        PARSED.put(json, parsed);
        return parsed;
    }

    public static Map<DayOfWeek, List<Range>> read(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<DayOfWeek, List<Range>>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WorkingHours fromRanges(Map<DayOfWeek, List<Range>> ranges) {
        Map<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
        ranges.forEach((day, list) -> days.put(day, list.stream()
                .map(r -> new TimeRange(LocalTime.parse(r.start()), LocalTime.parse(r.end()))).toList()));
        return new WorkingHours(days);
    }

    public static Map<DayOfWeek, List<Range>> toRanges(WorkingHours hours) {
        Map<DayOfWeek, List<Range>> out = new LinkedHashMap<>();
        hours.days().forEach((day, list) -> out.put(day, list.stream()
                .map(r -> new Range(r.start().toString(), r.end().toString())).toList()));
        return out;
    }

    public static String write(Map<DayOfWeek, List<Range>> ranges) {
        try {
            return JSON.writeValueAsString(ranges);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
