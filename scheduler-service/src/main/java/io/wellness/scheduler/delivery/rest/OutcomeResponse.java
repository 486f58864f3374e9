package io.wellness.scheduler.delivery.rest;

import java.util.UUID;

/** The choice that stands for a delivered break; {@code alreadyRecorded} when an earlier request recorded it. */
public record OutcomeResponse(UUID breakId, int snoozeCount, String outcome, boolean alreadyRecorded) {
}
