package io.wellness.scheduler.emission;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.wellness.common.events.BreakDueEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * The wire form of {@link BreakDueEvent} with the plan spliced in as stored JSON, so publishing a burst does not
 * parse and re-serialise the same plan a hundred thousand times. Same fields, same names.
 */
@JsonPropertyOrder({"breakId", "employeeId", "team", "dueAt", "timeZone", "locale", "channel", "plan", "snoozeCount"})
public record DueEventJson(UUID breakId, String employeeId, String team, Instant dueAt, String timeZone, String locale,
                           BreakDueEvent.Channel channel, @JsonRawValue String plan, int snoozeCount) {
}
