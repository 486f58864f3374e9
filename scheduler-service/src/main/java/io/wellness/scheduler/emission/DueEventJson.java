package io.wellness.scheduler.emission;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.wellness.common.events.BreakDueEvent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The wire form of {@link BreakDueEvent} with the plan spliced in as stored JSON, so publishing a burst does not
 * parse and re-serialise the same plan a hundred thousand times. Same fields, same names, same order.
 * {@link #encode} writes exactly what Jackson writes for this record, without its per-record reflection.
 */
@JsonPropertyOrder({"breakId", "employeeId", "team", "dueAt", "timeZone", "locale", "channel", "plan", "snoozeCount"})
public record DueEventJson(UUID breakId, String employeeId, String team, Instant dueAt, String timeZone, String locale,
                           BreakDueEvent.Channel channel, @JsonRawValue String plan, int snoozeCount) {

    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();

    /** The event's JSON (UTF-8); {@code planJson} is the plan's JSON, already UTF-8 encoded. */
    static byte[] encode(UUID breakId, String employeeId, String team, Instant dueAt, String timeZone, String locale,
                         String channelType, String channelAddress, byte[] planJson, int snoozeCount) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + planJson.length);
        ascii(out, "{\"breakId\":\"");
        ascii(out, breakId.toString());
        ascii(out, "\",\"employeeId\":");
        string(out, employeeId);
        ascii(out, ",\"team\":");
        string(out, team);
        ascii(out, ",\"dueAt\":\"");
        ascii(out, dueAt.toString());
        ascii(out, "\",\"timeZone\":");
        string(out, timeZone);
        ascii(out, ",\"locale\":");
        string(out, locale);
        ascii(out, ",\"channel\":{\"type\":");
        string(out, channelType);
        ascii(out, ",\"address\":");
        string(out, channelAddress);
        ascii(out, "},\"plan\":");
        out.writeBytes(planJson);
        ascii(out, ",\"snoozeCount\":");
        ascii(out, Integer.toString(snoozeCount));
        out.write('}');
        return out.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, String value) {
        if (value == null) {
            ascii(out, "null");
            return;
        }
        out.write('"');
        out.writeBytes(STRINGS.quoteAsUTF8(value));
        out.write('"');
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
