package io.wellness.infra.quarkus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

/** Tokens a service must refuse: a genuine token re-signed with a foreign key, and a genuine but expired one. */
public final class ForgedTokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String EXPIRY_CLIENT = "expiry-probe";

    private ForgedTokens() {
    }

    /** Same header (kid included) and claims, signature by a key Keycloak never published. */
    public static String resignedWithForeignKey(String token) {
        try {
            String[] parts = token.split("\\.");
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var keyPair = generator.generateKeyPair();
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keyPair.getPrivate());
            signer.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A token Keycloak really issued for {@code username}, from a public test client whose access tokens live one
     * second, returned once it has expired.
     */
    public static String expiredFromKeycloak(String username) {
        ensureExpiryClient();
        String token = Tokens.request(Map.of("grant_type", "password", "client_id", EXPIRY_CLIENT,
                "username", username, "password", "dev-only-" + username));
        long exp = claims(token).get("exp").asLong();
        long waitMillis = exp * 1000 - System.currentTimeMillis() + 1500;
        try {
            Thread.sleep(Math.max(0, waitMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return token;
    }

    public static JsonNode claims(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (Exception e) {
            throw new IllegalStateException("not a JWT", e);
        }
    }

    private static synchronized void ensureExpiryClient() {
        try {
            String admin = Tokens.requestAt(TestInfrastructure.keycloakUrl() + "/realms/master", Map.of(
                    "grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "dev-only-admin"));
            String clients = TestInfrastructure.keycloakUrl() + "/admin/realms/" + TestInfrastructure.REALM + "/clients";
            HttpResponse<String> existing = HTTP.send(HttpRequest.newBuilder(URI.create(clients + "?clientId=" + EXPIRY_CLIENT))
                    .header("Authorization", "Bearer " + admin).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (JSON.readTree(existing.body()).size() > 0) {
                return;
            }
            String client = JSON.writeValueAsString(Map.of(
                    "clientId", EXPIRY_CLIENT,
                    "publicClient", true,
                    "directAccessGrantsEnabled", true,
                    "standardFlowEnabled", false,
                    "attributes", Map.of("access.token.lifespan", "1")));
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(clients))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(client)).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201 && created.statusCode() != 409) {
                throw new IllegalStateException("could not create " + EXPIRY_CLIENT + ": " + created.statusCode() + " " + created.body());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
