package io.wellness.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.wellness.infra.KeycloakServer;
import io.wellness.infra.Ports;
import io.wellness.infra.quarkus.TestInfrastructure;
import io.wellness.infra.quarkus.Tokens;
import io.wellness.infra.quarkus.WellnessTestResource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * The gateway under test: real Keycloak (and the rest of the platform infrastructure, no database of its own),
 * a fixed free port registered as a redirect URI of the wellness-gateway client (the realm file only knows :8080),
 * and fake services behind the proxy ({@link FakeServices}).
 */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String PORT_PROPERTY = "wellness.test.gateway.port";
    public static final long READ_TIMEOUT_MILLIS = 1000;
    private final WellnessTestResource infrastructure = new WellnessTestResource();
    private FakeServices fake;

    @Override
    public Map<String, String> start() {
        infrastructure.init(Map.of());
        Map<String, String> config = new HashMap<>(infrastructure.start());
        int port = Integer.getInteger(PORT_PROPERTY, Ports.freePort());
        System.setProperty(PORT_PROPERTY, Integer.toString(port));
        allowRedirectsTo("http://localhost:" + port + "/*");
        fake = new FakeServices(READ_TIMEOUT_MILLIS * 3);
        config.put("quarkus.http.test-port", Integer.toString(port));
        config.put("wellness.gateway.services.catalog", fake.url());
        config.put("wellness.gateway.services.scheduler", fake.url());
        config.put("wellness.gateway.services.tracking", fake.url());
        config.put("wellness.gateway.timeouts.read", READ_TIMEOUT_MILLIS + "ms");
        config.put("wellness.gateway.rate-limit.per-user.capacity", "30");
        config.put("wellness.gateway.rate-limit.per-user.refill-per-second", "0.5");
        config.put("wellness.gateway.rate-limit.per-ip.capacity", "100000");
        config.put("wellness.gateway.rate-limit.per-ip.refill-per-second", "100000");
        return config;
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    /** Adds the test gateway's address to the client's redirect and post-logout URIs through the admin API. */
    private static void allowRedirectsTo(String pattern) {
        String keycloak = TestInfrastructure.keycloakUrl();
        String adminToken = Tokens.requestAt(keycloak + "/realms/master", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", KeycloakServer.DEFAULT_ADMIN_USERNAME,
                "password", KeycloakServer.DEFAULT_ADMIN_PASSWORD));
        ObjectMapper json = new ObjectMapper();
        try (HttpClient http = HttpClient.newHttpClient()) {
            String clients = keycloak + "/admin/realms/" + TestInfrastructure.REALM + "/clients";
            HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(clients + "?clientId=wellness-gateway"))
                    .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofString());
            ObjectNode client = (ObjectNode) json.readTree(found.body()).get(0);
            ArrayNode redirects = (ArrayNode) client.get("redirectUris");
            boolean known = false;
            for (JsonNode r : redirects) {
                known |= r.asText().equals(pattern);
            }
            if (known) {
                return;
            }
            redirects.add(pattern);
            ObjectNode attributes = (ObjectNode) client.get("attributes");
            attributes.put("post.logout.redirect.uris", attributes.path("post.logout.redirect.uris").asText() + "##" + pattern);
            HttpResponse<String> updated = http.send(HttpRequest.newBuilder(URI.create(clients + "/" + client.get("id").asText()))
                    .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(client))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (updated.statusCode() / 100 != 2) {
                throw new IllegalStateException("could not register redirect URI: " + updated.statusCode() + " " + updated.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
