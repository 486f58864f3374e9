package io.wellness.scheduler.plan;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;

/** The catalog's plan endpoint, called with the wellness-services service-account token. */
@RegisterRestClient(configKey = "catalog")
@OidcClientFilter("wellness-services")
@Path("/api/catalog/plans")
public interface CatalogPlansApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    PlanResponse plan(PlanRequest request);

    record PlanRequest(String position, List<String> equipment, int minSeconds, int maxSeconds,
                       List<String> focusRegions, List<String> avoid, List<String> recent, long seed) {
    }

    record PlanResponse(long seed, String catalogVersion, int totalDurationSeconds, List<Exercise> exercises) {
    }

    record Exercise(String id, String name, String summary, int durationSeconds, List<String> regions,
                    List<String> steps, String dose, List<String> cautions) {
    }
}
