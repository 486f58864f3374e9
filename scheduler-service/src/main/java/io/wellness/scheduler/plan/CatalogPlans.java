package io.wellness.scheduler.plan;

import io.quarkus.logging.Log;
import io.wellness.common.events.BreakDueEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.List;
import java.util.Optional;

/**
 * Plans from the catalog, guarded: bounded time, a few retries, a circuit breaker so a dead catalog costs nothing,
 * and an empty answer (the caller then uses the built-in plan) instead of an error. 422 (nothing fits) is an answer,
 * not a failure.
 */
@ApplicationScoped
public class CatalogPlans {

    @Inject
    @RestClient
    CatalogPlansApi api;

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.5, delay = 15_000, successThreshold = 2)
    @Fallback(fallbackMethod = "catalogUnavailable")
    public Optional<BreakDueEvent.Plan> plan(CatalogPlansApi.PlanRequest request) {
        try {
            return Optional.of(toPlan(api.plan(request)));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 422) {
                Log.infof("catalog has no plan for %s", request);
                return Optional.empty();
            }
            throw e;
        }
    }

    Optional<BreakDueEvent.Plan> catalogUnavailable(CatalogPlansApi.PlanRequest request, Throwable cause) {
        Log.warnf("catalog unavailable (%s); using the built-in plan", cause.toString());
        return Optional.empty();
    }

    static BreakDueEvent.Plan toPlan(CatalogPlansApi.PlanResponse response) {
        List<BreakDueEvent.PlannedExercise> exercises = response.exercises().stream()
                .map(e -> new BreakDueEvent.PlannedExercise(e.id(), e.name(), e.durationSeconds(), e.summary(),
                        e.steps() == null ? List.of() : e.steps(), e.dose(),
                        e.cautions() == null ? List.of() : e.cautions()))
                .toList();
        return new BreakDueEvent.Plan(response.seed(), response.catalogVersion(), response.totalDurationSeconds(), exercises);
    }
}
