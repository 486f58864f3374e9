package io.wellness.scheduler.delivery.channel;

import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.BreakOutcome;

import java.util.List;

/** The words of a break message, the same in every channel. */
public final class BreakMessages {
    private BreakMessages() {
    }

    public static String title(BreakDueEvent event) {
        int minutes = Math.max(1, Math.round(event.plan().totalDurationSeconds() / 60f));
        return "Time for a " + minutes + "-minute microbreak";
    }

    /** Plain text fallback: title and exercise names (notifications and clients without rich messages). */
    public static String fallbackText(BreakDueEvent event) {
        StringBuilder text = new StringBuilder(title(event)).append(": ");
        List<BreakDueEvent.PlannedExercise> exercises = exercises(event);
        for (int i = 0; i < exercises.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(exercises.get(i).name());
        }
        return text.toString();
    }

    /** One exercise as markdown-ish text: name, steps, dose, caution. */
    public static String exerciseText(BreakDueEvent.PlannedExercise exercise) {
        StringBuilder text = new StringBuilder("*").append(exercise.name()).append("*");
        if (exercise.dose() != null && !exercise.dose().isBlank()) {
            text.append(" (").append(exercise.dose()).append(")");
        }
        List<String> steps = exercise.steps() == null ? List.of() : exercise.steps();
        for (int i = 0; i < steps.size(); i++) {
            text.append("\n").append(i + 1).append(". ").append(steps.get(i));
        }
        if (exercise.cautions() != null && !exercise.cautions().isEmpty()) {
            text.append("\n:warning: ").append(String.join(" ", exercise.cautions()));
        }
        return text.toString();
    }

    public static List<BreakDueEvent.PlannedExercise> exercises(BreakDueEvent event) {
        return event.plan() == null || event.plan().exercises() == null ? List.of() : event.plan().exercises();
    }

    public static String buttonLabel(BreakOutcome outcome) {
        return switch (outcome) {
            case COMPLETED -> "Done";
            case SNOOZED -> "Snooze 10 min";
            case SKIPPED -> "Skip";
        };
    }

    /** What the updated message says once the employee chose. */
    public static String chosenText(BreakOutcome outcome) {
        return switch (outcome) {
            case COMPLETED -> "Done. Nice work, your body thanks you.";
            case SNOOZED -> "Snoozed. The break comes back in 10 minutes.";
            case SKIPPED -> "Skipped. See you at the next break.";
        };
    }
}
