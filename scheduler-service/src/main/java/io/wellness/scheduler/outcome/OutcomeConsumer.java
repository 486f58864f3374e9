package io.wellness.scheduler.outcome;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.wellness.common.events.BreakOutcomeEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.io.IOException;
import java.sql.SQLException;

/** Consumes {@code microbreaks.outcomes}; a record that is not a valid outcome event is logged and skipped. */
@ApplicationScoped
public class OutcomeConsumer {
    private static final int ATTEMPTS = 5;

    @Inject
    OutcomeService outcomes;

    @Inject
    ObjectMapper json;

    @Incoming("scheduler-outcomes")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) throws InterruptedException {
        BreakOutcomeEvent event;
        try {
            event = json.readValue(record.value(), BreakOutcomeEvent.class);
        } catch (IOException | IllegalArgumentException e) {
            Log.warnf("skipping an unreadable outcome at %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        if (event.eventId() == null || event.breakId() == null || event.outcome() == null || event.occurredAt() == null) {
            Log.warnf("skipping an incomplete outcome at %s-%d@%d", record.topic(), record.partition(), record.offset());
            return;
        }
        // the database may be briefly unavailable: retry rather than lose a snooze
        for (int attempt = 1; ; attempt++) {
            try {
                outcomes.apply(event);
                return;
            } catch (SQLException | RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("outcome " + event.eventId() + " could not be applied", e);
                }
                Log.warnf("applying outcome %s failed (%s); retrying", event.eventId(), e.getMessage());
                Thread.sleep(500L * attempt);
            }
        }
    }
}
