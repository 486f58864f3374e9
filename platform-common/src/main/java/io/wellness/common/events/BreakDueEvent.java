package io.wellness.common.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code microbreaks.due} v1: a break is due for one employee. Key: employeeId. The same break re-sent (after a
 * crash, or re-emitted after a snooze) keeps its breakId; {@code snoozeCount} tells the re-emissions apart.
 */
public record BreakDueEvent(
        UUID breakId,
        String employeeId,
        String team,
        Instant dueAt,
        String timeZone,
        String locale,
        Channel channel,
        Plan plan,
        int snoozeCount) {

    /** Where the break is delivered: slack (user id), teams (conversation reference), mattermost (@username), webhook (endpoint name), web (inbox). */
    public record Channel(String type, String address) {
    }

    /** The exercises the catalog planned for this break; the seed reproduces the plan. */
    public record Plan(long seed, String catalogVersion, int totalDurationSeconds, List<PlannedExercise> exercises) {
    }

    public record PlannedExercise(String id, String name, int durationSeconds, String summary, List<String> steps,
                                  String dose, List<String> cautions) {
    }
}
