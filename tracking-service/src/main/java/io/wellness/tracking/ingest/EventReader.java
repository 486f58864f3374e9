package io.wellness.tracking.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.BreakOutcomeEvent;
import io.wellness.common.events.CloudEvents;
import io.wellness.common.events.DeterministicIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.util.UUID;

/**
 * Turns Kafka records into events. The message id is the CloudEvents {@code ce_id}; without one, a deterministic
 * id of the event's content. An unreadable record is logged and skipped (it would fail again on every replay).
 */
@ApplicationScoped
public class EventReader {

    @Inject
    ObjectMapper json;

    private OutcomeEventDecoder outcomes;

    @jakarta.annotation.PostConstruct
    void decoders() {
        outcomes = new OutcomeEventDecoder(json.getFactory());
    }

    public ReceivedEvent<BreakDueEvent> due(ConsumerRecord<String, byte[]> record) {
        BreakDueEvent event = parse(record, BreakDueEvent.class);
        if (event == null || event.breakId() == null || blank(event.employeeId()) || event.dueAt() == null) {
            reject(record, "a due event needs breakId, employeeId and dueAt");
            return null;
        }
        UUID id = messageId(record, DeterministicIds.nameBased("due|" + event.breakId() + "|" + event.snoozeCount()));
        return new ReceivedEvent<>(id, event);
    }

    public ReceivedEvent<BreakOutcomeEvent> outcome(ConsumerRecord<String, byte[]> record) {
        BreakOutcomeEvent event = record.value() == null ? null : outcomes.decode(record.value());
        if (event == null) {
            event = parse(record, BreakOutcomeEvent.class);
        }
        if (event == null || event.breakId() == null || blank(event.employeeId()) || event.outcome() == null
                || event.occurredAt() == null) {
            reject(record, "an outcome event needs breakId, employeeId, outcome and occurredAt");
            return null;
        }
        UUID eventId = event.eventId() != null ? event.eventId()
                : DeterministicIds.outcomeId(event.breakId(), event.outcome(), event.snoozeNumber());
        if (event.eventId() == null) {
            event = new BreakOutcomeEvent(eventId, event.breakId(), event.employeeId(), event.outcome(), event.occurredAt(),
                    event.channel(), event.snoozeNumber(), event.exerciseIds());
        }
        return new ReceivedEvent<>(messageId(record, eventId), event);
    }

    private <T> T parse(ConsumerRecord<String, byte[]> record, Class<T> type) {
        if (record.value() == null) {
            return null;
        }
        try {
            return json.readValue(record.value(), type);
        } catch (IOException e) {
            Log.warnf("skipping unreadable record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            return null;
        }
    }

    private static UUID messageId(ConsumerRecord<String, byte[]> record, UUID fallback) {
        String ceId = CloudEvents.header(record.headers(), CloudEvents.HEADER_ID);
        if (ceId != null) {
            try {
                return UUID.fromString(ceId);
            } catch (IllegalArgumentException e) {
                return DeterministicIds.nameBased("ce|" + ceId);
            }
        }
        return fallback;
    }

    private static void reject(ConsumerRecord<String, byte[]> record, String why) {
        Log.warnf("skipping invalid record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), why);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
