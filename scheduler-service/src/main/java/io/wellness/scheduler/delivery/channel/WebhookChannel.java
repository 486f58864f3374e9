package io.wellness.scheduler.delivery.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.BreakOutcome;
import io.wellness.scheduler.delivery.config.DeliveryConfig;
import io.wellness.scheduler.delivery.security.Hmac;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * A signed JSON POST to a named endpoint, for any other chat or automation tool: {@code X-Wellness-Timestamp}
 * (epoch seconds) and {@code X-Wellness-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))}.
 * The body carries signed one-click links (completed / snoozed / skipped) that work in any client, e-mail included.
 */
@ApplicationScoped
public class WebhookChannel implements ChatChannel {
    public static final String TIMESTAMP_HEADER = "X-Wellness-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Wellness-Signature";
    public static final String DELIVERY_HEADER = "X-Wellness-Delivery";

    private final DeliveryConfig.Webhook config;
    private final ChatHttp http;
    private final ActionLinks links;
    private final ObjectMapper json;

    public WebhookChannel(DeliveryConfig config, ChatHttp http, ActionLinks links, ObjectMapper json) {
        this.config = config.webhook();
        this.http = http;
        this.links = links;
        this.json = json;
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public String workspace(BreakDueEvent event) {
        return "webhook:" + event.channel().address();
    }

    @Override
    public RateLimits workspaceLimits(BreakDueEvent event) {
        DeliveryConfig.Webhook.Endpoint endpoint = config.endpoints().get(event.channel().address());
        return endpoint == null ? new RateLimits(1, 1) : new RateLimits(endpoint.perSecond(), endpoint.burst());
    }

    public static String signature(String secret, String timestamp, String body) {
        return "sha256=" + Hmac.sha256Hex(secret, (timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String deliver(BreakDueEvent event) throws DeliveryFailure {
        DeliveryConfig.Webhook.Endpoint endpoint = config.endpoints().get(event.channel().address());
        if (endpoint == null) {
            throw DeliveryFailure.permanent("webhook: no endpoint named '" + event.channel().address() + "'");
        }
        Instant expiresAt = links.expiry();
        ObjectNode body = json.createObjectNode();
        body.put("type", "io.wellness.microbreak.due");
        body.put("breakId", event.breakId().toString());
        body.put("snoozeCount", event.snoozeCount());
        body.put("employeeId", event.employeeId());
        body.put("dueAt", event.dueAt() == null ? null : event.dueAt().toString());
        body.put("timeZone", event.timeZone());
        body.put("title", BreakMessages.title(event));
        body.put("text", BreakMessages.fallbackText(event));
        body.set("exercises", json.valueToTree(BreakMessages.exercises(event)));
        ObjectNode actions = body.putObject("actions");
        for (Map.Entry<BreakOutcome, String> link : links.links(event, expiresAt).entrySet()) {
            actions.put(link.getKey().wireName(), link.getValue());
        }
        body.put("actionsExpireAt", expiresAt.toString());
        String payload;
        try {
            payload = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw DeliveryFailure.permanent("webhook: body not serializable");
        }
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        ChatRequest request = http.request(URI.create(endpoint.url().value())).pool(workspace(event))
                .header("Content-Type", "application/json")
                .header(TIMESTAMP_HEADER, timestamp)
                .header(SIGNATURE_HEADER, signature(endpoint.secret().value(), timestamp, payload))
                .header(DELIVERY_HEADER, event.breakId() + ":" + event.snoozeCount())
                .post(payload);
        ChatHttp.requireSuccess(http.send(request, "webhook " + event.channel().address()), "webhook " + event.channel().address());
        return "webhook/" + event.channel().address();
    }
}
