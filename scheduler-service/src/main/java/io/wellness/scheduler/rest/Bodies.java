package io.wellness.scheduler.rest;

import io.wellness.common.problem.Problem;
import io.wellness.common.problem.ProblemException;

import java.util.List;

/** Checks shared by the resources: a body is present, a path id is sane. */
final class Bodies {
    private Bodies() {
    }

    static <T> T required(T body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required", List.of(new Problem.FieldError("", "missing body")));
        }
        return body;
    }

    static String id(String id) {
        if (id == null || id.isBlank() || id.length() > 64) {
            throw ProblemException.badRequest("invalid employee id", List.of(new Problem.FieldError("id", "1 to 64 characters")));
        }
        return id;
    }
}
