package io.wellness.tracking.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.wellness.common.events.BreakOutcome;
import io.wellness.common.events.BreakOutcomeEvent;
import io.wellness.common.events.CloudEvents;
import io.wellness.common.events.DeterministicIds;
import io.wellness.common.problem.ProblemException;
import io.wellness.tracking.repository.EmployeeDataRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An employee marks their own break done or skipped: the same outcome event the chat adapters publish goes to
 * microbreaks.outcomes, so every consumer (this service included) sees one stream. The event id is deterministic,
 * so a double click is one event.
 */
@ApplicationScoped
public class OutcomePublisher {
    static final String SOURCE = "/tracking-service";
    static final String CHANNEL_WEB = "web";

    @Inject
    @Channel("outcomes-out")
    MutinyEmitter<byte[]> emitter;

    @Inject
    EmployeeDataRepository employeeData;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    public BreakOutcomeEvent publish(String employeeId, UUID breakId, BreakOutcome outcome, String correlationId) {
        EmployeeDataRepository.BreakRow row = employeeData.findBreak(breakId);
        if (row == null) {
            throw ProblemException.notFound("Break", breakId);
        }
        if (!row.employeeId().equals(employeeId)) {
            throw ProblemException.forbidden("only the employee a break was offered to can record its outcome");
        }
        List<String> exercises = outcome == BreakOutcome.COMPLETED ? row.plannedExercises() : List.of();
        Instant now = clock.instant();
        BreakOutcomeEvent event = new BreakOutcomeEvent(DeterministicIds.outcomeId(breakId, outcome, 0), breakId, employeeId,
                outcome, now, CHANNEL_WEB, 0, exercises);
        byte[] value;
        try {
            value = json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outcome event could not be serialised", e);
        }
        var metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(employeeId)
                .withHeaders(CloudEvents.headers(event.eventId().toString(), SOURCE, CloudEvents.TYPE_OUTCOME,
                        breakId.toString(), now, correlationId))
                .build();
        emitter.sendMessageAndAwait(Message.of(value).addMetadata(metadata));
        return event;
    }
}
