package io.wellness.tracking.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.BreakOutcome;
import io.wellness.common.events.BreakOutcomeEvent;
import io.wellness.common.events.CloudEvents;
import io.wellness.common.events.DeterministicIds;
import io.wellness.common.events.Topics;
import io.wellness.infra.quarkus.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Publishes break events the way the scheduler and the chat adapters do: keyed by employee, CloudEvents headers. */
public final class TrackingEvents implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());

    public static BreakDueEvent due(String employeeId, String team, Instant dueAt, String timeZone, int snoozeCount,
                                    String... exerciseIds) {
        List<BreakDueEvent.PlannedExercise> exercises = java.util.Arrays.stream(exerciseIds)
                .map(id -> new BreakDueEvent.PlannedExercise(id, id, 60, "summary", List.of("step"), "1x", List.of()))
                .toList();
        return new BreakDueEvent(DeterministicIds.breakId(employeeId, dueAt), employeeId, team, dueAt, timeZone, "en",
                new BreakDueEvent.Channel("web", employeeId), new BreakDueEvent.Plan(1L, "v1", 60 * exercises.size(), exercises),
                snoozeCount);
    }

    public static BreakOutcomeEvent outcome(BreakDueEvent due, BreakOutcome outcome, int snoozeNumber, Instant at) {
        return new BreakOutcomeEvent(DeterministicIds.outcomeId(due.breakId(), outcome, snoozeNumber), due.breakId(),
                due.employeeId(), outcome, at, "slack", snoozeNumber, List.of());
    }

    /** The scheduler's message id for a (re-)emission of a break. */
    public static UUID dueMessageId(BreakDueEvent due) {
        return DeterministicIds.nameBased("due-message|" + due.breakId() + "|" + due.snoozeCount());
    }

    public void send(BreakDueEvent event) {
        send(Topics.DUE, event.employeeId(), dueMessageId(event).toString(), CloudEvents.TYPE_DUE, event.breakId().toString(), event);
    }

    public void send(BreakOutcomeEvent event) {
        send(Topics.OUTCOMES, event.employeeId(), event.eventId().toString(), CloudEvents.TYPE_OUTCOME, event.breakId().toString(), event);
    }

    /** A record as a misbehaving producer might send it. */
    public void sendRaw(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish a test record", e);
        }
    }

    private void send(String topic, String key, String id, String type, String subject, Object event) {
        try {
            var record = new ProducerRecord<>(topic, null, key, JSON.writeValueAsBytes(event),
                    CloudEvents.headers(id, "/tests", type, subject, Instant.now(), null));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish a test event", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
