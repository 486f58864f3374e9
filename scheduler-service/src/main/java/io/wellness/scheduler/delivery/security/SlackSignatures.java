package io.wellness.scheduler.delivery.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Slack's request signing: {@code X-Slack-Signature = "v0=" + hex(HMAC-SHA256(signing secret,
 * "v0:" + X-Slack-Request-Timestamp + ":" + raw body))}, compared in constant time; requests older (or newer) than
 * the allowed age are refused so a captured request cannot be replayed later.
 */
public final class SlackSignatures {

    public enum Verdict { VALID, MISSING, STALE, BAD_SIGNATURE }

    private SlackSignatures() {
    }

    public static String sign(String signingSecret, String timestamp, byte[] body) {
        byte[] prefix = ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8);
        byte[] base = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, base, 0, prefix.length);
        System.arraycopy(body, 0, base, prefix.length, body.length);
        return "v0=" + Hmac.sha256Hex(signingSecret, base);
    }

    public static Verdict verify(String signingSecret, String timestamp, String signature, byte[] body, Instant now,
                                 Duration maxAge) {
        if (timestamp == null || signature == null || body == null) {
            return Verdict.MISSING;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Verdict.MISSING;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > maxAge.toSeconds()) {
            return Verdict.STALE;
        }
        return Hmac.equalsConstantTime(sign(signingSecret, timestamp.trim(), body), signature)
                ? Verdict.VALID : Verdict.BAD_SIGNATURE;
    }
}
