package io.wellness.common.events;

import java.time.Instant;
import java.util.UUID;

/** {@code microbreaks.delivered} v1: the result of one delivery attempt of a break to a chat channel. Key: employeeId. */
public record BreakDeliveredEvent(
        UUID attemptId,
        UUID breakId,
        String employeeId,
        String channel,
        Status status,
        int attempt,
        long latencyMillis,
        String error,
        Instant at) {

    public enum Status {
        SENT, FAILED, DEAD_LETTERED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
