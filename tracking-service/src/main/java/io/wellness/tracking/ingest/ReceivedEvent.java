package io.wellness.tracking.ingest;

import java.util.UUID;

/** An event taken from Kafka with the message id used for idempotency (CloudEvents {@code ce_id}). */
public record ReceivedEvent<T>(UUID messageId, T event) {
}
