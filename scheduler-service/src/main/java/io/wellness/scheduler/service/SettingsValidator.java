package io.wellness.scheduler.service;

import io.wellness.scheduler.mapping.WorkingHoursJson;
import io.wellness.scheduler.repository.CompanyPolicy;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks settings (working hours through {@link #workingHours}), reporting every invalid field (field paths as JSON paths). */
public final class SettingsValidator {
    public static final Set<String> CHANNEL_TYPES = Set.of("slack", "teams", "mattermost", "webhook", "web");
    /** The catalog's vocabulary (catalog-service Vocabulary); "any" is sent to the catalog as no preference. */
    public static final Set<String> POSITIONS = Set.of("seated", "standing", "lying", "all-fours", "any");
    public static final Set<String> EQUIPMENT = Set.of("none", "chair", "wall", "desk", "foam-roller", "resistance-band");
    public static final Set<String> REGIONS = Set.of("neck", "shoulders", "upper-back", "mid-back", "lower-back", "hips");
    static final int MAX_CHOICES = 6;
    static final int MAX_RANGES_PER_DAY = 6;
    static final int MAX_LIST_ITEMS = 30;
    static final Duration MAX_PAUSE = Duration.ofDays(400);
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");

    private SettingsValidator() {
    }

    public static void validate(SettingsDocument settings, CompanyPolicy policy, Instant now, FieldErrors errors) {
        if (settings.timeZone() != null && zone(settings.timeZone()) == null) {
            errors.add("timeZone", "must be an IANA time-zone id such as Europe/Berlin");
        }
        Integer interval = settings.intervalMinutes();
        if (interval != null && (interval < policy.minIntervalMinutes() || interval > policy.maxIntervalMinutes())) {
            errors.add("intervalMinutes", "must be between " + policy.minIntervalMinutes() + " and " + policy.maxIntervalMinutes());
        }
        if (settings.preferredPosition() != null && !POSITIONS.contains(settings.preferredPosition())) {
            errors.add("preferredPosition", "must be one of " + POSITIONS);
        }
        choices("equipment", settings.equipment(), EQUIPMENT, errors);
        choices("focusRegions", settings.focusRegions(), REGIONS, errors);
        tags("avoid", settings.avoid(), errors);
        if (settings.channel() != null) {
            channel("channel", settings.channel().type(), settings.channel().address(), errors);
        }
        if (settings.pausedUntil() != null && settings.pausedUntil().isAfter(now.plus(MAX_PAUSE))) {
            errors.add("pausedUntil", "must be within " + MAX_PAUSE.toDays() + " days");
        }
    }

    public static void channel(String field, String type, String address, FieldErrors errors) {
        if (type == null || !CHANNEL_TYPES.contains(type)) {
            errors.add(field + ".type", "must be one of " + CHANNEL_TYPES);
        } else if (!"web".equals(type) && (address == null || address.isBlank())) {
            errors.add(field + ".address", "is required for " + type);
        }
        if (address != null && address.length() > 255) {
            errors.add(field + ".address", "must be at most 255 characters");
        }
    }

    /** Valid working hours as JSON text, or null after reporting what is wrong. */
    public static String workingHours(String field, Map<String, List<WorkingHoursJson.Range>> hours, FieldErrors errors) {
        Map<DayOfWeek, List<WorkingHoursJson.Range>> valid = new EnumMap<>(DayOfWeek.class);
        boolean ok = true;
        for (var entry : hours.entrySet()) {
            String dayField = field + "." + entry.getKey();
            DayOfWeek day;
            try {
                day = DayOfWeek.valueOf(entry.getKey().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(dayField, "must be a weekday name (MONDAY..SUNDAY)");
                ok = false;
                continue;
            }
            List<WorkingHoursJson.Range> ranges = entry.getValue() == null ? List.of() : entry.getValue();
            if (ranges.size() > MAX_RANGES_PER_DAY) {
                errors.add(dayField, "at most " + MAX_RANGES_PER_DAY + " ranges a day");
                ok = false;
                continue;
            }
            List<LocalTime[]> parsed = new ArrayList<>();
            for (int i = 0; i < ranges.size(); i++) {
                WorkingHoursJson.Range range = ranges.get(i);
                LocalTime start = time(range == null ? null : range.start());
                LocalTime end = time(range == null ? null : range.end());
                if (start == null) {
                    errors.add(dayField + "[" + i + "].start", "must be a time HH:mm");
                }
                if (end == null) {
                    errors.add(dayField + "[" + i + "].end", "must be a time HH:mm");
                }
                if (start != null && end != null && !end.isAfter(start)) {
                    errors.add(dayField + "[" + i + "]", "end must be after start");
                }
                if (start == null || end == null || !end.isAfter(start)) {
                    ok = false;
                } else {
                    parsed.add(new LocalTime[]{start, end});
                }
            }
            parsed.sort(Comparator.comparing(r -> r[0]));
            for (int i = 1; i < parsed.size(); i++) {
                if (parsed.get(i)[0].isBefore(parsed.get(i - 1)[1])) {
                    errors.add(dayField, "ranges overlap");
                    ok = false;
                    break;
                }
            }
            valid.put(day, parsed.stream().map(r -> new WorkingHoursJson.Range(r[0].toString(), r[1].toString())).toList());
        }
        return ok ? WorkingHoursJson.write(valid) : null;
    }

    public static ZoneId zone(String id) {
        try {
            ZoneId zone = ZoneId.of(id);
            // region ids only (Europe/Berlin), not fixed offsets such as +02:00
            return zone instanceof java.time.ZoneOffset || !ZoneId.getAvailableZoneIds().contains(zone.getId()) ? null : zone;
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static LocalTime time(String value) {
        if (value == null || !value.matches("\\d{2}:\\d{2}")) {
            return null;
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void choices(String field, List<String> values, Set<String> allowed, FieldErrors errors) {
        if (values == null) {
            return;
        }
        if (values.size() > MAX_CHOICES) {
            errors.add(field, "at most " + MAX_CHOICES + " items");
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (!allowed.contains(values.get(i))) {
                errors.add(field + "[" + i + "]", "must be one of " + allowed);
            }
        }
    }

    private static void tags(String field, List<String> values, FieldErrors errors) {
        if (values == null) {
            return;
        }
        if (values.size() > MAX_LIST_ITEMS) {
            errors.add(field, "at most " + MAX_LIST_ITEMS + " items");
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null || !TAG.matcher(values.get(i)).matches()) {
                errors.add(field + "[" + i + "]", "must be a lower-case id (a-z, 0-9, -)");
            }
        }
    }
}
