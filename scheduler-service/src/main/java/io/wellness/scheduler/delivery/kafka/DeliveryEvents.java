package io.wellness.scheduler.delivery.kafka;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.wellness.common.events.BreakDeliveredEvent;
import io.wellness.common.events.BreakOutcomeEvent;
import io.wellness.common.events.CloudEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** What delivery publishes: attempt results, outcomes and dead letters, keyed by employee id, CloudEvents headers. */
@ApplicationScoped
public class DeliveryEvents {
    public static final String SOURCE = "/wellness/scheduler-service/delivery";
    public static final String HEADER_DEAD_LETTER_REASON = "wellness-dead-letter-reason";
    public static final String HEADER_DEAD_LETTER_ATTEMPTS = "wellness-dead-letter-attempts";
    public static final String HEADER_DEAD_LETTER_CHANNEL = "wellness-dead-letter-channel";

    @Inject
    @Channel("delivery-delivered")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
    Emitter<BreakDeliveredEvent> delivered;

    @Inject
    @Channel("delivery-outcomes")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2_000)
    Emitter<BreakOutcomeEvent> outcomes;

    @Inject
    @Channel("delivery-dead-letter")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2_000)
    Emitter<ObjectNode> deadLetters;

    /** Attempt results are telemetry: sent without waiting; a failed send is logged, the delivery is not retried. */
    public void delivered(BreakDeliveredEvent event) {
        Headers headers = CloudEvents.headers(event.attemptId().toString(), SOURCE, CloudEvents.TYPE_DELIVERED,
                event.breakId().toString(), event.at(), null);
        send(delivered, event, event.employeeId(), headers).exceptionally(failure -> {
            Log.warnf("delivery result of break %s not published: %s", event.breakId(), failure.toString());
            return null;
        });
    }

    /** Completes when Kafka acknowledged the outcome. */
    public CompletionStage<Void> outcome(BreakOutcomeEvent event) {
        Headers headers = CloudEvents.headers(event.eventId().toString(), SOURCE, CloudEvents.TYPE_OUTCOME,
                event.breakId().toString(), event.occurredAt(), null);
        return send(outcomes, event, event.employeeId(), headers);
    }

    /** Completes when Kafka acknowledged the dead letter. The reason is in the headers and in the body. */
    public CompletionStage<Void> deadLetter(ObjectNode body, String employeeId, String eventId, String reason,
                                            int attempts, String channel, java.time.Instant at) {
        Headers headers = CloudEvents.headers(eventId, SOURCE, CloudEvents.TYPE_DUE, eventId, at, null);
        headers.add(HEADER_DEAD_LETTER_REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_DEAD_LETTER_ATTEMPTS, Integer.toString(attempts).getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_DEAD_LETTER_CHANNEL, (channel == null ? "unknown" : channel).getBytes(StandardCharsets.UTF_8));
        return send(deadLetters, body, employeeId, headers);
    }

    private static <T> CompletionStage<Void> send(Emitter<T> emitter, T payload, String key, Headers headers) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(headers).build();
        Message<T> message = Message.of(payload, Metadata.of(metadata))
                .withAck(() -> {
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    done.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }
}
