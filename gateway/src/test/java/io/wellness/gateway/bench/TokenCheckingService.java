package io.wellness.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The smallest honest stand-in for a service endpoint such as {@code GET /api/<svc>/me}: like every service it
 * verifies the bearer token itself (RS256 signature against Keycloak's keys, issuer, audience, expiry) and answers a
 * small JSON body.
 */
final class TokenCheckingService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String issuer;
    private final Map<String, PublicKey> keys = new HashMap<>();

    TokenCheckingService(String issuer) throws IOException, InterruptedException {
        this.issuer = issuer;
        try (HttpClient http = HttpClient.newHttpClient()) {
            String jwks = http.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/certs")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode key : JSON.readTree(jwks).path("keys")) {
                if ("RSA".equals(key.path("kty").asText()) && "sig".equals(key.path("use").asText())) {
                    BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText()));
                    BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()));
                    keys.put(key.path("kid").asText(), KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)));
                }
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    void handle(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        String subject = authorization == null || !authorization.startsWith("Bearer ") ? null : verify(authorization.substring(7));
        if (subject == null) {
            request.response().setStatusCode(401).end();
            return;
        }
        request.response().putHeader("Content-Type", "application/json").end("{\"id\":\"" + subject + "\"}");
    }

    private String verify(String token) {
        try {
            String[] parts = token.split("\\.");
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            PublicKey key = keys.get(header.path("kid").asText());
            if (key == null || !"RS256".equals(header.path("alg").asText())) {
                return null;
            }
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return null;
            }
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            boolean audience = claims.path("aud").isArray()
                    ? claims.path("aud").toString().contains("\"wellness-api\"") : "wellness-api".equals(claims.path("aud").asText());
            if (!issuer.equals(claims.path("iss").asText()) || !audience
                    || claims.path("exp").asLong() * 1000 < System.currentTimeMillis()) {
                return null;
            }
            return claims.path("sub").asText();
        } catch (IOException | RuntimeException | java.security.GeneralSecurityException e) {
            return null;
        }
    }
}
