package io.wellness.common.problem;

import java.util.List;

/** Thrown by services to answer with a specific problem (404 unknown id, 409 conflict, 422 nothing fits...). */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final String type;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String title, String detail) {
        this(status, "about:blank", title, detail, List.of());
    }

    public ProblemException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "Not Found", what + " '" + id + "' does not exist");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    public static ProblemException badRequest(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(400, "about:blank", "Bad Request", detail, errors);
    }

    public Problem toProblem(String instance) {
        return new Problem(type, title, status, getMessage(), instance, errors);
    }

    public int status() {
        return status;
    }
}
