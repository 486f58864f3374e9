package io.wellness.scheduler.delivery.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.BreakOutcome;

import java.util.List;

/** Adaptive Cards 1.5 for Teams: the break with Action.Execute buttons, and the card after the choice. */
public final class TeamsCards {
    public static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

    private TeamsCards() {
    }

    public static String verb(BreakOutcome outcome) {
        return switch (outcome) {
            case COMPLETED -> "done";
            case SNOOZED -> "snooze";
            case SKIPPED -> "skip";
        };
    }

    public static BreakOutcome outcomeOfVerb(String verb) {
        for (BreakOutcome outcome : BreakOutcome.values()) {
            if (verb(outcome).equals(verb)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown verb " + verb);
    }

    public static ObjectNode breakCard(ObjectMapper json, BreakDueEvent event) {
        ObjectNode card = card(json, event);
        ArrayNode actions = card.putArray("actions");
        for (BreakOutcome outcome : BreakOutcome.values()) {
            ObjectNode action = actions.addObject();
            action.put("type", "Action.Execute");
            action.put("title", BreakMessages.buttonLabel(outcome));
            action.put("verb", verb(outcome));
            action.putObject("data").put("breakId", event.breakId().toString()).put("snoozeCount", event.snoozeCount());
            if (outcome == BreakOutcome.COMPLETED) {
                action.put("style", "positive");
            }
        }
        return card;
    }

    public static ObjectNode chosenCard(ObjectMapper json, BreakDueEvent event, BreakOutcome outcome) {
        ObjectNode card = card(json, event);
        text((ArrayNode) card.get("body"), BreakMessages.chosenText(outcome)).put("weight", "Bolder").put("color", "Good");
        return card;
    }

    /** The message activity the bot posts to the conversation. */
    public static ObjectNode activity(ObjectMapper json, BreakDueEvent event) {
        ObjectNode activity = json.createObjectNode();
        activity.put("type", "message");
        activity.put("summary", BreakMessages.fallbackText(event));
        activity.putArray("attachments").addObject().put("contentType", CONTENT_TYPE).set("content", breakCard(json, event));
        return activity;
    }

    private static ObjectNode card(ObjectMapper json, BreakDueEvent event) {
        ObjectNode card = json.createObjectNode();
        card.put("type", "AdaptiveCard");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("version", "1.5");
        ArrayNode body = card.putArray("body");
        text(body, BreakMessages.title(event)).put("size", "Medium").put("weight", "Bolder");
        for (BreakDueEvent.PlannedExercise exercise : BreakMessages.exercises(event)) {
            String heading = "**" + exercise.name() + "**" + (exercise.dose() == null || exercise.dose().isBlank() ? "" : " (" + exercise.dose() + ")");
            text(body, heading);
            List<String> steps = exercise.steps() == null ? List.of() : exercise.steps();
            StringBuilder numbered = new StringBuilder();
            for (int i = 0; i < steps.size(); i++) {
                numbered.append(i == 0 ? "" : "\n").append(i + 1).append(". ").append(steps.get(i));
            }
            if (!numbered.isEmpty()) {
                text(body, numbered.toString());
            }
            if (exercise.cautions() != null && !exercise.cautions().isEmpty()) {
                text(body, String.join(" ", exercise.cautions())).put("color", "Attention");
            }
        }
        return card;
    }

    private static ObjectNode text(ArrayNode body, String text) {
        return body.addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
    }
}
