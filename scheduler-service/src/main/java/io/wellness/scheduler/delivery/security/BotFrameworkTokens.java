package io.wellness.scheduler.delivery.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.wellness.scheduler.delivery.channel.ChatHttp;
import io.wellness.scheduler.delivery.channel.ChatResponse;
import io.wellness.scheduler.delivery.channel.DeliveryFailure;
import io.wellness.scheduler.delivery.config.DeliveryConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies the JWT the Bot Framework puts on every activity it sends to the bot: RS256 signature with a key of
 * the OpenID metadata's JWKS (cached; fetched again when stale or when an unknown key id appears, at most once a
 * minute), issuer {@code https://api.botframework.com}, audience = the bot's app id, not expired, not before.
 */
@ApplicationScoped
public class BotFrameworkTokens {
    private static final Duration MIN_REFRESH_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_TOKEN_LENGTH = 16_384;

    private final DeliveryConfig.Teams config;
    private final ChatHttp http;
    private final ObjectMapper json;
    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile Instant fetchedAt = Instant.EPOCH;
    private Instant lastAttempt = Instant.EPOCH;

    public BotFrameworkTokens(DeliveryConfig config, ChatHttp http, ObjectMapper json) {
        this.config = config.teams();
        this.http = http;
        this.json = json;
    }

    /** The token's claims when it is valid; empty (and the reason logged) when it is not. */
    public Optional<JsonNode> verify(String authorization, Instant now) {
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String[] parts = authorization.substring("Bearer ".length()).trim().split("\\.");
        if (parts.length != 3 || config.appId().isEmpty()) {
            return Optional.empty();
        }
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            JsonNode header = json.readTree(decoder.decode(parts[0]));
            JsonNode claims = json.readTree(decoder.decode(parts[1]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return refuse("algorithm " + header.path("alg").asText());
            }
            PublicKey key = key(header.path("kid").asText(""), now);
            if (key == null) {
                return refuse("unknown signing key");
            }
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(decoder.decode(parts[2]))) {
                return refuse("bad signature");
            }
            if (!config.issuer().equals(claims.path("iss").asText())) {
                return refuse("issuer " + claims.path("iss").asText());
            }
            if (!audienceMatches(claims.path("aud"), config.appId().get())) {
                return refuse("audience");
            }
            long skew = config.clockSkew().toSeconds();
            if (!claims.path("exp").canConvertToLong() || claims.path("exp").asLong() + skew < now.getEpochSecond()) {
                return refuse("expired");
            }
            if (claims.has("nbf") && claims.path("nbf").asLong() - skew > now.getEpochSecond()) {
                return refuse("not yet valid");
            }
            return Optional.of(claims);
        } catch (IllegalArgumentException | java.io.IOException | GeneralSecurityException e) {
            return refuse("malformed: " + e.getClass().getSimpleName());
        }
    }

    private static boolean audienceMatches(JsonNode audience, String appId) {
        if (audience.isArray()) {
            for (JsonNode value : audience) {
                if (appId.equals(value.asText())) {
                    return true;
                }
            }
            return false;
        }
        return appId.equals(audience.asText());
    }

    private static Optional<JsonNode> refuse(String reason) {
        Log.debugf("bot framework token refused: %s", reason);
        return Optional.empty();
    }

    private PublicKey key(String kid, Instant now) {
        PublicKey known = keys.get(kid);
        boolean stale = fetchedAt.plus(config.keyCacheTime()).isBefore(now);
        if (known != null && !stale) {
            return known;
        }
        synchronized (this) {
            if (lastAttempt.plus(MIN_REFRESH_INTERVAL).isBefore(now)) {
                lastAttempt = now;
                refresh(now);
            }
        }
        return keys.get(kid);
    }

    private void refresh(Instant now) {
        try {
            JsonNode metadata = get(config.openIdMetadataUrl());
            JsonNode jwks = get(metadata.path("jwks_uri").asText());
            Map<String, PublicKey> fresh = new HashMap<>();
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            for (JsonNode jwk : jwks.path("keys")) {
                if ("RSA".equals(jwk.path("kty").asText()) && jwk.hasNonNull("kid")) {
                    BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asText()));
                    BigInteger exponent = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asText()));
                    fresh.put(jwk.path("kid").asText(), rsa.generatePublic(new RSAPublicKeySpec(modulus, exponent)));
                }
            }
            keys = Map.copyOf(fresh);
            fetchedAt = now;
        } catch (DeliveryFailure | java.io.IOException | GeneralSecurityException | IllegalArgumentException e) {
            // keep the keys we have; an unknown key id is refused until the metadata can be read again
            Log.warnf("bot framework signing keys not refreshed: %s", e.getMessage());
        }
    }

    private JsonNode get(String url) throws DeliveryFailure, java.io.IOException {
        ChatResponse response = http.send(http.request(URI.create(url)).get(), "bot framework metadata");
        ChatHttp.requireSuccess(response, "bot framework metadata");
        return json.readTree(response.body());
    }
}
