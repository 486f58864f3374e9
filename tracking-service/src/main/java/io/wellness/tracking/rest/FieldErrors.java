package io.wellness.tracking.rest;

import io.wellness.common.problem.Problem;
import io.wellness.common.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;

/** Collects every invalid field of a request, then answers 400 listing them all at once. */
final class FieldErrors {
    private final List<Problem.FieldError> errors = new ArrayList<>();

    void add(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }

    int intParam(String field, String raw, int defaultValue, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                add(field, "must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            add(field, "must be a whole number");
            return defaultValue;
        }
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("the request has invalid fields", errors);
        }
    }
}
