package io.wellness.scheduler.plan;

import io.wellness.common.events.BreakDueEvent;

import java.util.List;

/** The plan sent when the catalog cannot answer: gentle, equipment-free desk exercises, safe for everyone. */
public final class BuiltInPlan {
    public static final String KEY = "builtin:v1";

    public static final BreakDueEvent.Plan PLAN = new BreakDueEvent.Plan(0, "builtin-1", 90, List.of(
            new BreakDueEvent.PlannedExercise("builtin-shoulder-rolls", "Shoulder rolls", 30,
                    "Loosen the shoulders after screen time.",
                    List.of("Sit or stand tall.", "Roll both shoulders slowly backwards.", "Then roll them forwards."),
                    "10 rolls each way", List.of("Keep the movement small if a shoulder hurts.")),
            new BreakDueEvent.PlannedExercise("builtin-look-far", "Look into the distance", 30,
                    "Rest the eyes from near focus.",
                    List.of("Look at something at least 6 metres away.", "Blink slowly a few times."),
                    "20 seconds", List.of()),
            new BreakDueEvent.PlannedExercise("builtin-stand-reach", "Stand and reach", 30,
                    "Get up and lengthen the spine.",
                    List.of("Stand up.", "Reach both arms overhead.", "Breathe out and lower the arms."),
                    "5 slow reaches", List.of("Skip the reach overhead if it causes dizziness."))));

    private BuiltInPlan() {
    }
}
