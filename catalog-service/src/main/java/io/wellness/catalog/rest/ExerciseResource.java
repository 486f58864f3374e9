package io.wellness.catalog.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.NonBlocking;
import io.wellness.catalog.rest.api.ExerciseInput;
import io.wellness.catalog.rest.api.ExercisePage;
import io.wellness.catalog.rest.api.ExerciseView;
import io.wellness.catalog.service.CachedBody;
import io.wellness.catalog.service.CatalogAdmin;
import io.wellness.catalog.service.CatalogReadModel;
import io.wellness.catalog.service.CatalogSnapshot;
import io.wellness.catalog.service.ExerciseQuery;
import io.wellness.common.problem.Problem;
import io.wellness.common.problem.ProblemException;
import io.wellness.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The exercise catalog: read by every employee (and services), changed by admins. */
@Path("/api/catalog/exercises")
@Tag(name = "Exercises")
@Produces(MediaType.APPLICATION_JSON)
public class ExerciseResource {
    private static final Pattern VERSION_IN_TAG = Pattern.compile("^(?:W/)?\"[a-z0-9-]+-v(\\d+)-[a-z]{2}-[0-9a-f]+\"$");

    @Inject
    CatalogReadModel catalog;
    @Inject
    CatalogAdmin admin;
    @Inject
    CachedResponses responses;
    @Inject
    RequestValidation validation;
    @Inject
    SecurityIdentity identity;

    @GET
    @NonBlocking
    @RolesAllowed({Roles.EMPLOYEE, Roles.TEAM_LEAD, Roles.HR, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "List exercises",
            description = "Filters combine with AND; repeated or comma-separated values of one filter match any of them. "
                    + "`equipment` is what the employee has: an exercise fits when all it needs is listed (`none` = nothing). "
                    + "Ordered by id; paginated (total in the body, `X-Total-Count` and `Link` headers). "
                    + "Localised by Accept-Language (en, de; otherwise en). Answers 304 when If-None-Match names the current ETag.")
    @APIResponse(responseCode = "200", description = "One page of exercises",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExercisePage.class),
                    examples = @ExampleObject(name = "page", value = ApiExamples.PAGE)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match")
    @APIResponse(responseCode = "400", description = "Invalid filters, every one listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "invalid", value = ApiExamples.LIST_BAD_REQUEST)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token has none of the roles employee, team-lead, hr, admin, service")
    public Response list(
            @Parameter(description = "Body region(s)", example = "shoulders") @QueryParam("region") List<String> region,
            @Parameter(description = "Position(s)", example = "seated") @QueryParam("position") List<String> position,
            @Parameter(description = "Equipment the employee has", example = "chair,wall") @QueryParam("equipment") List<String> equipment,
            @Parameter(description = "Setting(s)", example = "at-desk") @QueryParam("setting") List<String> setting,
            @Parameter(description = "Kind(s)", example = "stretch") @QueryParam("kind") List<String> kind,
            @Parameter(description = "Longest estimated duration in seconds", example = "45") @QueryParam("maxDuration") String maxDuration,
            @Parameter(description = "Free text over name, summary and steps in the response language", example = "shoulder")
            @QueryParam("q") String q,
            @Parameter(description = "Include retired exercises", example = "false") @QueryParam("includeRetired") String includeRetired,
            @Parameter(description = "Page number from 0", example = "0") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1–100 (default 20)", example = "20") @QueryParam("size") String size,
            @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.ACCEPT_LANGUAGE, example = "de-DE,de;q=0.9")
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
            @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_NONE_MATCH) @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        ExerciseQuery query = ExerciseQueryParser.parse(region, position, equipment, setting, kind, maxDuration, q,
                includeRetired, page, size);
        String language = Languages.negotiate(acceptLanguage);
        return responses.respond(catalog.current().listBody(query, language), language, ifNoneMatch);
    }

    @GET
    @Path("/{id}")
    @NonBlocking
    @RolesAllowed({Roles.EMPLOYEE, Roles.TEAM_LEAD, Roles.HR, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "Read one exercise", description = "Retired exercises stay readable (\"retired\": true) for history.")
    @APIResponse(responseCode = "200", description = "The exercise in the negotiated language",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExerciseView.class),
                    examples = @ExampleObject(name = "exercise", value = ApiExamples.EXERCISE)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match")
    @APIResponse(responseCode = "404", description = "Unknown id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unknown", value = ApiExamples.NOT_FOUND)))
    public Response get(@Parameter(example = "standing-wall-twist") @PathParam("id") String id,
                        @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                        @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        String language = Languages.negotiate(acceptLanguage);
        CachedBody body = catalog.current().exerciseBody(id, language);
        if (body == null) {
            throw ProblemException.notFound("exercise", id);
        }
        return responses.respond(body, language, ifNoneMatch);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create an exercise (admin)", description = "Bumps the catalog version.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ExerciseInput.class), examples = @ExampleObject(name = "new", value = ApiExamples.INPUT)))
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExerciseView.class),
                    examples = @ExampleObject(name = "created", value = ApiExamples.EXERCISE)))
    @APIResponse(responseCode = "400", description = "Invalid fields, every one listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "invalid", value = ApiExamples.INPUT_BAD_REQUEST)))
    @APIResponse(responseCode = "403", description = "Not an admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "forbidden", value = ApiExamples.FORBIDDEN)))
    @APIResponse(responseCode = "409", description = "The id is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "duplicate", value = ApiExamples.CONFLICT)))
    public Response create(ExerciseInput input, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        List<Problem.FieldError> errors = checked(input);
        if (input != null && input.id() == null) {
            errors.add(new Problem.FieldError("id", "must not be null"));
        }
        RequestValidation.rejectIfAny(errors);
        admin.create(input.id(), input, identity.getPrincipal().getName());
        String language = Languages.negotiate(acceptLanguage);
        CachedBody body = catalog.refresh().exerciseBody(input.id(), language);
        return Response.created(URI.create("/api/catalog/exercises/" + input.id()))
                .entity(body.json()).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.ETAG, body.etag()).header(HttpHeaders.CONTENT_LANGUAGE, language).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace an exercise (admin)",
            description = "Send If-Match with the ETag you read to avoid overwriting someone else's change (412 then). Bumps the catalog version.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ExerciseInput.class), examples = @ExampleObject(name = "replacement", value = ApiExamples.INPUT)))
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExerciseView.class),
                    examples = @ExampleObject(name = "updated", value = ApiExamples.EXERCISE)))
    @APIResponse(responseCode = "400", description = "Invalid fields, every one listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "invalid", value = ApiExamples.INPUT_BAD_REQUEST)))
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "Unknown id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unknown", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "412", description = "If-Match names an older version")
    public Response update(@PathParam("id") String id, ExerciseInput input,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        List<Problem.FieldError> errors = checked(input);
        if (input != null && input.id() != null && !input.id().equals(id)) {
            errors.add(new Problem.FieldError("id", "must be omitted or equal the id in the path ('" + id + "')"));
        }
        RequestValidation.rejectIfAny(errors);
        admin.update(id, input, expectedVersion(ifMatch), identity.getPrincipal().getName());
        return current(id, acceptLanguage);
    }

    @POST
    @Path("/{id}/retire")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Retire an exercise (admin)",
            description = "It stays readable by id but is never planned again. Retiring a retired exercise changes nothing.")
    @APIResponse(responseCode = "200", description = "Retired",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExerciseView.class)))
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "Unknown id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unknown", value = ApiExamples.NOT_FOUND)))
    public Response retire(@PathParam("id") String id, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        admin.retire(id, identity.getPrincipal().getName());
        return current(id, acceptLanguage);
    }

    @POST
    @Path("/{id}/reinstate")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Reinstate a retired exercise (admin)",
            description = "Plans may choose it again. Reinstating an active exercise changes nothing.")
    @APIResponse(responseCode = "200", description = "Active again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExerciseView.class)))
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "Unknown id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unknown", value = ApiExamples.NOT_FOUND)))
    public Response reinstate(@PathParam("id") String id, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        admin.reinstate(id, identity.getPrincipal().getName());
        return current(id, acceptLanguage);
    }

    private Response current(String id, String acceptLanguage) {
        String language = Languages.negotiate(acceptLanguage);
        CatalogSnapshot snapshot = catalog.refresh();
        CachedBody body = snapshot.exerciseBody(id, language);
        return Response.ok(body.json(), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.ETAG, body.etag()).header(HttpHeaders.CONTENT_LANGUAGE, language).build();
    }

    private List<Problem.FieldError> checked(ExerciseInput input) {
        List<Problem.FieldError> errors = new ArrayList<>(validation.violations(input));
        if (input != null && input.source() != null && !catalog.current().hasSource(input.source())) {
            errors.add(new Problem.FieldError("source", "unknown source article '" + input.source() + "'"));
        }
        return errors;
    }

    /** The row version named by If-Match; a tag that is not one of ours cannot match (412). */
    private static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher matcher = VERSION_IN_TAG.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw new ProblemException(412, "Precondition Failed", "If-Match must be an ETag of this exercise");
        }
        return Long.parseLong(matcher.group(1));
    }
}
