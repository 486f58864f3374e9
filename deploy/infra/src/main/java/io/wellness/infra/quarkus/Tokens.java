package io.wellness.infra.quarkus;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Real access tokens from the test Keycloak, for the demo users of the realm file (password {@code dev-only-<user>},
 * dev-only client {@code wellness-cli}). Tokens are cached for a minute: they live five.
 */
public final class Tokens {
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(String token, long fetchedAt) {
    }

    private Tokens() {
    }

    public static String of(String username) {
        Cached cached = CACHE.get(username);
        if (cached != null && System.currentTimeMillis() - cached.fetchedAt() < 60_000) {
            return cached.token();
        }
        String token = request(Map.of("grant_type", "password", "client_id", "wellness-cli",
                "username", username, "password", "dev-only-" + username, "scope", "openid"));
        CACHE.put(username, new Cached(token, System.currentTimeMillis()));
        return token;
    }

    /** A token of the wellness-services service account (client credentials). */
    public static String serviceAccount() {
        return request(Map.of("grant_type", "client_credentials", "client_id", "wellness-services",
                "client_secret", "dev-only-services-secret"));
    }

    public static String request(Map<String, String> form) {
        return requestAt(TestInfrastructure.issuer(), form);
    }

    /** A token from the token endpoint of {@code realmUrl} ({@code <keycloak>/realms/<realm>}). */
    public static String requestAt(String realmUrl, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher m = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !m.find()) {
                throw new IllegalStateException("token request refused (" + response.statusCode() + "): " + response.body());
            }
            return m.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
