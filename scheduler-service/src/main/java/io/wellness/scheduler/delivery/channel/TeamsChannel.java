package io.wellness.scheduler.delivery.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.scheduler.delivery.config.DeliveryConfig;
import io.wellness.scheduler.delivery.config.Secret;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Microsoft Teams through the Bot Framework connector: an OAuth client-credentials token from the login endpoint
 * (cached until shortly before it expires), then {@code POST {serviceUrl}/v3/conversations/{id}/activities} with
 * an Adaptive Card. The break's channel address is the conversation id of the bot's chat with the employee.
 */
@ApplicationScoped
public class TeamsChannel implements ChatChannel {
    private static final Duration TOKEN_RENEWAL_MARGIN = Duration.ofMinutes(5);

    private final DeliveryConfig.Teams config;
    private final ChatHttp http;
    private final ObjectMapper json;
    private volatile ConnectorToken token;

    private record ConnectorToken(String value, Instant renewAt) {
        @Override
        public String toString() {
            return "ConnectorToken[****]";
        }
    }

    public TeamsChannel(DeliveryConfig config, ChatHttp http, ObjectMapper json) {
        this.config = config.teams();
        this.http = http;
        this.json = json;
    }

    @Override
    public String type() {
        return "teams";
    }

    @Override
    public String workspace(BreakDueEvent event) {
        return "teams:" + config.serviceUrl();
    }

    @Override
    public RateLimits workspaceLimits(BreakDueEvent event) {
        return new RateLimits(config.workspacePerSecond(), config.workspaceBurst());
    }

    @Override
    public String deliver(BreakDueEvent event) throws DeliveryFailure {
        String accessToken = accessToken();
        String serviceUrl = config.serviceUrl().endsWith("/") ? config.serviceUrl() : config.serviceUrl() + "/";
        URI uri = URI.create(serviceUrl + "v3/conversations/"
                + URLEncoder.encode(event.channel().address(), StandardCharsets.UTF_8) + "/activities");
        ChatRequest request;
        try {
            request = http.request(uri).pool(workspace(event))
                    .header("Authorization", "Bearer " + accessToken)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .post(json.writeValueAsString(TeamsCards.activity(json, event)));
        } catch (JsonProcessingException e) {
            throw DeliveryFailure.permanent("teams: card not serializable");
        }
        ChatResponse response = http.send(request, "teams connector");
        if (response.statusCode() == 401) {
            token = null;
            throw DeliveryFailure.retryable("teams connector: HTTP 401 (token renewed for the next attempt)");
        }
        ChatHttp.requireSuccess(response, "teams connector");
        try {
            return json.readTree(response.body()).path("id").asText("");
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    private String accessToken() throws DeliveryFailure {
        ConnectorToken current = token;
        if (current != null && Instant.now().isBefore(current.renewAt())) {
            return current.value();
        }
        synchronized (this) {
            current = token;
            if (current != null && Instant.now().isBefore(current.renewAt())) {
                return current.value();
            }
            String appId = config.appId().orElseThrow(() -> DeliveryFailure.permanent("teams: no app id configured"));
            Secret password = config.appPassword().orElseThrow(() -> DeliveryFailure.permanent("teams: no app password configured"));
            String form = "grant_type=client_credentials"
                    + "&client_id=" + URLEncoder.encode(appId, StandardCharsets.UTF_8)
                    + "&client_secret=" + URLEncoder.encode(password.value(), StandardCharsets.UTF_8)
                    + "&scope=" + URLEncoder.encode(config.scope(), StandardCharsets.UTF_8);
            ChatRequest request = http.request(URI.create(config.loginUrl()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .post(form);
            ChatResponse response = http.send(request, "teams login");
            ChatHttp.requireSuccess(response, "teams login");
            try {
                JsonNode answer = json.readTree(response.body());
                String value = answer.path("access_token").asText(null);
                if (value == null) {
                    throw DeliveryFailure.retryable("teams login: no access_token in the answer");
                }
                Duration lifetime = Duration.ofSeconds(answer.path("expires_in").asLong(3600));
                Duration usable = lifetime.compareTo(TOKEN_RENEWAL_MARGIN.multipliedBy(2)) > 0
                        ? lifetime.minus(TOKEN_RENEWAL_MARGIN) : lifetime.dividedBy(2);
                token = new ConnectorToken(value, Instant.now().plus(usable));
                return value;
            } catch (JsonProcessingException e) {
                throw DeliveryFailure.retryable("teams login: unreadable answer");
            }
        }
    }
}
