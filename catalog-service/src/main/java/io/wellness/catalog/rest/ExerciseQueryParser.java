package io.wellness.catalog.rest;

import io.wellness.catalog.domain.Vocabulary;
import io.wellness.catalog.service.ExerciseQuery;
import io.wellness.common.problem.Problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Turns the list endpoint's query parameters into an {@link ExerciseQuery}, collecting every invalid one. */
final class ExerciseQueryParser {
    private static final int MAX_TEXT = 100;

    private ExerciseQueryParser() {
    }

    static ExerciseQuery parse(List<String> region, List<String> position, List<String> equipment, List<String> setting,
                               List<String> kind, String maxDuration, String text, String includeRetired,
                               String page, String size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String> regions = values("region", region, Vocabulary.REGIONS, errors);
        List<String> positions = values("position", position, Vocabulary.POSITIONS, errors);
        List<String> equipmentHeld = equipment == null || equipment.isEmpty() ? null
                : values("equipment", equipment, Vocabulary.EQUIPMENT, errors).stream().filter(e -> !e.equals("none")).toList();
        List<String> settings = values("setting", setting, Vocabulary.SETTINGS, errors);
        List<String> kinds = values("kind", kind, Vocabulary.KINDS, errors);
        Integer maxSeconds = maxDuration == null ? null : integer("maxDuration", maxDuration, 1, 3600, errors);
        String query = text == null || text.isBlank() ? null : text.trim().toLowerCase(Locale.ROOT);
        if (query != null && query.length() > MAX_TEXT) {
            errors.add(new Problem.FieldError("q", "must be at most " + MAX_TEXT + " characters"));
        }
        boolean retired = false;
        if (includeRetired != null) {
            if (includeRetired.equals("true") || includeRetired.equals("false")) {
                retired = Boolean.parseBoolean(includeRetired);
            } else {
                errors.add(new Problem.FieldError("includeRetired", "must be true or false"));
            }
        }
        Integer pageNumber = page == null ? Integer.valueOf(0) : integer("page", page, 0, 100_000, errors);
        Integer pageSize = size == null ? Integer.valueOf(ExerciseQuery.DEFAULT_PAGE_SIZE)
                : integer("size", size, 1, ExerciseQuery.MAX_PAGE_SIZE, errors);
        RequestValidation.rejectIfAny(errors);
        return new ExerciseQuery(regions, positions, equipmentHeld, settings, kinds, maxSeconds, query, retired,
                pageNumber, pageSize);
    }

    /** Accepts repeated parameters and comma-separated lists; returns the distinct values in a canonical order. */
    private static List<String> values(String name, List<String> raw, List<String> allowed, List<Problem.FieldError> errors) {
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        List<String> given = raw.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim)
                .filter(v -> !v.isEmpty()).toList();
        List<String> invalid = given.stream().filter(v -> !allowed.contains(v)).distinct().toList();
        if (!invalid.isEmpty()) {
            errors.add(new Problem.FieldError(name, "unknown value(s) " + invalid.stream().limit(5).toList() + "; "
                    + Vocabulary.oneOf(allowed)));
        }
        return allowed.stream().filter(given::contains).toList();
    }

    private static Integer integer(String name, String raw, int min, int max, List<Problem.FieldError> errors) {
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                errors.add(new Problem.FieldError(name, "must be between " + min + " and " + max));
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldError(name, "must be a whole number"));
            return null;
        }
    }
}
