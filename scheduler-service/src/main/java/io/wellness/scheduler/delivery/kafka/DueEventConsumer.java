package io.wellness.scheduler.delivery.kafka;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.wellness.scheduler.delivery.service.DeliveryPhases;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Reads {@code microbreaks.due} in its own consumer group ({@code wellness-delivery}) and hands each poll to the
 * claim lanes without blocking (it runs on the connector's event loop), so the next poll is never held up by the
 * claim of the previous one. The records are acknowledged by the lanes once their claim is durable.
 */
@ApplicationScoped
public class DueEventConsumer {
    private final DueClaimLanes lanes;
    private final DeliveryPhases phases;

    public DueEventConsumer(DueClaimLanes lanes, DeliveryPhases phases) {
        this.lanes = lanes;
        this.phases = phases;
    }

    @Incoming("delivery-due")
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        long nowMillis = System.currentTimeMillis();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            if (record.getTimestamp() != null) {
                phases.record(DeliveryPhases.Phase.KAFKA,
                        TimeUnit.MILLISECONDS.toNanos(nowMillis - record.getTimestamp().toEpochMilli()));
            }
        }
        return lanes.handOver(batch);
    }
}
