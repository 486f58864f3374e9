package io.wellness.scheduler.service;

import io.wellness.common.problem.Problem;
import io.wellness.common.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;

/** Collects every invalid field of a request, so the 400 answer lists them all at once. */
public final class FieldErrors {
    private final List<Problem.FieldError> errors = new ArrayList<>();

    public void add(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }

    public int size() {
        return errors.size();
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public void throwIfAny(String detail) {
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(detail, errors);
        }
    }
}
