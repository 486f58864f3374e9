package io.wellness.scheduler.delivery.repository;

import java.time.Instant;
import java.util.UUID;

/** One break in an employee's web inbox. {@code event} is the due event's JSON as delivered. */
public record InboxItem(UUID breakId, int snoozeCount, String employeeId, Instant dueAt, String timeZone,
                        String channel, String event, String outcome, Instant updatedAt) {
}
