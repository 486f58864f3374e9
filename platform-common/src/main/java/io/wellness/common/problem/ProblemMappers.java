package io.wellness.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every error leaves a service as {@code application/problem+json} with the right status; an unexpected failure is
 * logged with an id and answered without internals.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(new Problem("about:blank", "Bad Request", 400,
                errors.size() + " invalid field(s)", uri.getPath(), errors));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping ? mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")) : "";
        String detail = e instanceof JsonMappingException ? "a value has the wrong type or format" : "the body is not valid JSON";
        List<Problem.FieldError> errors = field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, e.getOriginalMessage()));
        return respond(new Problem("about:blank", "Bad Request", 400, detail, uri.getPath(), errors));
    }

    /**
     * A JSON value of the wrong type ("minSeconds": "soon"), naming the field. Quarkus has its own, more specific
     * mapper for this exception that answers plain JSON; this one takes precedence.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        List<Problem.FieldError> errors = field.isEmpty() ? List.of()
                : List.of(new Problem.FieldError(field, "has the wrong type or format"));
        return respond(new Problem("about:blank", "Bad Request", 400, "a value has the wrong type or format",
                uri.getPath(), errors));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.errorf(e, "request %s failed", uri.getPath());
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "HTTP " + status;
        String detail = status >= 500 ? "the service could not complete the request" : e.getMessage();
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, uri.getPath(), List.of()));
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer")
                .entity(Problem.of(401, "Unauthorized", "a valid bearer token is required")).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem("about:blank", "Forbidden", 403, "your roles do not allow this", uri.getPath(), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        String incident = java.util.UUID.randomUUID().toString();
        if (isDataException(e)) {
            // the database refused a value the request carried (a NUL character, text too long for its column...)
            Log.warnf(e, "value refused by the database, incident %s on %s", incident, uri.getPath());
            return respond(new Problem("about:blank", "Bad Request", 400,
                    "a value in the request cannot be stored or searched as given, incident " + incident, uri.getPath(), List.of()));
        }
        Log.errorf(e, "unexpected failure %s on %s", incident, uri.getPath());
        return respond(new Problem("about:blank", "Internal Server Error", 500,
                "unexpected failure, incident " + incident, uri.getPath(), List.of()));
    }

    /** SQLState class 22 ("data exception"): the value itself was unacceptable, not the service. */
    private static boolean isDataException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        // "create.arg0.name" or "update.request.steps[2]": keep the part after the method parameter
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : path;
    }
}
