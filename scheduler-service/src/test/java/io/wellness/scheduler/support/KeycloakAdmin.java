package io.wellness.scheduler.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wellness.infra.quarkus.TestInfrastructure;
import io.wellness.infra.quarkus.Tokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** The test Keycloak's admin API as the master admin: adds, moves, disables and deletes users. */
public final class KeycloakAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private KeycloakAdmin() {
    }

    private static String realmUrl() {
        return TestInfrastructure.keycloakUrl() + "/admin/realms/" + TestInfrastructure.REALM;
    }

    private static String token() {
        return Tokens.requestAt(TestInfrastructure.keycloakUrl() + "/realms/master", Map.of(
                "grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "dev-only-admin"));
    }

    public static HttpResponse<String> call(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(realmUrl() + path))
                    .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
            }
            return response;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a user (enabled) with the attributes and returns its id. */
    public static String createUser(String username, String timezone, String chatId) {
        call("POST", "/users", Map.of("username", username, "enabled", true, "email", username + "@wellness.example",
                "firstName", "Test", "lastName", "User",
                "attributes", Map.of("timezone", new String[]{timezone}, "chatId", new String[]{chatId})));
        return userId(username);
    }

    public static String userId(String username) {
        try {
            JsonNode users = JSON.readTree(call("GET", "/users?exact=true&username=" + username, null).body());
            return users.get(0).path("id").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String groupId(String path) {
        try {
            return JSON.readTree(call("GET", "/group-by-path" + path, null).body()).path("id").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void join(String userId, String groupPath) {
        call("PUT", "/users/" + userId + "/groups/" + groupId(groupPath), null);
    }

    public static void leave(String userId, String groupPath) {
        call("DELETE", "/users/" + userId + "/groups/" + groupId(groupPath), null);
    }

    public static void disable(String userId) {
        call("PUT", "/users/" + userId, Map.of("enabled", false));
    }

    public static void delete(String userId) {
        call("DELETE", "/users/" + userId, null);
    }
}
