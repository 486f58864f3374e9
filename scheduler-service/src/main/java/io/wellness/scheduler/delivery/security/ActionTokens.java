package io.wellness.scheduler.delivery.security;

import io.wellness.common.events.BreakOutcome;
import io.wellness.scheduler.delivery.config.DeliveryConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Signed action tokens for one-click links and Mattermost buttons: {@code v1.<payload>.<hmac>}, both base64url,
 * payload {@code breakId|snoozeCount|outcome|employeeId|expiryEpochSeconds}, HMAC-SHA256 with the action secret.
 * Single use is enforced by the outcome log (one decision per delivered message), not by the token.
 */
@ApplicationScoped
public class ActionTokens {
    private static final String VERSION = "v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** Tokens longer than this are refused before any work (they cannot be ours). */
    private static final int MAX_TOKEN_LENGTH = 512;

    private final String secret;

    @jakarta.inject.Inject
    public ActionTokens(DeliveryConfig config) {
        this(config.actionSecret().value());
    }

    public ActionTokens(String secret) {
        this.secret = secret;
    }

    public String sign(ActionToken token) {
        String payload = token.breakId() + "|" + token.snoozeCount() + "|" + token.outcome().wireName() + "|"
                + token.employeeId() + "|" + token.expiresAt().getEpochSecond();
        String encoded = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        String signed = VERSION + "." + encoded;
        return signed + "." + ENCODER.encodeToString(Hmac.sha256(secret, signed.getBytes(StandardCharsets.UTF_8)));
    }

    /** The token's content when its signature is valid and it has not expired; empty otherwise. */
    public Optional<ActionToken> verify(String token, Instant now) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int last = token.lastIndexOf('.');
        if (last < 0 || !token.startsWith(VERSION + ".")) {
            return Optional.empty();
        }
        String signed = token.substring(0, last);
        String expected = ENCODER.encodeToString(Hmac.sha256(secret, signed.getBytes(StandardCharsets.UTF_8)));
        if (!Hmac.equalsConstantTime(expected, token.substring(last + 1))) {
            return Optional.empty();
        }
        try {
            String payload = new String(DECODER.decode(signed.substring(VERSION.length() + 1)), StandardCharsets.UTF_8);
            String[] parts = payload.split("\\|", -1);
            if (parts.length != 5) {
                return Optional.empty();
            }
            ActionToken parsed = new ActionToken(UUID.fromString(parts[0]), Integer.parseInt(parts[1]),
                    BreakOutcome.fromWire(parts[2]), parts[3], Instant.ofEpochSecond(Long.parseLong(parts[4])));
            return parsed.expiresAt().isAfter(now) ? Optional.of(parsed) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
