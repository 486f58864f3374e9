package io.wellness.scheduler.delivery.repository;

import java.time.Instant;

/** A row of the delivery log. */
public record DeliveryRecord(DeliveryKey key, String employeeId, String channelType, String channelAddress,
                             String eventJson, String status, int attempts, Instant firstSeenAt) {
}
