package io.wellness.scheduler.delivery.repository;

import java.util.UUID;

/** One emission of a break: the break id and how many times it was snoozed before this emission. */
public record DeliveryKey(UUID breakId, int snoozeCount) {
}
