package io.wellness.tracking.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.wellness.common.events.BreakOutcome;
import io.wellness.common.events.BreakOutcomeEvent;
import io.wellness.common.security.Caller;
import io.wellness.tracking.service.OutcomePublisher;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.UUID;

/** An employee records the outcome of their own break (the web alternative to the chat buttons). */
@Path("/api/tracking/breaks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class BreakOutcomeResource {
    private static final int MAX_CORRELATION_ID = 128;

    public record OutcomeRequest(String outcome) {
    }

    public record OutcomeAccepted(UUID eventId, UUID breakId, String outcome) {
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    OutcomePublisher publisher;

    @POST
    @Path("/{breakId}/outcome")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark one of your own breaks completed or skipped",
            description = "Publishes the outcome event (deterministic eventId: a repeated click is the same event) to "
                    + "microbreaks.outcomes. 404 for an unknown break, 403 for someone else's break.")
    public Response recordOutcome(@PathParam("breakId") String breakId, OutcomeRequest request,
                                  @HeaderParam("X-Request-Id") String requestId) {
        FieldErrors errors = new FieldErrors();
        UUID id = null;
        try {
            id = UUID.fromString(breakId);
        } catch (IllegalArgumentException e) {
            errors.add("breakId", "must be a UUID");
        }
        BreakOutcome outcome = null;
        if (request == null || request.outcome() == null) {
            errors.add("outcome", "is required: completed or skipped");
        } else if ("completed".equals(request.outcome())) {
            outcome = BreakOutcome.COMPLETED;
        } else if ("skipped".equals(request.outcome())) {
            outcome = BreakOutcome.SKIPPED;
        } else {
            errors.add("outcome", "must be completed or skipped");
        }
        errors.throwIfAny();
        String correlationId = requestId == null || requestId.length() > MAX_CORRELATION_ID ? null : requestId;
        BreakOutcomeEvent event = publisher.publish(Caller.of(identity).id(), id, outcome, correlationId);
        return Response.accepted(new OutcomeAccepted(event.eventId(), event.breakId(), event.outcome().wireName())).build();
    }
}
