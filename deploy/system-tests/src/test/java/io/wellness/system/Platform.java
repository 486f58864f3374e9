package io.wellness.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platform as its users reach it: real Keycloak tokens, every API call through the gateway, Keycloak's admin
 * REST API for the roster, and Slack's signed interactivity callbacks.
 */
final class Platform {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An HTTP answer: status and body. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        Answer expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + body);
            }
            return this;
        }
    }

    private final SystemStack stack;
    private final Map<String, Instant> tokenExpiry = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    Platform(SystemStack stack) {
        this.stack = stack;
    }

    /** A demo user's access token (password grant of the CLI client), reused while it is fresh. */
    String token(String username) {
        Instant expiry = tokenExpiry.get(username);
        if (expiry == null || Instant.now().isAfter(expiry)) {
            tokens.put(username, stack.keycloak().passwordGrantToken(SystemStack.REALM, "wellness-cli", username,
                    "dev-only-" + username));
            tokenExpiry.put(username, Instant.now().plusSeconds(60));
        }
        return tokens.get(username);
    }

    Answer get(String user, String path) {
        return send(HttpRequest.newBuilder(URI.create(stack.gateway() + path)).GET(), user);
    }

    Answer put(String user, String path, JsonNode body) {
        return send(HttpRequest.newBuilder(URI.create(stack.gateway() + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())), user);
    }

    Answer post(String user, String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(stack.gateway() + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)), user);
    }

    private Answer send(HttpRequest.Builder request, String user) {
        request.header("Accept", "application/json").timeout(Duration.ofSeconds(30));
        if (user != null) {
            request.header("Authorization", "Bearer " + token(user));
        }
        return call(request.build());
    }

    static Answer call(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- Keycloak admin REST API (master realm admin) ------------------------------------------------------------

    private Answer keycloakAdmin(String method, String path, JsonNode body) {
        String token = stack.keycloak().passwordGrantToken("master", "admin-cli", stack.keycloak().adminUsername(),
                stack.keycloak().adminPassword());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.keycloak().url() + "/admin/realms/"
                        + SystemStack.REALM + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return call(request.build());
    }

    /** Creates an enabled user with a password, time zone and chat id, in {@code /teams/<team>}; returns its id. */
    String createEmployee(String username, String team, String timeZone, String chatId) {
        ObjectNode user = JSON.createObjectNode();
        user.put("username", username);
        user.put("enabled", true);
        user.put("email", username + "@example.test");
        user.put("emailVerified", true);
        user.put("firstName", username);
        user.put("lastName", "Newcomer");
        ObjectNode attributes = user.putObject("attributes");
        attributes.putArray("timezone").add(timeZone);
        attributes.putArray("chatId").add(chatId);
        ObjectNode credential = ((ArrayNode) user.putArray("credentials")).addObject();
        credential.put("type", "password");
        credential.put("value", "dev-only-" + username);
        credential.put("temporary", false);
        keycloakAdmin("POST", "/users", user).expect(201);
        JsonNode found = keycloakAdmin("GET", "/users?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8), null)
                .expect(200).json();
        String id = found.get(0).path("id").asText();
        String group = keycloakAdmin("GET", "/group-by-path/teams/" + team, null).expect(200).json().path("id").asText();
        keycloakAdmin("PUT", "/users/" + id + "/groups/" + group, null).expect(204);
        // realm default roles do not include "employee": grant it as the realm file does for every demo user
        JsonNode role = keycloakAdmin("GET", "/roles/employee", null).expect(200).json();
        keycloakAdmin("POST", "/users/" + id + "/role-mappings/realm", JSON.createArrayNode().add(role)).expect(204);
        return id;
    }

    /** Ids of the members of {@code /teams/<team>}. */
    List<String> teamMembers(String team) {
        String group = keycloakAdmin("GET", "/group-by-path/teams/" + team, null).expect(200).json().path("id").asText();
        java.util.ArrayList<String> ids = new java.util.ArrayList<>();
        keycloakAdmin("GET", "/groups/" + group + "/members?first=0&max=1000", null).expect(200).json()
                .forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }

    /** Every user of the realm (id, username, attributes), service accounts excluded. */
    List<JsonNode> realmUsers() {
        JsonNode users = keycloakAdmin("GET", "/users?briefRepresentation=false&first=0&max=1000", null).expect(200).json();
        java.util.ArrayList<JsonNode> result = new java.util.ArrayList<>();
        users.forEach(u -> {
            if (!u.path("username").asText().startsWith("service-account-")) {
                result.add(u);
            }
        });
        return result;
    }

    // --- Slack interactivity, signed as Slack signs it ----------------------------------------------------------

    /** A block_actions payload for one button of a delivered message, signed with the app's signing secret. */
    Answer slackClick(String userId, String actionId, String value, String responseUrl) {
        return slackClickWithSignature(userId, actionId, value, responseUrl, null);
    }

    /** As {@link #slackClick}, with the given signature instead of the right one when it is not null. */
    Answer slackClickWithSignature(String userId, String actionId, String value, String responseUrl, String signature) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("type", "block_actions");
        payload.putObject("user").put("id", userId).put("username", userId);
        payload.putObject("team").put("id", "T0SYSTEST");
        payload.put("response_url", responseUrl);
        payload.put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
        ObjectNode action = payload.putArray("actions").addObject();
        action.put("type", "button");
        action.put("action_id", actionId);
        action.put("block_id", "break_actions");
        action.put("value", value);
        action.put("action_ts", Long.toString(Instant.now().getEpochSecond()));
        String body = "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return call(HttpRequest.newBuilder(URI.create(stack.gateway() + "/api/scheduler/chat/slack/interactions"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", signature != null ? signature : slackSignature(FakeSlack.SIGNING_SECRET, timestamp, body))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Slack's v0 signature: {@code v0=} + hex HMAC-SHA256 of {@code v0:<timestamp>:<raw body>}. */
    static String slackSignature(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
