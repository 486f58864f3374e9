package io.wellness.scheduler.delivery.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.scheduler.delivery.config.DeliveryConfig;
import io.wellness.scheduler.delivery.config.Secret;
import io.wellness.scheduler.delivery.service.DeliveryPhases;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/** Slack: a direct message from the bot ({@code chat.postMessage} to the user id) with Block Kit buttons. */
@ApplicationScoped
public class SlackChannel implements ChatChannel {
    /** Slack error names after which the same request may succeed later. */
    private static final Set<String> TRANSIENT_ERRORS = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");

    private final DeliveryConfig.Slack config;
    private final ChatHttp http;
    private final ObjectMapper json;
    private final DeliveryPhases phases;

    public SlackChannel(DeliveryConfig config, ChatHttp http, ObjectMapper json, DeliveryPhases phases) {
        this.phases = phases;
        this.config = config.slack();
        this.http = http;
        this.json = json;
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    public String workspace(BreakDueEvent event) {
        return "slack:" + config.workspace();
    }

    @Override
    public RateLimits workspaceLimits(BreakDueEvent event) {
        return new RateLimits(config.workspacePerSecond(), config.workspaceBurst());
    }

    @Override
    public Optional<RateLimits> recipientLimits() {
        return Optional.of(new RateLimits(config.perRecipientPerSecond(), config.perRecipientBurst()));
    }

    @Override
    public String deliver(BreakDueEvent event) throws DeliveryFailure {
        Secret token = config.botToken().orElseThrow(() -> DeliveryFailure.permanent("slack: no bot token configured"));
        String body;
        long rendering = System.nanoTime();
        try {
            body = json.writeValueAsString(SlackMessages.postMessage(json, event));
            phases.since(DeliveryPhases.Phase.RENDER, rendering);
        } catch (JsonProcessingException e) {
            throw DeliveryFailure.permanent("slack: message not serializable");
        }
        ChatRequest request = http.request(URI.create(config.apiUrl() + "/chat.postMessage"))
                .pool(workspace(event))
                .header("Authorization", "Bearer " + token.value())
                .header("Content-Type", "application/json; charset=utf-8")
                .post(body);
        ChatResponse response = http.send(request, "slack chat.postMessage");
        ChatHttp.requireSuccess(response, "slack chat.postMessage");
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw DeliveryFailure.retryable("slack chat.postMessage: unreadable answer");
        }
        if (!answer.path("ok").asBoolean(false)) {
            String error = answer.path("error").asText("unknown_error");
            if ("ratelimited".equals(error)) {
                throw DeliveryFailure.rateLimited("slack chat.postMessage: ratelimited", ChatHttp.retryAfter(response));
            }
            String reason = "slack chat.postMessage: " + error;
            throw TRANSIENT_ERRORS.contains(error) ? DeliveryFailure.retryable(reason) : DeliveryFailure.permanent(reason);
        }
        return answer.path("channel").asText() + "/" + answer.path("ts").asText();
    }
}
