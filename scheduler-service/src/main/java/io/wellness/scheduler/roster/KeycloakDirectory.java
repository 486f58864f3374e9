package io.wellness.scheduler.roster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.client.OidcClients;
import io.wellness.scheduler.config.SchedulerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads users (with their timezone and chatId attributes) and the members of the team groups through Keycloak's
 * admin REST API, as the wellness-services service account (view-users, query-groups).
 */
@ApplicationScoped
public class KeycloakDirectory {
    static final int PAGE = 200;
    /** Upper bound on users read in one sync: a runaway realm cannot exhaust memory. */
    static final int MAX_USERS = 200_000;

    public record User(String id, String username, boolean enabled, String timeZone, String chatId) {
    }

    @Inject
    OidcClients oidcClients;

    @Inject
    SchedulerConfig config;

    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public List<User> users() {
        String token = token();
        List<User> users = new ArrayList<>();
        for (int first = 0; first < MAX_USERS; first += PAGE) {
            JsonNode page = get(token, "/users?briefRepresentation=false&first=" + first + "&max=" + PAGE);
            for (JsonNode user : page) {
                if (user.hasNonNull("serviceAccountClientId") || user.path("username").asText().startsWith("service-account-")) {
                    continue;
                }
                users.add(new User(user.path("id").asText(), user.path("username").asText(),
                        user.path("enabled").asBoolean(true), attribute(user, "timezone"), attribute(user, "chatId")));
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return users;
    }

    /** User id → team name, from the sub-groups of the teams group (a user in several teams gets the first by name). */
    public Map<String, String> teams() {
        String token = token();
        Map<String, String> teamOf = new HashMap<>();
        String parent = config.roster().teamsGroup();
        JsonNode found = get(token, "/groups?exact=true&search=" + URLEncoder.encode(parent, StandardCharsets.UTF_8));
        for (JsonNode group : found) {
            if (!parent.equals(group.path("name").asText())) {
                continue;
            }
            List<JsonNode> teams = new ArrayList<>();
            get(token, "/groups/" + group.path("id").asText() + "/children?first=0&max=1000").forEach(teams::add);
            teams.sort((a, b) -> a.path("name").asText().compareTo(b.path("name").asText()));
            for (JsonNode team : teams) {
                for (int first = 0; first < MAX_USERS; first += PAGE) {
                    JsonNode members = get(token, "/groups/" + team.path("id").asText() + "/members?briefRepresentation=true&first="
                            + first + "&max=" + PAGE);
                    members.forEach(m -> teamOf.putIfAbsent(m.path("id").asText(), team.path("name").asText()));
                    if (members.size() < PAGE) {
                        break;
                    }
                }
            }
        }
        return teamOf;
    }

    private String token() {
        return oidcClients.getClient("wellness-services").getTokens().await().atMost(Duration.ofSeconds(10)).getAccessToken();
    }

    private JsonNode get(String token, String path) {
        String url = config.roster().keycloakUrl() + "/admin/realms/" + config.roster().realm() + path;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak admin API answered " + response.statusCode() + " for " + path);
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak admin API unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String attribute(JsonNode user, String name) {
        JsonNode values = user.path("attributes").path(name);
        return values.isArray() && !values.isEmpty() ? values.get(0).asText() : null;
    }
}
