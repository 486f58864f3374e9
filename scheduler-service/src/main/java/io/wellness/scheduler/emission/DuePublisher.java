package io.wellness.scheduler.emission;

import io.wellness.common.events.CloudEvents;
import io.wellness.common.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Sends due events to {@code microbreaks.due} (keyed by employee, CloudEvents headers, the stored plan JSON spliced
 * in) and returns only once the broker acknowledged every one of them, so the caller may then mark them as emitted.
 */
@ApplicationScoped
public class DuePublisher {
    static final String SOURCE = "/scheduler-service";

    /** One due event as the emitter knows it; {@code planKey} refers to a stored plan. */
    public record DueRecord(UUID breakId, int snoozeCount, String employeeId, Instant dueAt, String team,
                            String timeZone, String locale, String channelType, String channelAddress, String planKey) {
    }

    @Inject
    @Named("due-producer")
    Producer<String, byte[]> producer;

    /** Sends the records and waits for all acknowledgements; throws when the broker refused any of them. */
    public void publish(List<DueRecord> records, Map<String, String> planJsonByKey) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        Map<String, byte[]> planBytes = new HashMap<>();
        for (DueRecord record : records) {
            byte[] plan = planBytes.computeIfAbsent(record.planKey(), key -> planJsonByKey.get(key).getBytes(StandardCharsets.UTF_8));
            byte[] value = DueEventJson.encode(record.breakId(), record.employeeId(), record.team(), record.dueAt(),
                    record.timeZone(), record.locale(), record.channelType(), record.channelAddress(), plan, record.snoozeCount());
            String eventId = record.snoozeCount() == 0 ? record.breakId().toString() : record.breakId() + "." + record.snoozeCount();
            acks.add(producer.send(new ProducerRecord<>(Topics.DUE, null, record.employeeId(), value,
                    CloudEvents.headers(eventId, SOURCE, CloudEvents.TYPE_DUE, record.employeeId(), record.dueAt(), null))));
        }
        // no flush: linger.ms fills batches across the emitting threads; waiting for the acknowledgements is enough
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("broker refused a due event; the batch is not marked as emitted", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the broker", e);
            }
        }
    }
}
