package io.wellness.catalog.rest;

import io.smallrye.common.annotation.NonBlocking;
import io.wellness.catalog.domain.Exercise;
import io.wellness.catalog.domain.LocalisedText;
import io.wellness.catalog.rest.api.PlanRequest;
import io.wellness.catalog.rest.api.PlanResponse;
import io.wellness.catalog.service.CatalogReadModel;
import io.wellness.catalog.service.CatalogSnapshot;
import io.wellness.catalog.service.DoseText;
import io.wellness.catalog.service.Planner;
import io.wellness.common.problem.Problem;
import io.wellness.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Microbreak plans, called by the scheduler (role service) and by employees' clients. */
@Path("/api/catalog/plans")
@Tag(name = "Plans")
public class PlanResource {

    @Inject
    CatalogReadModel catalog;
    @Inject
    RequestValidation validation;

    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.EMPLOYEE, Roles.TEAM_LEAD, Roles.HR, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "Plan one microbreak",
            description = "1–3 exercises whose durations add up to a total within [minSeconds, maxSeconds]: never retired, "
                    + "never in `avoid`, matching the position (when given) and needing only the listed equipment, no exercise twice. "
                    + "Prefers exercises not in `recent` (recent ones only when nothing else fits), then covering `focusRegions`, "
                    + "then different main regions. The same seed on the same catalog version always gives the same plan. "
                    + "Texts in the Accept-Language (en, de; otherwise en).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PlanRequest.class), examples = @ExampleObject(name = "seated", value = ApiExamples.PLAN_REQUEST)))
    @APIResponse(responseCode = "200", description = "The plan",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanResponse.class),
                    examples = @ExampleObject(name = "plan", value = ApiExamples.PLAN)))
    @APIResponse(responseCode = "400", description = "Invalid request, every field listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "invalid", value = ApiExamples.PLAN_BAD_REQUEST)))
    @APIResponse(responseCode = "422", description = "Nothing fits; `reasons` says why",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "nothing fits", value = ApiExamples.NO_PLAN)))
    public Response plan(PlanRequest request, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        RequestValidation.rejectIfAny(validation.violations(request));
        String language = Languages.negotiate(acceptLanguage);
        CatalogSnapshot snapshot = catalog.current();
        Planner.Plan plan = Planner.plan(snapshot, request);
        List<PlanResponse.PlannedExercise> exercises = plan.exercises().stream().map(e -> planned(e, language)).toList();
        return Response.ok(new PlanResponse(plan.seed(), snapshot.version(), plan.totalDurationSeconds(), exercises))
                .header(HttpHeaders.CONTENT_LANGUAGE, language)
                .header(HttpHeaders.VARY, "Accept-Language")
                .build();
    }

    private static PlanResponse.PlannedExercise planned(Exercise exercise, String language) {
        LocalisedText text = exercise.text(language);
        return new PlanResponse.PlannedExercise(exercise.id(), text.name(), text.summary(), exercise.durationSeconds(),
                exercise.regions(), text.steps(), DoseText.of(exercise.dose(), exercise.durationSeconds(), language),
                text.cautions());
    }
}
