package io.wellness.catalog.rest;

import io.wellness.catalog.service.NoFittingPlanException;
import io.wellness.common.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** 422 problem+json with the reasons no plan fits (an RFC 9457 extension member). */
public class NoFittingPlanMapper {
    public static final String TYPE = "/problems/no-fitting-plan";

    public record NoPlanProblem(String type, String title, int status, String detail, String instance, List<String> reasons) {
    }

    @ServerExceptionMapper
    public Response noFittingPlan(NoFittingPlanException e, UriInfo uri) {
        return Response.status(422).type(Problem.MEDIA_TYPE)
                .entity(new NoPlanProblem(TYPE, "No plan fits", 422, e.getMessage(), uri.getPath(), e.reasons()))
                .build();
    }
}
