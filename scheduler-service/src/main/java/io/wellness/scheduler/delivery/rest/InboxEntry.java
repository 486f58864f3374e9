package io.wellness.scheduler.delivery.rest;

import io.wellness.common.events.BreakDueEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A break on the employee's page: when, what to do, and what was chosen (null while open). */
public record InboxEntry(UUID breakId, int snoozeCount, Instant dueAt, String timeZone, String channel, String title,
                         List<BreakDueEvent.PlannedExercise> exercises, String outcome, Instant updatedAt) {
}
