package io.wellness.scheduler.delivery.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.BreakOutcome;
import io.wellness.common.events.BreakOutcomeEvent;
import io.wellness.common.events.DeterministicIds;
import io.wellness.scheduler.delivery.channel.BreakMessages;
import io.wellness.scheduler.delivery.kafka.DeliveryEvents;
import io.wellness.scheduler.delivery.repository.DeliveryRecord;
import io.wellness.scheduler.delivery.repository.InboxRepository;
import io.wellness.scheduler.delivery.repository.OutcomeLogRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Turns an employee's choice into exactly one {@code microbreaks.outcomes} event per delivered message: the
 * outcome log's key admits the first choice only, so double clicks, retried callbacks and a second button find
 * the recorded choice and publish nothing.
 */
@ApplicationScoped
public class OutcomeService {
    private static final long PUBLISH_TIMEOUT_SECONDS = 10;

    private final OutcomeLogRepository outcomes;
    private final InboxRepository inbox;
    private final DeliveryEvents events;
    private final ObjectMapper json;

    public OutcomeService(OutcomeLogRepository outcomes, InboxRepository inbox, DeliveryEvents events, ObjectMapper json) {
        this.outcomes = outcomes;
        this.inbox = inbox;
        this.events = events;
        this.json = json;
    }

    /** The choice that stands for the message ({@code firstRecorded} false when an earlier one did). */
    public record Recorded(BreakOutcome outcome, boolean firstRecorded, BreakDueEvent event) {
    }

    public Recorded record(DeliveryRecord delivery, BreakOutcome outcome, String channel) throws SQLException {
        BreakDueEvent event = readEvent(delivery);
        int snoozeNumber = outcome == BreakOutcome.SNOOZED ? delivery.key().snoozeCount() + 1 : delivery.key().snoozeCount();
        UUID outcomeId = DeterministicIds.outcomeId(delivery.key().breakId(), outcome, snoozeNumber);
        Instant now = Instant.now();
        if (!outcomes.tryRecord(delivery.key(), outcomeId, delivery.employeeId(), outcome, channel, now)) {
            BreakOutcome earlier = outcomes.find(delivery.key()).orElse(outcome);
            return new Recorded(earlier, false, event);
        }
        BreakOutcomeEvent published = new BreakOutcomeEvent(outcomeId, delivery.key().breakId(), delivery.employeeId(),
                outcome, now, channel, snoozeNumber,
                BreakMessages.exercises(event).stream().map(BreakDueEvent.PlannedExercise::id).toList());
        try {
            events.outcome(published).toCompletableFuture().get(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            outcomes.forget(delivery.key(), outcomeId);
            throw new IllegalStateException("the outcome could not be published; the employee may choose again", e);
        } catch (InterruptedException e) {
            outcomes.forget(delivery.key(), outcomeId);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the outcome", e);
        }
        inbox.setOutcome(delivery.key(), outcome, now);
        return new Recorded(outcome, true, event);
    }

    public BreakDueEvent readEvent(DeliveryRecord delivery) {
        try {
            return json.readValue(delivery.eventJson(), BreakDueEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the delivery log holds an unreadable event for break " + delivery.key().breakId(), e);
        }
    }
}
