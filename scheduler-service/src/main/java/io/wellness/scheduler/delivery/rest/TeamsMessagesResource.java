package io.wellness.scheduler.delivery.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.wellness.common.events.BreakOutcome;
import io.wellness.common.problem.ProblemException;
import io.wellness.scheduler.delivery.channel.TeamsCards;
import io.wellness.scheduler.delivery.repository.DeliveryKey;
import io.wellness.scheduler.delivery.repository.DeliveryLogRepository;
import io.wellness.scheduler.delivery.repository.DeliveryRecord;
import io.wellness.scheduler.delivery.security.BotFrameworkTokens;
import io.wellness.scheduler.delivery.service.OutcomeService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The bot's messaging endpoint (public: every activity carries a Bot Framework JWT that is verified here).
 * An {@code adaptiveCard/action} invoke records the choice and answers with the updated card.
 */
@Path("/api/scheduler/chat/teams/messages")
public class TeamsMessagesResource {
    private static final String INVOKE_NAME = "adaptiveCard/action";

    private final BotFrameworkTokens tokens;
    private final DeliveryLogRepository log;
    private final OutcomeService outcomes;
    private final ObjectMapper json;

    public TeamsMessagesResource(BotFrameworkTokens tokens, DeliveryLogRepository log, OutcomeService outcomes, ObjectMapper json) {
        this.tokens = tokens;
        this.log = log;
        this.outcomes = outcomes;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Bot Framework activities (Adaptive Card Action.Execute invokes), JWT-authenticated")
    public Response activity(@HeaderParam("Authorization") String authorization, JsonNode activity) throws SQLException {
        JsonNode claims = tokens.verify(authorization, Instant.now())
                .orElseThrow(() -> CallbackProblems.unauthorized("a valid Bot Framework token is required"));
        if (activity == null) {
            throw ProblemException.badRequest("an activity is required", List.of());
        }
        if (claims.hasNonNull("serviceurl") && !claims.path("serviceurl").asText().equals(activity.path("serviceUrl").asText())) {
            throw CallbackProblems.unauthorized("the token was issued for another service URL");
        }
        if (!"invoke".equals(activity.path("type").asText()) || !INVOKE_NAME.equals(activity.path("name").asText())) {
            // other activities (conversation updates, typed messages) need no answer from a notification bot
            return Response.ok().build();
        }
        JsonNode action = activity.path("value").path("action");
        BreakOutcome outcome;
        UUID breakId;
        try {
            outcome = TeamsCards.outcomeOfVerb(action.path("verb").asText());
            breakId = UUID.fromString(action.path("data").path("breakId").asText());
        } catch (IllegalArgumentException e) {
            return invokeError(400, "BadRequest", "not a break action");
        }
        int snoozeCount = action.path("data").path("snoozeCount").asInt(0);
        DeliveryRecord delivery = log.find(new DeliveryKey(breakId, snoozeCount)).orElse(null);
        if (delivery == null || !"teams".equals(delivery.channelType())
                || !delivery.channelAddress().equals(activity.path("conversation").path("id").asText())) {
            Log.warnf("teams action on break %s refused: not a break delivered to that conversation", breakId);
            return invokeError(404, "NotFound", "this break was not sent to this conversation");
        }
        OutcomeService.Recorded recorded = outcomes.record(delivery, outcome, "teams");
        ObjectNode response = json.createObjectNode();
        response.put("statusCode", 200);
        response.put("type", TeamsCards.CONTENT_TYPE);
        response.set("value", TeamsCards.chosenCard(json, recorded.event(), recorded.outcome()));
        return Response.ok(response).build();
    }

    /** Universal Actions error answer: HTTP 200 with an error body, as the Teams client expects. */
    private Response invokeError(int status, String code, String message) {
        ObjectNode response = json.createObjectNode();
        response.put("statusCode", status);
        response.put("type", "application/vnd.microsoft.error");
        response.putObject("value").put("code", code).put("message", message);
        return Response.ok(response).build();
    }
}
