package io.wellness.catalog.rest;

import io.wellness.common.problem.Problem;
import io.wellness.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Validates a request body together with checks Bean Validation cannot express, so one 400 lists every invalid
 * field at once.
 */
@ApplicationScoped
public class RequestValidation {
    // class-level checks named after the field a client has to fix
    private static final Map<String, String> RENAMED = Map.of("budgetOrdered", "maxSeconds");

    @Inject
    Validator validator;

    public List<Problem.FieldError> violations(Object body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body == null) {
            errors.add(new Problem.FieldError("body", "a JSON body is required"));
            return errors;
        }
        for (ConstraintViolation<Object> violation : validator.validate(body)) {
            errors.add(new Problem.FieldError(fieldName(violation), violation.getMessage()));
        }
        return errors;
    }

    public static void rejectIfAny(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            List<Problem.FieldError> sorted = errors.stream()
                    .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                    .toList();
            throw ProblemException.badRequest(sorted.size() + " invalid field(s): "
                    + String.join(", ", sorted.stream().map(Problem.FieldError::field).distinct().toList()), sorted);
        }
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        // "steps[0].<list element>" -> "steps[0]"; "dose.holdSeconds.ordered" stays as it is
        String path = violation.getPropertyPath().toString().replaceAll("\\.?<[^>]+>", "");
        return RENAMED.getOrDefault(path, path);
    }
}
