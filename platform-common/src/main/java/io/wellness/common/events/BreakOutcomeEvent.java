package io.wellness.common.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code microbreaks.outcomes} v1: what an employee did with a break. Key: employeeId. {@code eventId} is
 * {@link DeterministicIds#outcomeId}, so a double click or a retried callback publishes the same event id.
 */
public record BreakOutcomeEvent(
        UUID eventId,
        UUID breakId,
        String employeeId,
        BreakOutcome outcome,
        Instant occurredAt,
        String channel,
        int snoozeNumber,
        List<String> exerciseIds) {
}
