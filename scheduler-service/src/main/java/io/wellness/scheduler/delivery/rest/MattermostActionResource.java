package io.wellness.scheduler.delivery.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wellness.common.problem.ProblemException;
import io.wellness.scheduler.delivery.channel.MattermostChannel;
import io.wellness.scheduler.delivery.repository.DeliveryKey;
import io.wellness.scheduler.delivery.repository.DeliveryLogRepository;
import io.wellness.scheduler.delivery.repository.DeliveryRecord;
import io.wellness.scheduler.delivery.security.ActionToken;
import io.wellness.scheduler.delivery.security.ActionTokens;
import io.wellness.scheduler.delivery.service.OutcomeService;
import io.wellness.scheduler.delivery.channel.BreakMessages;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Mattermost's interactive button callback (public: the integration context carries our signed token). Answers
 * with {@code update}, so Mattermost replaces the message with the choice and removes the buttons.
 */
@Path("/api/scheduler/chat/mattermost/actions")
public class MattermostActionResource {
    private final ActionTokens tokens;
    private final DeliveryLogRepository log;
    private final OutcomeService outcomes;
    private final ObjectMapper json;

    public MattermostActionResource(ActionTokens tokens, DeliveryLogRepository log, OutcomeService outcomes, ObjectMapper json) {
        this.tokens = tokens;
        this.log = log;
        this.outcomes = outcomes;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mattermost interactive button callback (signed token in the integration context)")
    public ObjectNode act(JsonNode request) throws SQLException {
        if (request == null) {
            throw ProblemException.badRequest("a Mattermost action request is required", List.of());
        }
        ActionToken token = tokens.verify(request.path("context").path("token").asText(null), Instant.now())
                .orElseThrow(() -> CallbackProblems.unauthorized("the action token is invalid or expired"));
        DeliveryRecord delivery = log.find(new DeliveryKey(token.breakId(), token.snoozeCount()))
                .filter(record -> record.employeeId().equals(token.employeeId()) && "mattermost".equals(record.channelType()))
                .orElseThrow(() -> ProblemException.notFound("break", token.breakId()));
        String userName = request.path("user_name").asText("");
        String address = delivery.channelAddress().startsWith("@") ? delivery.channelAddress().substring(1) : delivery.channelAddress();
        if (!userName.isEmpty() && !userName.equals(address)) {
            throw ProblemException.forbidden("this break belongs to another user");
        }
        OutcomeService.Recorded recorded = outcomes.record(delivery, token.outcome(), "mattermost");
        ObjectNode answer = json.createObjectNode();
        ObjectNode update = answer.putObject("update");
        update.put("message", BreakMessages.title(recorded.event()));
        update.putObject("props").putArray("attachments").addObject()
                .put("fallback", BreakMessages.chosenText(recorded.outcome()))
                .put("text", MattermostChannel.exercisesText(recorded.event()) + "\n\n**" + BreakMessages.chosenText(recorded.outcome()) + "**");
        if (!recorded.firstRecorded()) {
            answer.put("ephemeral_text", "Already recorded: " + recorded.outcome().wireName() + ".");
        }
        return answer;
    }
}
