package io.wellness.scheduler.delivery.rest;

import io.wellness.common.problem.ProblemException;

/** The answers of the public chat callbacks when a request cannot be trusted. */
final class CallbackProblems {
    private CallbackProblems() {
    }

    static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail);
    }
}
