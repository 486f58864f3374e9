package io.wellness.tracking.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.wellness.common.events.BreakOutcome;
import io.wellness.common.events.BreakOutcomeEvent;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads a {@link BreakOutcomeEvent} in its usual shape (the one its producers write) with the streaming parser: the
 * hot path of the ingest, several times cheaper than data binding a record. Anything else (other value types,
 * timestamps with an offset, malformed JSON) returns {@code null}: the caller then binds the record as before, so
 * both paths accept and refuse the same documents.
 */
final class OutcomeEventDecoder {

    private final JsonFactory factory;

    OutcomeEventDecoder(JsonFactory factory) {
        this.factory = factory;
    }

    /** The event, or {@code null} when the document is not in the usual shape (bind it instead). */
    BreakOutcomeEvent decode(byte[] json) {
        try (JsonParser p = factory.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            UUID eventId = null, breakId = null;
            String employeeId = null, channel = null;
            BreakOutcome outcome = null;
            Instant occurredAt = null;
            int snoozeNumber = 0;
            List<String> exerciseIds = null;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME) {
                    return null;
                }
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "eventId" -> eventId = uuid(p, value);
                    case "breakId" -> breakId = uuid(p, value);
                    case "employeeId" -> employeeId = text(p, value);
                    case "channel" -> channel = text(p, value);
                    case "outcome" -> outcome = outcome(p, value);
                    case "occurredAt" -> occurredAt = instant(p, value);
                    case "snoozeNumber" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                            return null;
                        }
                        snoozeNumber = p.getIntValue();
                    }
                    case "exerciseIds" -> exerciseIds = strings(p, value);
                    default -> p.skipChildren();
                }
            }
            return new BreakOutcomeEvent(eventId, breakId, employeeId, outcome, occurredAt, channel, snoozeNumber, exerciseIds);
        } catch (NotUsualShape | IOException | IllegalArgumentException | DateTimeException e) {
            return null;
        }
    }

    /** The document leaves the usual shape: binding decides. */
    private static final class NotUsualShape extends RuntimeException {
        NotUsualShape() {
            super(null, null, false, false);
        }
    }

    private static final NotUsualShape NOT_USUAL = new NotUsualShape();

    private static String text(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw NOT_USUAL;
        }
        return p.getText();
    }

    private static UUID uuid(JsonParser p, JsonToken value) throws IOException {
        String text = text(p, value);
        if (text == null) {
            return null;
        }
        if (text.length() != 36) {
            throw NOT_USUAL;
        }
        return UUID.fromString(text);
    }

    private static BreakOutcome outcome(JsonParser p, JsonToken value) throws IOException {
        String text = text(p, value);
        if (text == null) {
            return null;
        }
        for (BreakOutcome outcome : BreakOutcome.values()) {
            if (outcome.wireName().equals(text)) {
                return outcome;
            }
        }
        throw NOT_USUAL;
    }

    private static List<String> strings(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.START_ARRAY) {
            throw NOT_USUAL;
        }
        List<String> values = new ArrayList<>(4);
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_STRING) {
                throw NOT_USUAL;
            }
            values.add(p.getText());
        }
        return values;
    }

    private static Instant instant(JsonParser p, JsonToken value) throws IOException {
        String text = text(p, value);
        return text == null ? null : utcInstant(text);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, as {@link Instant#toString()} writes it; anything else is not usual. */
    static Instant utcInstant(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            throw NOT_USUAL;
        }
        int nanos = 0;
        if (n > 20) {
            if (s.charAt(19) != '.' || n == 21) {
                throw NOT_USUAL;
            }
            int digits = n - 21;
            nanos = digits(s, 20, n - 1);
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        int hour = digits(s, 11, 13), minute = digits(s, 14, 16), second = digits(s, 17, 19);
        if (hour > 23 || minute > 59 || second > 59) {
            throw NOT_USUAL;
        }
        long day = LocalDate.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10)).toEpochDay();
        return Instant.ofEpochSecond(day * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw NOT_USUAL;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
