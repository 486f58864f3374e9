package io.wellness.scheduler.delivery.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.BreakOutcome;

/** Block Kit messages: the break with its three buttons, and the same break once a button was chosen. */
public final class SlackMessages {
    public static final String ACTION_PREFIX = "break_";

    private SlackMessages() {
    }

    /** Button value: the break emission the click is about. */
    public static String actionValue(BreakDueEvent event) {
        return event.breakId() + ":" + event.snoozeCount();
    }

    public static ObjectNode postMessage(ObjectMapper json, BreakDueEvent event) {
        ObjectNode body = json.createObjectNode();
        body.put("channel", event.channel().address());
        body.put("text", BreakMessages.fallbackText(event));
        ArrayNode blocks = exerciseBlocks(json, event);
        ObjectNode actions = blocks.addObject();
        actions.put("type", "actions");
        actions.put("block_id", "break_actions");
        ArrayNode elements = actions.putArray("elements");
        for (BreakOutcome outcome : BreakOutcome.values()) {
            ObjectNode button = elements.addObject();
            button.put("type", "button");
            button.putObject("text").put("type", "plain_text").put("text", BreakMessages.buttonLabel(outcome));
            button.put("action_id", ACTION_PREFIX + outcome.wireName());
            button.put("value", actionValue(event));
            if (outcome == BreakOutcome.COMPLETED) {
                button.put("style", "primary");
            }
        }
        body.set("blocks", blocks);
        return body;
    }

    /** The message that replaces the original through response_url: the break, without buttons, and the choice. */
    public static ObjectNode chosen(ObjectMapper json, BreakDueEvent event, BreakOutcome outcome) {
        ObjectNode body = json.createObjectNode();
        body.put("replace_original", true);
        body.put("text", BreakMessages.chosenText(outcome));
        ArrayNode blocks = exerciseBlocks(json, event);
        ObjectNode context = blocks.addObject();
        context.put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text", BreakMessages.chosenText(outcome));
        body.set("blocks", blocks);
        return body;
    }

    private static ArrayNode exerciseBlocks(ObjectMapper json, BreakDueEvent event) {
        ArrayNode blocks = json.createArrayNode();
        blocks.addObject().put("type", "header")
                .putObject("text").put("type", "plain_text").put("text", BreakMessages.title(event));
        for (BreakDueEvent.PlannedExercise exercise : BreakMessages.exercises(event)) {
            blocks.addObject().put("type", "section")
                    .putObject("text").put("type", "mrkdwn").put("text", BreakMessages.exerciseText(exercise));
        }
        return blocks;
    }
}
