package io.wellness.scheduler.delivery.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.wellness.common.events.BreakOutcome;
import io.wellness.common.problem.ProblemException;
import io.wellness.scheduler.delivery.channel.ChatHttp;
import io.wellness.scheduler.delivery.channel.ChatRequest;
import io.wellness.scheduler.delivery.channel.SlackMessages;
import io.wellness.scheduler.delivery.config.DeliveryConfig;
import io.wellness.scheduler.delivery.config.Secret;
import io.wellness.scheduler.delivery.repository.CallbackReplayRepository;
import io.wellness.scheduler.delivery.repository.DeliveryKey;
import io.wellness.scheduler.delivery.repository.DeliveryLogRepository;
import io.wellness.scheduler.delivery.repository.DeliveryRecord;
import io.wellness.scheduler.delivery.security.SlackSignatures;
import io.wellness.scheduler.delivery.service.OutcomeService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Slack's interactivity endpoint (public: the signing secret's HMAC authenticates every request). It answers 200
 * at once, as Slack requires within 3 seconds, and records the choice and updates the message afterwards.
 */
@Path("/api/scheduler/chat/slack/interactions")
public class SlackInteractionResource {
    private final DeliveryConfig.Slack config;
    private final CallbackReplayRepository replays;
    private final DeliveryLogRepository log;
    private final OutcomeService outcomes;
    private final ChatHttp http;
    private final ObjectMapper json;

    public SlackInteractionResource(DeliveryConfig config, CallbackReplayRepository replays, DeliveryLogRepository log,
                                    OutcomeService outcomes, ChatHttp http, ObjectMapper json) {
        this.config = config.slack();
        this.replays = replays;
        this.log = log;
        this.outcomes = outcomes;
        this.http = http;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Slack interactivity callback (signed by Slack; Done / Snooze / Skip buttons)")
    public Response interact(@HeaderParam("X-Slack-Request-Timestamp") String timestamp,
                             @HeaderParam("X-Slack-Signature") String signature, byte[] body) throws SQLException {
        Secret secret = config.signingSecret().orElseThrow(() -> new ProblemException(503, "Service Unavailable",
                "Slack is not configured"));
        Instant now = Instant.now();
        switch (SlackSignatures.verify(secret.value(), timestamp, signature, body, now, config.maxRequestAge())) {
            case MISSING -> throw CallbackProblems.unauthorized("X-Slack-Request-Timestamp and X-Slack-Signature are required");
            case STALE -> throw CallbackProblems.unauthorized("the request timestamp is outside the accepted window");
            case BAD_SIGNATURE -> throw CallbackProblems.unauthorized("the signature does not match");
            case VALID -> {
            }
        }
        if (!replays.firstSeen(signature, now)) {
            throw CallbackProblems.unauthorized("this request was already received (replay)");
        }
        Click click = parse(body).orElseThrow(() -> ProblemException.badRequest("not a break button action", java.util.List.of()));
        Thread.ofVirtual().name("slack-interaction").start(() -> handle(click));
        return Response.ok().build();
    }

    private record Click(UUID breakId, int snoozeCount, BreakOutcome outcome, String userId, String responseUrl) {
    }

    private Optional<Click> parse(byte[] body) {
        try {
            String payload = null;
            for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
                if (pair.startsWith("payload=")) {
                    payload = URLDecoder.decode(pair.substring("payload=".length()), StandardCharsets.UTF_8);
                }
            }
            if (payload == null) {
                return Optional.empty();
            }
            JsonNode root = json.readTree(payload);
            JsonNode action = root.path("actions").path(0);
            String actionId = action.path("action_id").asText("");
            String[] value = action.path("value").asText("").split(":");
            if (!"block_actions".equals(root.path("type").asText()) || !actionId.startsWith(SlackMessages.ACTION_PREFIX)
                    || value.length != 2) {
                return Optional.empty();
            }
            return Optional.of(new Click(UUID.fromString(value[0]), Integer.parseInt(value[1]),
                    BreakOutcome.fromWire(actionId.substring(SlackMessages.ACTION_PREFIX.length())),
                    root.path("user").path("id").asText(""), root.path("response_url").asText("")));
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private void handle(Click click) {
        try {
            Optional<DeliveryRecord> delivery = log.find(new DeliveryKey(click.breakId(), click.snoozeCount()));
            if (delivery.isEmpty() || !"slack".equals(delivery.get().channelType())
                    || !delivery.get().channelAddress().equals(click.userId())) {
                Log.warnf("slack click on break %s by %s refused: not a break delivered to that user", click.breakId(), click.userId());
                return;
            }
            OutcomeService.Recorded recorded = outcomes.record(delivery.get(), click.outcome(), "slack");
            updateMessage(click.responseUrl(), recorded);
        } catch (Exception e) {
            Log.errorf("slack click on break %s not recorded: %s", click.breakId(), e.toString());
        }
    }

    private void updateMessage(String responseUrl, OutcomeService.Recorded recorded) throws Exception {
        if (!responseUrl.startsWith(config.responseUrlPrefix())) {
            Log.warnf("slack response_url outside %s ignored", config.responseUrlPrefix());
            return;
        }
        ChatRequest request = http.request(URI.create(responseUrl))
                .header("Content-Type", "application/json; charset=utf-8")
                .post(json.writeValueAsString(
                        SlackMessages.chosen(json, recorded.event(), recorded.outcome())));
        ChatHttp.requireSuccess(http.send(request, "slack response_url"), "slack response_url");
    }
}
