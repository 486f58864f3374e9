package io.wellness.scheduler.delivery.security;

import io.wellness.common.events.BreakOutcome;

import java.time.Instant;
import java.util.UUID;

/** What a signed action (link or button context) says: this employee chose this outcome for this break emission. */
public record ActionToken(UUID breakId, int snoozeCount, BreakOutcome outcome, String employeeId, Instant expiresAt) {
}
