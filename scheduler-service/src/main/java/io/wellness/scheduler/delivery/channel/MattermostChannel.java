package io.wellness.scheduler.delivery.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.BreakOutcome;
import io.wellness.scheduler.delivery.config.DeliveryConfig;
import io.wellness.scheduler.delivery.config.Secret;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Instant;

/**
 * Mattermost: an incoming webhook post to {@code @username} with a message attachment whose buttons call our
 * action endpoint; each button's integration context carries a signed token (break, outcome, employee, expiry).
 */
@ApplicationScoped
public class MattermostChannel implements ChatChannel {
    private final DeliveryConfig.Mattermost config;
    private final ChatHttp http;
    private final ActionLinks links;
    private final ObjectMapper json;

    public MattermostChannel(DeliveryConfig config, ChatHttp http, ActionLinks links, ObjectMapper json) {
        this.config = config.mattermost();
        this.http = http;
        this.links = links;
        this.json = json;
    }

    @Override
    public String type() {
        return "mattermost";
    }

    @Override
    public String workspace(BreakDueEvent event) {
        return "mattermost";
    }

    @Override
    public RateLimits workspaceLimits(BreakDueEvent event) {
        return new RateLimits(config.workspacePerSecond(), config.workspaceBurst());
    }

    public static String actionId(BreakOutcome outcome) {
        return switch (outcome) {
            case COMPLETED -> "done";
            case SNOOZED -> "snooze";
            case SKIPPED -> "skip";
        };
    }

    @Override
    public String deliver(BreakDueEvent event) throws DeliveryFailure {
        Secret webhook = config.webhookUrl().orElseThrow(() -> DeliveryFailure.permanent("mattermost: no webhook configured"));
        String address = event.channel().address();
        ObjectNode body = json.createObjectNode();
        body.put("channel", address.startsWith("@") ? address : "@" + address);
        body.put("text", BreakMessages.title(event));
        ObjectNode attachment = body.putArray("attachments").addObject();
        attachment.put("fallback", BreakMessages.fallbackText(event));
        attachment.put("text", exercisesText(event));
        ArrayNode actions = attachment.putArray("actions");
        Instant expiresAt = links.expiry();
        for (BreakOutcome outcome : BreakOutcome.values()) {
            ObjectNode action = actions.addObject();
            action.put("id", actionId(outcome));
            action.put("name", BreakMessages.buttonLabel(outcome));
            action.put("type", "button");
            if (outcome == BreakOutcome.COMPLETED) {
                action.put("style", "primary");
            }
            ObjectNode integration = action.putObject("integration");
            integration.put("url", links.mattermostActionUrl());
            integration.putObject("context")
                    .put("breakId", event.breakId().toString())
                    .put("snoozeCount", event.snoozeCount())
                    .put("outcome", outcome.wireName())
                    .put("token", links.token(event, outcome, expiresAt));
        }
        ChatRequest request;
        try {
            request = http.request(URI.create(webhook.value())).pool(workspace(event))
                    .header("Content-Type", "application/json")
                    .post(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw DeliveryFailure.permanent("mattermost: message not serializable");
        }
        ChatHttp.requireSuccess(http.send(request, "mattermost webhook"), "mattermost webhook");
        return "mattermost/" + address;
    }

    public static String exercisesText(BreakDueEvent event) {
        StringBuilder text = new StringBuilder();
        for (BreakDueEvent.PlannedExercise exercise : BreakMessages.exercises(event)) {
            text.append(text.isEmpty() ? "" : "\n\n").append(BreakMessages.exerciseText(exercise).replace("*", "**"));
        }
        return text.toString();
    }
}
