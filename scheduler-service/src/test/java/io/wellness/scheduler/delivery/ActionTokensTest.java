package io.wellness.scheduler.delivery;

import io.wellness.common.events.BreakOutcome;
import io.wellness.scheduler.delivery.security.ActionToken;
import io.wellness.scheduler.delivery.security.ActionTokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ActionTokensTest {
    private final ActionTokens tokens = new ActionTokens("unit-test-secret");
    private final Instant now = Instant.parse("2026-03-01T10:00:00Z");
    private final ActionToken token = new ActionToken(UUID.randomUUID(), 1, BreakOutcome.SNOOZED, "employee-1", now.plusSeconds(60));

    @Test
    void roundTripsItsContent() {
        assertThat(tokens.verify(tokens.sign(token), now)).contains(token);
    }

    @Test
    void refusesATokenSignedWithAnotherSecret() {
        assertThat(tokens.verify(new ActionTokens("another-secret").sign(token), now)).isEmpty();
    }

    @Test
    void refusesAChangedPayloadEvenWithTheOriginalSignature() {
        String signed = tokens.sign(token);
        String other = tokens.sign(new ActionToken(token.breakId(), 1, BreakOutcome.COMPLETED, "employee-1", token.expiresAt()));
        String spliced = other.substring(0, other.lastIndexOf('.')) + signed.substring(signed.lastIndexOf('.'));
        assertThat(tokens.verify(spliced, now)).isEmpty();
    }

    @Test
    void refusesExpiredMalformedAndOversizedTokens() {
        assertThat(tokens.verify(tokens.sign(token), now.plusSeconds(61))).isEmpty();
        assertThat(tokens.verify("v1.abc", now)).isEmpty();
        assertThat(tokens.verify("garbage", now)).isEmpty();
        assertThat(tokens.verify(null, now)).isEmpty();
        assertThat(tokens.verify("v1." + "a".repeat(600) + ".b", now)).isEmpty();
    }
}
