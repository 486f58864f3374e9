package io.wellness.scheduler.delivery;

import io.wellness.scheduler.delivery.security.SlackSignatures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Slack's published example from "Verifying requests from Slack", byte for byte. */
class SlackSignaturesTest {
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String TIMESTAMP = "1531420618";
    static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    static final Instant NOW = Instant.ofEpochSecond(1531420618 + 30);
    static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void computesSlacksPublishedSignature() {
        assertThat(SlackSignatures.sign(SECRET, TIMESTAMP, BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(SIGNATURE);
    }

    @Test
    void acceptsSlacksPublishedExample() {
        assertThat(SlackSignatures.verify(SECRET, TIMESTAMP, SIGNATURE, BODY.getBytes(StandardCharsets.UTF_8), NOW, WINDOW))
                .isEqualTo(SlackSignatures.Verdict.VALID);
    }

    @Test
    void rejectsATamperedBody() {
        byte[] tampered = BODY.replace("user_id=U2CERLKJA", "user_id=U2CERLKJB").getBytes(StandardCharsets.UTF_8);
        assertThat(SlackSignatures.verify(SECRET, TIMESTAMP, SIGNATURE, tampered, NOW, WINDOW))
                .isEqualTo(SlackSignatures.Verdict.BAD_SIGNATURE);
    }

    @Test
    void rejectsAnotherSecretAndATruncatedSignature() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(SlackSignatures.verify(SECRET + "x", TIMESTAMP, SIGNATURE, body, NOW, WINDOW))
                .isEqualTo(SlackSignatures.Verdict.BAD_SIGNATURE);
        assertThat(SlackSignatures.verify(SECRET, TIMESTAMP, SIGNATURE.substring(0, 20), body, NOW, WINDOW))
                .isEqualTo(SlackSignatures.Verdict.BAD_SIGNATURE);
    }

    @Test
    void rejectsAStaleOrFutureTimestampEvenWhenSigned() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(SlackSignatures.verify(SECRET, TIMESTAMP, SIGNATURE, body, Instant.ofEpochSecond(1531420618 + 301), WINDOW))
                .isEqualTo(SlackSignatures.Verdict.STALE);
        assertThat(SlackSignatures.verify(SECRET, TIMESTAMP, SIGNATURE, body, Instant.ofEpochSecond(1531420618 - 301), WINDOW))
                .isEqualTo(SlackSignatures.Verdict.STALE);
        assertThat(SlackSignatures.verify(SECRET, TIMESTAMP, SIGNATURE, body, Instant.ofEpochSecond(1531420618 + 299), WINDOW))
                .isEqualTo(SlackSignatures.Verdict.VALID);
    }

    @Test
    void rejectsMissingHeaders() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(SlackSignatures.verify(SECRET, null, SIGNATURE, body, NOW, WINDOW)).isEqualTo(SlackSignatures.Verdict.MISSING);
        assertThat(SlackSignatures.verify(SECRET, TIMESTAMP, null, body, NOW, WINDOW)).isEqualTo(SlackSignatures.Verdict.MISSING);
        assertThat(SlackSignatures.verify(SECRET, "yesterday", SIGNATURE, body, NOW, WINDOW)).isEqualTo(SlackSignatures.Verdict.MISSING);
    }
}
