package io.wellness.catalog.rest;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.wellness.common.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A JSON value of the wrong type ("minSeconds": "soon") as problem+json naming the field. Quarkus' own mapper for
 * this exception is more specific than the platform's JsonProcessingException mapper and would answer plain JSON.
 */
public class MismatchedJsonMapper {

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        List<Problem.FieldError> errors = field.isEmpty() ? List.of()
                : List.of(new Problem.FieldError(field, "has the wrong type or format"));
        return Response.status(400).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Bad Request", 400, "a value has the wrong type or format", uri.getPath(), errors))
                .build();
    }
}
